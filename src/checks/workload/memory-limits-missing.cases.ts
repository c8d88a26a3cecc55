import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'memory limited in every container; the ephemeral debug container cannot be',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.4
    resources:
      requests: {memory: 256Mi}
      limits: {memory: 256Mi}
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
    },
    {
      name: 'a LimitRange default in the namespace',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: memory
  namespace: shop
spec:
  limits:
  - type: Container
    default:
      memory: 512Mi
    defaultRequest:
      memory: 256Mi
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: redis
        image: redis:7.4
`,
    },
    {
      name: 'a pod-level memory limit bounds every container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  resources:
    limits:
      memory: 1Gi
  containers:
  - name: app
    image: web:1.4
`,
    },
  ],
  invalid: [
    {
      name: 'a memory request does not limit anything',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
        resources:
          requests:
            memory: 256Mi
`,
      expect: [{ line: 11, column: 9, path: 'spec.template.spec.containers[0].resources.limits.memory', container: 'app', message: 'container "app" has no memory limit' }],
    },
    {
      name: 'an init container without a limit, and a LimitRange that only caps whole pods',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: pod-cap
spec:
  limits:
  - type: Pod
    max:
      memory: 2Gi
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
          - name: wait-for-db
            image: busybox:1.36
          containers:
          - name: backup
            image: backup:1.0
            resources:
              limits:
                memory: 512Mi
`,
      expect: [{ line: 23, column: 13, path: 'spec.jobTemplate.spec.template.spec.initContainers[0].resources.limits.memory', container: 'wait-for-db', message: 'init container "wait-for-db"' }],
    },
    {
      name: 'a zero memory limit means no limit',
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
        memory: "0"
`,
      expect: [{ line: 11, column: 9, message: 'sets resources.limits.memory to 0, which means no limit' }],
    },
  ],
};
