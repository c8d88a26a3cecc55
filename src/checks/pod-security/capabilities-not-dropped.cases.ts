import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'drop ALL, then add back NET_BIND_SERVICE',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      initContainers:
      - name: setup
        image: busybox:1.36
        securityContext:
          capabilities:
            drop: ["ALL"]
      containers:
      - name: controller
        image: ingress-nginx/controller:v1.11.2
        securityContext:
          capabilities:
            drop:
            - ALL
            add:
            - NET_BIND_SERVICE
`,
    },
    {
      name: 'ALL among other entries',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [NET_RAW, ALL]
`,
    },
    {
      name: 'Windows pods have no Linux capabilities',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
  ],
  invalid: [
    {
      name: 'no capabilities at all: points at the container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [{ line: 7, column: 5, path: 'spec.containers[0].securityContext.capabilities.drop', container: 'app', message: 'does not drop ALL' }],
    },
    {
      name: 'drops some, not all',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop:
        - NET_RAW
        - SYS_CHROOT
`,
      expect: [{ line: 11, column: 9, container: 'app', message: 'drops only NET_RAW, SYS_CHROOT, not ALL' }],
    },
    {
      name: 'lower-case "all" works at runtime but is not accepted by the restricted level',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          capabilities:
            drop: [all]
`,
      expect: [{ line: 13, column: 20, path: 'spec.template.spec.containers[0].securityContext.capabilities.drop[0]', message: 'rejects any spelling but "ALL"' }],
    },
    {
      name: 'CAP_ALL is not ALL to any runtime',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop:
        - CAP_ALL
`,
      expect: [{ line: 12, column: 11, path: 'spec.containers[0].securityContext.capabilities.drop[0]', container: 'app', message: 'do not read as ALL' }],
    },
    {
      name: 'the ephemeral debug container counts too',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [ALL]
  ephemeralContainers:
  - name: debugger
    image: busybox:1.36
    securityContext:
      runAsNonRoot: true
`,
      expect: [{ line: 15, column: 5, path: 'spec.ephemeralContainers[0].securityContext.capabilities.drop', container: 'debugger' }],
    },
  ],
};
