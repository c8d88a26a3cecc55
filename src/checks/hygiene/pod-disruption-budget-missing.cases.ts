import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a budget selects the pods',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: frontend}
    spec:
      containers:
      - name: app
        image: web:1.0
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
  namespace: shop
spec:
  maxUnavailable: 1
  selector:
    matchLabels: {tier: frontend}
`,
    },
    {
      name: 'one replica (defaulted or explicit) needs no budget',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
      - name: worker
        image: worker:1.0
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 1
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
`,
    },
    {
      name: 'a policy/v1 budget with an empty selector covers every pod of its namespace',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk
  replicas: 3
  selector:
    matchLabels: {app: zk}
  template:
    metadata:
      labels: {app: zk}
    spec:
      containers:
      - name: zk
        image: zookeeper:3.9
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: all
spec:
  maxUnavailable: 1
  selector: {}
`,
    },
  ],
  invalid: [
    {
      name: 'the namespace has budgets, none for this workload',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 3
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
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`,
      expect: [{ line: 6, column: 3, path: 'spec.replicas', message: 'Deployment "api" runs 3 replicas, but no PodDisruptionBudget of namespace "default" selects its pods: a node drain' }],
    },
    {
      name: 'no budget anywhere in the input: reported at info severity',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: etcd
spec:
  serviceName: etcd
  replicas: 3
  selector:
    matchLabels: {app: etcd}
  template:
    metadata:
      labels: {app: etcd}
    spec:
      containers:
      - name: etcd
        image: etcd:3.5
`,
      expect: [{ line: 7, column: 3, path: 'spec.replicas', message: '(the input has none at all)' }],
    },
    {
      name: 'replicas come from an autoscaler; a policy/v1beta1 empty selector selects nothing',
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
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 10
---
apiVersion: policy/v1beta1
kind: PodDisruptionBudget
metadata:
  name: everything
spec:
  maxUnavailable: 1
  selector: {}
`,
      expect: [{ line: 5, column: 1, path: 'spec.replicas', message: 'runs 2 replicas (its HorizontalPodAutoscaler keeps at least 2)' }],
    },
  ],
};
