import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'runAsNonRoot on the pod covers every container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: app
        image: nginx:1.27
      - name: sidecar
        image: envoy:1.30
`,
    },
    {
      name: 'a non-zero runAsUser on the container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsUser: 10001
`,
    },
    {
      name: 'the container overrides a root pod user',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 0
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsUser: 1000
`,
    },
  ],
  invalid: [
    {
      name: 'nothing set',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [{ line: 7, column: 5, path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'may run as root' }],
    },
    {
      name: 'runAsUser 0 on the pod, inherited by the container',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      securityContext:
        runAsUser: 0
        runAsNonRoot: true
      containers:
      - name: migrate
        image: migrate:4
`,
      expect: [{ line: 9, column: 9, path: 'spec.template.spec.securityContext.runAsUser', message: 'runAsUser is 0 (from the pod security context)' }],
    },
    {
      name: 'runAsNonRoot false on the container overrides the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsNonRoot: false
`,
      expect: [{ line: 12, column: 7, path: 'spec.containers[0].securityContext.runAsNonRoot', message: 'runAsNonRoot is false' }],
    },
  ],
};
