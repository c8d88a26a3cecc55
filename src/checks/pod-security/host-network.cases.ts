import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'hostNetwork not set',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
    },
    {
      name: 'hostNetwork explicitly false',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      hostNetwork: false
      containers:
      - name: app
        image: nginx:1.27
`,
    },
    {
      name: 'the quoted string "true" is not a boolean (the API server rejects it)',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostNetwork: "true"
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'DaemonSet on the host network',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: agent:2.1
`,
      expect: [{ line: 8, column: 7, path: 'spec.template.spec.hostNetwork', message: 'hostNetwork: true' }],
    },
    {
      name: 'YAML 1.1 `yes` on a Pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
  hostNetwork: yes
`,
      expect: [{ line: 9, column: 3, path: 'spec.hostNetwork' }],
    },
  ],
};
