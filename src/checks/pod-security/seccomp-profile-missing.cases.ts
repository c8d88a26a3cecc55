import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'RuntimeDefault on the pod covers every container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      initContainers:
      - name: init
        image: busybox:1.36
      containers:
      - name: app
        image: nginx:1.27
`,
    },
    {
      name: 'containers override an Unconfined pod profile',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seccompProfile:
        type: Localhost
        localhostProfile: profiles/web.json
`,
    },
    {
      name: 'Windows pods have no seccomp',
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
      name: 'nothing set, two containers',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: proxy
    image: envoy:1.30
    securityContext:
      runAsNonRoot: true
`,
      expect: [
        { line: 7, column: 5, path: 'spec.containers[0].securityContext.seccompProfile', container: 'app', message: 'neither it nor the pod' },
        { line: 11, column: 5, path: 'spec.containers[1].securityContext.seccompProfile', container: 'proxy' },
      ],
    },
    {
      name: 'Unconfined on the pod: one finding naming the inheriting containers',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
      - name: agent
        image: agent:2.1
      - name: exporter
        image: exporter:1.0
      - name: confined
        image: sidecar:1.0
        securityContext:
          seccompProfile: {type: RuntimeDefault}
`,
      expect: [
        { line: 10, column: 11, path: 'spec.template.spec.securityContext.seccompProfile.type', message: 'inherited by containers "agent", "exporter"' },
      ],
    },
    {
      name: 'a container opts out of a good pod profile',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seccompProfile:
        type: Unconfined
`,
      expect: [{ line: 14, column: 9, path: 'spec.containers[0].securityContext.seccompProfile.type', container: 'app', message: 'sets seccompProfile.type: Unconfined' }],
    },
  ],
};
