import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'Default, and unset',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      procMount: Default
  - name: sidecar
    image: envoy:1.30
`,
    },
    {
      name: 'Unmasked inside a user namespace (hostUsers: false)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: builder
spec:
  template:
    spec:
      hostUsers: false
      containers:
      - name: buildkit
        image: moby/buildkit:v0.15.2-rootless
        securityContext:
          procMount: Unmasked
`,
    },
  ],
  invalid: [
    {
      name: 'Unmasked on the host user namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: builder
spec:
  template:
    spec:
      containers:
      - name: buildkit
        image: moby/buildkit:v0.15.2-rootless
        securityContext:
          procMount: Unmasked
`,
      expect: [{ line: 12, column: 11, path: 'spec.template.spec.containers[0].securityContext.procMount', container: 'buildkit', message: 'procMount: Unmasked' }],
    },
    {
      name: 'hostUsers: true does not relax it; init container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: builder
spec:
  hostUsers: true
  initContainers:
  - name: prepare
    image: busybox:1.36
    securityContext: {procMount: Unmasked}
  containers:
  - name: app
    image: app:1.0
`,
      expect: [{ line: 10, column: 23, path: 'spec.initContainers[0].securityContext.procMount', container: 'prepare' }],
    },
  ],
};
