import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'several replicas; scaled to zero on purpose',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: web:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: parked
spec:
  replicas: 0
  selector:
    matchLabels: {app: parked}
  template:
    metadata:
      labels: {app: parked}
    spec:
      containers:
      - name: app
        image: parked:1.0
`,
    },
    {
      name: 'replica count left to an autoscaler (an HPA, a KEDA ScaledObject)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: api:2.0
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: api
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: api}
  minReplicas: 1
  maxReplicas: 5
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: consumer
spec:
  replicas: 1
  selector:
    matchLabels: {app: consumer}
  template:
    metadata:
      labels: {app: consumer}
    spec:
      containers:
      - name: consumer
        image: consumer:2.0
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata:
  name: consumer
spec:
  scaleTargetRef:
    name: consumer
  triggers:
  - type: kafka
    metadata: {topic: orders}
`,
    },
  ],
  invalid: [
    {
      name: 'replicas left to the default of one',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: web:1.0
`,
      expect: [{ line: 5, column: 1, path: 'spec.replicas', message: 'Deployment "web" sets no replicas, so it runs one' }],
    },
    {
      name: 'an explicit single replica; the HPA in the input targets another workload',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
spec:
  serviceName: cache
  replicas: 1
  selector:
    matchLabels: {app: cache}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
      - name: cache
        image: redis:7
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: cache
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: cache}
  maxReplicas: 3
`,
      expect: [{ line: 7, column: 3, path: 'spec.replicas', message: 'StatefulSet "cache" runs a single replica' }],
    },
  ],
};
