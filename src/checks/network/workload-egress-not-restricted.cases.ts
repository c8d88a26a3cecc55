import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a default deny for both directions',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
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
`,
    },
    {
      name: 'near miss: without policyTypes, a policy with egress rules restricts egress too',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api-egress
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
  egress:
  - to:
    - podSelector: {matchLabels: {app: db}}
    ports: [{port: 5432}]
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
`,
    },
    {
      name: 'near miss: an AdminNetworkPolicy that denies egress to the internet restricts egress without any NetworkPolicy selecting the pods for it',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: no-internet
spec:
  priority: 5
  subject:
    namespaces: {}
  egress:
  - name: internet
    action: Deny
    to:
    - networks: [0.0.0.0/0]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
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
`,
    },
  ],
  invalid: [
    {
      name: 'an ingress default deny (policyTypes defaults to Ingress only) leaves egress open',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
`,
      expect: [
        {
          line: 17,
          column: 7,
          path: 'spec.template.metadata.labels',
          message: 'the pods of Deployment "api" are selected by no NetworkPolicy for Egress in namespace "shop" (default-deny-ingress is Ingress only): they can connect to any address',
        },
      ],
    },
    {
      name: 'an empty egress list adds no Egress type; a policy for other pods does not count',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: lockdown
  namespace: jobs
spec:
  podSelector: {}
  egress: []
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web-egress
  namespace: jobs
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Egress]
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
  namespace: jobs
spec:
  schedule: "0 6 * * 1"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: report}
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: registry.example.com/report:1.2.0
`,
      expect: [{ line: 31, column: 11, path: 'spec.jobTemplate.spec.template.metadata.labels', message: 'CronJob "report" are selected by no NetworkPolicy for Egress in namespace "jobs" (lockdown is Ingress only; web-egress selects {app=web})' }],
    },
    {
      name: 'an Argo Rollout runs pods too',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: checkout
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: checkout}
    spec:
      containers:
      - name: checkout
        image: registry.example.com/checkout:3.1.0
`,
      expect: [{ line: 17, column: 7, path: 'spec.template.metadata.labels', message: 'the pods of Rollout "checkout" are selected by no NetworkPolicy for Egress' }],
    },
    {
      name: 'an AdminNetworkPolicy that only blocks the cloud metadata address leaves egress open',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: no-cloud-metadata
spec:
  priority: 5
  subject:
    namespaces: {}
  egress:
  - name: metadata
    action: Deny
    to:
    - networks: [169.254.169.254/32]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
  namespace: shop
spec:
  podSelector: {}
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
`,
      expect: [
        {
          line: 31,
          column: 7,
          path: 'spec.template.metadata.labels',
          message: '(default-deny-ingress is Ingress only; AdminNetworkPolicy no-cloud-metadata applies to them but leaves them open): they can connect to any address',
        },
      ],
    },
  ],
};
