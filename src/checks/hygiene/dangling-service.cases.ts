import type { CheckCases } from '../../testing/index.js';

/** A StatefulSet whose controller names its pods `kafka-<n>`, for the per-pod Service cases. */
function kafka(replicas?: number): string {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
${replicas === undefined ? '' : `  replicas: ${replicas}\n`}  selector:
    matchLabels: {app: kafka}
  template:
    metadata:
      labels: {app: kafka}
    spec:
      containers:
      - name: kafka
        image: kafka:3.7
---
`;
}

export const cases: CheckCases = {
  valid: [
    {
      name: 'the Service selects a Deployment of its namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web, tier: frontend}
    spec:
      containers:
      - name: app
        image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports:
  - port: 80
`,
    },
    {
      name: 'a per-pod Service selects a label the StatefulSet controller adds',
      yaml: `${kafka(3)}apiVersion: v1
kind: Service
metadata:
  name: kafka-0-external
spec:
  type: LoadBalancer
  selector:
    statefulset.kubernetes.io/pod-name: kafka-0
  ports:
  - port: 9094
---
apiVersion: v1
kind: Service
metadata:
  name: kafka-1-external
spec:
  selector:
    statefulset.kubernetes.io/pod-name: kafka-1
    app: kafka
  ports:
  - port: 9094
`,
    },
    {
      name: 'partial inputs: no workload of the namespace, or pods made by an operator',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: backend
spec:
  selector: {app: api}
  ports:
  - port: 8080
---
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata:
  name: main
  namespace: monitoring
spec:
  replicas: 2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: exporter
  namespace: monitoring
spec:
  selector:
    matchLabels: {app: exporter}
  template:
    metadata:
      labels: {app: exporter}
    spec:
      containers:
      - name: exporter
        image: exporter:1.8
---
apiVersion: v1
kind: Service
metadata:
  name: prometheus
  namespace: monitoring
spec:
  selector: {prometheus: main}
  ports:
  - port: 9090
`,
    },
  ],
  invalid: [
    {
      name: 'a per-pod Service whose pod name belongs to another StatefulSet than its other label',
      yaml: `${kafka()}apiVersion: v1
kind: Service
metadata:
  name: zookeeper-0-external
spec:
  selector:
    statefulset.kubernetes.io/pod-name: zookeeper-0
    app: kafka
  ports:
  - port: 2181
`,
      expect: [
        {
          line: 22,
          column: 3,
          path: 'spec.selector',
          message:
            'selects statefulset.kubernetes.io/pod-name=zookeeper-0, app=kafka, but no pod template of namespace "default" in the input has these labels (closest: StatefulSet "kafka", whose pods have statefulset.kubernetes.io/pod-name="kafka-<n>"): the Service has no endpoints',
        },
      ],
    },
    {
      name: 'a per-pod Service with one label the pods lack: only that label is named as the difference',
      yaml: `${kafka()}apiVersion: v1
kind: Service
metadata:
  name: kafka-0-web
spec:
  selector:
    statefulset.kubernetes.io/pod-name: kafka-0
    app: kafka
    tier: web
  ports:
  - port: 8080
`,
      expect: [
        {
          line: 22,
          column: 3,
          path: 'spec.selector',
          message:
            'selects statefulset.kubernetes.io/pod-name=kafka-0, app=kafka, tier=web, but no pod template of namespace "default" in the input has these labels (closest: StatefulSet "kafka", whose pods have no tier): the Service has no endpoints',
        },
      ],
    },
    {
      name: 'a typo in the selector value',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
spec:
  selector:
    matchLabels: {app: frontend}
  template:
    metadata:
      labels: {app: frontend, tier: web}
    spec:
      containers:
      - name: app
        image: frontend:2.3
---
apiVersion: v1
kind: Service
metadata:
  name: frontend
spec:
  selector:
    app: frontned
    tier: web
  ports:
  - port: 80
    targetPort: 8080
`,
      expect: [
        {
          line: 21,
          column: 3,
          path: 'spec.selector',
          message: 'selects app=frontned, tier=web, but no pod template of namespace "default" in the input has these labels (closest: Deployment "frontend", whose pods have app="frontend"): the Service has no endpoints',
        },
      ],
    },
    {
      name: 'the matching workload lives in another namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: cart
  namespace: shop
spec:
  selector:
    matchLabels: {app: cart}
  template:
    metadata:
      labels: {app: cart}
    spec:
      containers:
      - name: cart
        image: cart:1.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: catalog
  namespace: store
spec:
  selector:
    matchLabels: {app: catalog}
  template:
    metadata:
      labels: {app: catalog}
    spec:
      containers:
      - name: catalog
        image: catalog:1.0
---
apiVersion: v1
kind: Service
metadata:
  name: cart
  namespace: store
spec:
  selector: {app: cart}
  ports:
  - port: 80
`,
      expect: [{ line: 39, column: 3, path: 'spec.selector', message: 'no pod template of namespace "store" in the input has these labels: the Service has no endpoints' }],
    },
  ],
};
