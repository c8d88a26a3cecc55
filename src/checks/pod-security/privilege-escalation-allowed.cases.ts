import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'every container forbids escalation',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: init
        image: busybox:1.36
        securityContext:
          allowPrivilegeEscalation: false
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: no
`,
    },
    {
      name: 'Windows pods have no such setting',
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
    {
      name: 'kinds that run no pods are not checked',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  allowPrivilegeEscalation: "true"
`,
    },
  ],
  invalid: [
    {
      name: 'unset: points at the container, where the fix goes',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [{ line: 7, column: 5, path: 'spec.containers[0].securityContext.allowPrivilegeEscalation', message: 'defaults to true' }],
    },
    {
      name: 'security context without the field: points at securityContext',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
      - name: db
        image: postgres:16
        securityContext:
          runAsNonRoot: true
`,
      expect: [{ line: 11, column: 9, container: 'db' }],
    },
    {
      name: 'explicitly true, in the second container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: false
  - name: sidecar
    image: envoy:1.30
    securityContext:
      allowPrivilegeEscalation: true
`,
      expect: [{ line: 14, column: 7, container: 'sidecar', message: 'sets allowPrivilegeEscalation: true' }],
    },
  ],
};
