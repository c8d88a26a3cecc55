import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'every container read-only, with an emptyDir for /tmp',
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
          readOnlyRootFilesystem: true
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          readOnlyRootFilesystem: yes
        volumeMounts:
        - name: tmp
          mountPath: /tmp
      volumes:
      - name: tmp
        emptyDir: {}
`,
    },
    {
      name: 'Windows containers cannot set it',
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
      name: 'unset on the container; a pod-level field does not exist',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    readOnlyRootFilesystem: true
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [{ line: 9, column: 5, path: 'spec.containers[0].securityContext.readOnlyRootFilesystem', container: 'app', message: 'does not set' }],
    },
    {
      name: 'explicitly false on a sidecar',
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
          readOnlyRootFilesystem: true
      - name: backup
        image: backup:1.0
        securityContext:
          readOnlyRootFilesystem: false
`,
      expect: [{ line: 16, column: 11, path: 'spec.template.spec.containers[1].securityContext.readOnlyRootFilesystem', container: 'backup', message: 'sets readOnlyRootFilesystem: false' }],
    },
  ],
};
