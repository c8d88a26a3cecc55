import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'memory requested by the app and by its sidecar init container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: proxy
        image: envoy:1.31
        restartPolicy: Always
        resources:
          requests: {memory: 64Mi}
      containers:
      - name: app
        image: web:1.4
        resources:
          requests:
            memory: 256Mi
`,
    },
    {
      name: 'a memory limit alone: Kubernetes copies it into the request',
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
        memory: 512Mi
`,
    },
    {
      name: 'a LimitRange default limit also becomes the default request (both objects in the deploy namespace)',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: memory
spec:
  limits:
  - type: Container
    default:
      memory: 256Mi
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:3.2
`,
    },
    {
      name: 'pod-level memory limit (pod-level requests default to it)',
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
  - name: log-shipper
    image: fluent-bit:3.1
`,
    },
  ],
  invalid: [
    {
      name: 'CPU requested but not memory',
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
        cpu: 100m
`,
      expect: [{ line: 10, column: 7, path: 'spec.containers[0].resources.requests.memory', container: 'app', message: 'container "app" has no memory request' }],
    },
    {
      name: 'the LimitRange is in another namespace than the workload, whose namespace comes from the deploy context',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: memory
  namespace: prod
spec:
  limits:
  - type: Container
    defaultRequest:
      memory: 128Mi
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
      expect: [{ line: 20, column: 9, path: 'spec.template.spec.containers[0].resources.requests.memory', container: 'api', message: 'namespace "default"' }],
    },
    {
      name: 'a zero memory request',
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
        memory: 0Mi
      limits:
        memory: 512Mi
`,
      expect: [{ line: 11, column: 9, path: 'spec.containers[0].resources.requests.memory', message: 'sets resources.requests.memory to 0' }],
    },
  ],
};
