import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'every container, init containers included, requests CPU',
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
          requests: {cpu: 50m}
      containers:
      - name: app
        image: web:1.4
        resources:
          requests:
            cpu: 250m
`,
    },
    {
      name: 'a CPU limit alone: Kubernetes copies it into the request',
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
        cpu: "1"
`,
    },
    {
      name: 'a LimitRange in the same namespace defaults the request (from max, as the API server fills it in)',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: compute
  namespace: shop
spec:
  limits:
  - type: Container
    max:
      cpu: "2"
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
`,
    },
    {
      name: 'pod-level requests cover every container; ephemeral containers cannot set resources',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  resources:
    requests:
      cpu: 500m
  containers:
  - name: app
    image: web:1.4
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: 'no resources at all, in a container and an init container',
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
      containers:
      - name: app
        image: web:1.4
        resources:
          limits:
            memory: 256Mi
`,
      expect: [
        { line: 9, column: 9, path: 'spec.template.spec.initContainers[0].resources.requests.cpu', container: 'migrate', message: 'init container "migrate" has no CPU request' },
        { line: 14, column: 9, path: 'spec.template.spec.containers[0].resources.requests.cpu', container: 'app', message: 'no LimitRange in namespace "default"' },
      ],
    },
    {
      name: 'a LimitRange of another namespace, or with Pod items only, supplies no default',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: compute
  namespace: other
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: 100m
---
apiVersion: v1
kind: LimitRange
metadata:
  name: pod-max
  namespace: shop
spec:
  limits:
  - type: Pod
    max:
      cpu: "4"
---
apiVersion: v1
kind: Pod
metadata:
  name: worker
  namespace: shop
spec:
  containers:
  - name: worker
    image: worker:2.0
`,
      expect: [{ line: 30, column: 5, path: 'spec.containers[0].resources.requests.cpu', container: 'worker', message: 'namespace "shop"' }],
    },
    {
      name: 'a zero request counts as none, even with a LimitRange default',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: compute
spec:
  limits:
  - type: Container
    defaultRequest:
      cpu: 100m
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
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
            resources:
              requests:
                cpu: "0"
`,
      expect: [{ line: 27, column: 17, path: 'spec.jobTemplate.spec.template.spec.containers[0].resources.requests.cpu', container: 'report', message: 'to 0' }],
    },
  ],
};
