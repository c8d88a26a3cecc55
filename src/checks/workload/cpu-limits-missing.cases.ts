import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'CPU limited in every container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: web:1.4
        resources:
          limits: {cpu: 500m}
      containers:
      - name: app
        image: web:1.4
        resources:
          requests:
            cpu: 250m
          limits:
            cpu: "1"
`,
    },
    {
      name: 'a LimitRange max becomes the default limit of its namespace',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: cpu-max
  namespace: batch
spec:
  limits:
  - type: Container
    max:
      cpu: "2"
---
apiVersion: batch/v1
kind: Job
metadata:
  name: import
  namespace: batch
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: import
        image: importer:0.9
`,
    },
    {
      name: 'a pod-level CPU limit bounds every container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  resources:
    limits:
      cpu: "2"
  containers:
  - name: app
    image: web:1.4
`,
    },
  ],
  invalid: [
    {
      name: 'CPU requested but not limited',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.4
    resources:
      requests:
        cpu: 250m
`,
      expect: [{ line: 9, column: 5, path: 'spec.containers[0].resources.limits.cpu', container: 'app', message: 'container "app" has no CPU limit' }],
    },
    {
      name: 'a LimitRange defaultRequest gives no limit',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: requests-only
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: 100m
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:5.0
`,
      expect: [{ line: 19, column: 9, container: 'api' }],
    },
    {
      name: 'a zero CPU limit means no limit',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.4
    resources:
      limits:
        cpu: 0
`,
      expect: [{ line: 11, column: 9, path: 'spec.containers[0].resources.limits.cpu', message: 'which means no limit' }],
    },
  ],
};
