import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the policy selects the web pods',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - ports: [{port: 8080}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    },
    {
      name: 'near miss: the namespace has no workload in the input (policies kept apart from the apps); NotIn selects pods without the label',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: db
  namespace: data
spec:
  podSelector:
    matchLabels: {app: postgres}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: not-batch
  namespace: shop
spec:
  podSelector:
    matchExpressions:
    - {key: tier, operator: NotIn, values: [batch]}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'a typo in the label value',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: apii}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
      expect: [
        {
          line: 7,
          column: 3,
          path: 'spec.podSelector',
          message:
            'NetworkPolicy "api" selects no pod: its podSelector {app=apii} matches none of the 2 workloads of namespace "shop" in the input (Deployment/api, Deployment/web), so its rules protect nothing',
        },
      ],
    },
    {
      name: 'an invalid selector selects nothing',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchExpressions:
    - {key: app, operator: In, values: []}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
      expect: [{ line: 7, column: 3, path: 'spec.podSelector', message: `NetworkPolicy "web" selects no pod: its podSelector is invalid (values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty)` }],
    },
  ],
};
