import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a default deny for the namespace, then a policy per workload',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
  ingress:
  - from:
    - podSelector: {matchLabels: {app: web}}
    ports: [{port: 8080}]
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
      name: 'near miss: an empty-selector policy with narrow rules still isolates every pod; a baseline deny covers another namespace; a namespace without any policy is left to namespace-without-network-policy',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: same-namespace-only
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - from:
    - podSelector: {}
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
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces:
      matchLabels: {tier: apps}
  ingress:
  - name: deny-all
    action: Deny
    from:
    - pods:
        namespaceSelector: {}
        podSelector: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: blog
  labels: {tier: apps}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: blog
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
  namespace: blog
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: nginx:1.27
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
  namespace: jobs
spec:
  template:
    spec:
      containers:
      - name: worker
        image: registry.example.com/worker:1.0.0
`,
    },
  ],
  invalid: [
    {
      name: 'policies for some workloads only: the rest, and anything added later, is open',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
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
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: redis}
    spec:
      containers:
      - name: redis
        image: redis:7.2
`,
      expect: [
        {
          line: 4,
          column: 3,
          path: 'metadata.name',
          message:
            'namespace "shop" has no default-deny ingress policy: no NetworkPolicy there selects every pod for ingress and no admin network policy denies all ingress to its pods, so pods that no policy selects, 1 now (StatefulSet/redis) and any added later, accept traffic from any pod',
        },
      ],
    },
    {
      name: 'an empty-selector policy that allows everything is no default deny; an egress-only default deny neither; no Namespace object',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
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
          line: 24,
          column: 3,
          path: 'metadata.namespace',
          message: 'no NetworkPolicy there selects every pod for ingress (allow-all selects every pod, but its rule spec.ingress[0] allows everything) and no admin network policy denies all ingress to its pods, so pods added later accept traffic from any pod',
        },
      ],
    },
  ],
};
