import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an application namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
`,
    },
    {
      name: 'Services, ConfigMaps and Secrets follow their workload and are not reported',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: default
spec:
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web
data:
  mode: production
`,
    },
  ],
  invalid: [
    {
      name: 'explicitly in the default namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
`,
      expect: [{ line: 5, column: 3, path: 'metadata.namespace', message: 'Deployment "web" is deployed to the default namespace' }],
    },
    {
      name: 'no namespace: the deploy context decides (informational)',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  labels:
    app: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: report:1.0
`,
      expect: [{ line: 3, column: 1, path: 'metadata.namespace', message: 'has no metadata.namespace, so it lands in the namespace of the deploy context' }],
    },
  ],
};
