import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'hostIPC not set',
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
`,
    },
    {
      name: 'hostIPC false next to other host settings this check does not own',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostIPC: false
  hostNetwork: true
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'Pod with hostIPC',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: shm
spec:
  hostIPC: true
  containers:
  - name: app
    image: app:1.0
`,
      expect: [{ line: 6, column: 3, path: 'spec.hostIPC', message: 'hostIPC: true' }],
    },
    {
      name: 'ReplicaSet with YAML 1.1 `on`',
      yaml: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: shm
spec:
  template:
    spec:
      containers:
      - name: app
        image: app:1.0
      hostIPC: on
`,
      expect: [{ line: 11, column: 7, path: 'spec.template.spec.hostIPC' }],
    },
  ],
};
