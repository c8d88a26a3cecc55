import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'one class per namespace (case does not matter); unlabelled workloads are not considered',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
  labels:
    data-classification: Confidential
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:5.0
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: payments
spec:
  template:
    metadata:
      labels:
        data-classification: confidential
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: exporter
  namespace: payments
spec:
  template:
    spec:
      containers:
      - name: exporter
        image: exporter:0.15
`,
    },
    {
      name: 'classes in separate namespaces; nodes are not compared unless asked',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: storefront
  labels: {data-classification: public}
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1.4
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
  labels: {data-classification: restricted}
spec:
  template:
    spec:
      containers:
      - name: api
        image: api:5.0
`,
    },
    {
      name: 'node separation: the sensitive class on dedicated, tainted nodes',
      options: { checkNodeSeparation: true },
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
  labels: {data-classification: restricted}
spec:
  template:
    spec:
      nodeSelector:
        pool: payments
      tolerations:
      - key: dedicated
        operator: Equal
        value: payments
        effect: NoSchedule
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
      containers:
      - name: api
        image: api:5.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: storefront
  labels: {data-classification: public}
spec:
  template:
    spec:
      tolerations:
      - key: node.kubernetes.io/not-ready
        operator: Exists
        effect: NoExecute
      containers:
      - name: web
        image: web:1.4
`,
    },
    {
      name: 'node separation: node selectors and required node affinity that no node can satisfy together',
      options: { checkNodeSeparation: true },
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: ledger-export
  namespace: finance
  labels: {data-classification: confidential}
spec:
  template:
    spec:
      restartPolicy: Never
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: pool
                operator: In
                values: [finance, finance-spot]
      containers:
      - name: export
        image: export:1.2
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: search
  namespace: storefront
  labels: {data-classification: public}
spec:
  template:
    spec:
      nodeSelector:
        pool: general
      containers:
      - name: search
        image: search:3.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: batch
  namespace: tools
  labels: {data-classification: internal}
spec:
  template:
    spec:
      affinity:
        nodeAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            nodeSelectorTerms:
            - matchExpressions:
              - key: pool
                operator: DoesNotExist
      containers:
      - name: batch
        image: batch:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'less sensitive workloads in a namespace that holds confidential data',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  template:
    metadata:
      labels:
        data-classification: confidential
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
  labels:
    data-classification: public
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1.4
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders
  namespace: shop
spec:
  template:
    metadata:
      labels:
        data-classification: internal
    spec:
      containers:
      - name: orders
        image: orders:2.2
`,
      expect: [
        { line: 22, column: 5, path: 'metadata.labels.data-classification', message: 'Deployment "web" is labelled data-classification=public but shares namespace "shop" with workloads labelled confidential: StatefulSet "db"' },
        { line: 39, column: 9, path: 'spec.template.metadata.labels.data-classification', message: 'Deployment "orders" is labelled data-classification=internal' },
      ],
    },
    {
      name: 'classes that are not ranked: the majority class holds the namespace (custom label)',
      options: { classificationLabel: 'acme.com/data' },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: crm
  labels: {acme.com/data: pii}
spec:
  containers:
  - name: crm
    image: crm:4.1
---
apiVersion: v1
kind: Pod
metadata:
  name: billing
  labels: {acme.com/data: pii}
spec:
  containers:
  - name: billing
    image: billing:1.0
---
apiVersion: v1
kind: Pod
metadata:
  name: newsletter
  labels: {acme.com/data: marketing}
spec:
  containers:
  - name: newsletter
    image: newsletter:0.4
`,
      expect: [{ line: 25, column: 12, path: 'metadata.labels["acme.com/data"]', message: 'workloads labelled pii (its majority class' }],
    },
    {
      name: 'node separation: a DaemonSet tolerating every taint reaches the dedicated nodes',
      options: { checkNodeSeparation: true },
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
  labels: {data-classification: restricted}
spec:
  template:
    spec:
      nodeSelector:
        pool: payments
      tolerations:
      - key: dedicated
        operator: Equal
        value: payments
        effect: NoSchedule
      containers:
      - name: api
        image: api:5.0
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: storefront
  labels: {data-classification: public}
spec:
  template:
    spec:
      containers:
      - name: web
        image: web:1.4
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: log-agent
  namespace: logging
  labels: {data-classification: internal}
spec:
  template:
    spec:
      tolerations:
      - operator: Exists
      containers:
      - name: agent
        image: fluent-bit:3.1
`,
      expect: [
        { line: 10, column: 7, path: 'spec.template.spec.nodeSelector', message: 'Deployment "api" (data-classification=restricted) may be scheduled onto the same nodes as workloads of other classes: DaemonSet "log-agent" (internal)' },
        { line: 42, column: 5, path: 'spec.template.spec.nodeSelector', message: 'DaemonSet "log-agent" (data-classification=internal) may be scheduled onto the same nodes as workloads of other classes: Deployment "web" (public)' },
      ],
    },
  ],
};
