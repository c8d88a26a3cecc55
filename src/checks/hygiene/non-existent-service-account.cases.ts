import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the ServiceAccount is defined; default always exists',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
      - name: app
        image: web:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
  namespace: shop
spec:
  serviceAccountName: default
  containers:
  - name: shell
    image: busybox:1.36
`,
    },
    {
      name: 'no ServiceAccount of the namespace in the input: managed elsewhere',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: backend
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      containers:
      - name: api
        image: api:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'a typo in serviceAccountName',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: payments
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
spec:
  selector:
    matchLabels: {app: payments}
  template:
    metadata:
      labels: {app: payments}
    spec:
      serviceAccountName: payment
      containers:
      - name: app
        image: payments:3.0
`,
      expect: [{ line: 17, column: 7, path: 'spec.template.spec.serviceAccountName', message: 'runs as ServiceAccount "payment", which the input does not define in namespace "default" (it defines "payments")' }],
    },
    {
      name: 'the deprecated serviceAccount field, in a CronJob; the account is defined in another namespace only',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: backup
  namespace: ops
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: reporter
  namespace: batch
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
  namespace: batch
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          serviceAccount: backup
          containers:
          - name: backup
            image: backup:1.0
`,
      expect: [{ line: 25, column: 11, path: 'spec.jobTemplate.spec.template.spec.serviceAccount', message: 'ServiceAccount "backup", which the input does not define in namespace "batch"' }],
    },
  ],
};
