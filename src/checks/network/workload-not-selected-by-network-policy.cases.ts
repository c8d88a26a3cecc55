import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an empty podSelector default-deny covers every pod (policyTypes defaults to Ingress)',
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
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
`,
    },
    {
      name: 'near miss: selected through matchExpressions; a namespace without any policy is left to namespace-without-network-policy',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backends
  namespace: shop
spec:
  podSelector:
    matchExpressions:
    - {key: tier, operator: In, values: [backend, data]}
  ingress:
  - from:
    - podSelector: {matchLabels: {tier: frontend}}
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: redis
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: redis, tier: data}
    spec:
      containers:
      - name: redis
        image: redis:7.2
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
`,
    },
    {
      name: 'near miss: a BaselineAdminNetworkPolicy denying ingress isolates pods no NetworkPolicy selects; host-network pods and namespaces with Cilium policies are not judged',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-all
    action: Deny
    from:
    - namespaces: {}
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
  - from:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
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
kind: DaemonSet
metadata:
  name: node-exporter
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      containers:
      - name: node-exporter
        image: quay.io/prometheus/node-exporter:v1.8.2
`,
    },
  ],
  invalid: [
    {
      name: 'a policy for the web pods only leaves the api open',
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
          line: 20,
          column: 7,
          path: 'spec.template.metadata.labels',
          message: 'the pods of Deployment "api" are selected by no NetworkPolicy for Ingress in namespace "shop" (web selects {app=web}): any pod can connect to them',
        },
      ],
    },
    {
      name: 'an egress-only default deny does not isolate ingress; a Pod without labels',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes: [Egress]
---
apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
`,
      expect: [{ line: 11, column: 1, path: 'metadata.labels', message: 'the pods of Pod "debug" are selected by no NetworkPolicy for Ingress in namespace "default" (default-deny-egress is Egress only)' }],
    },
    {
      name: 'an AdminNetworkPolicy that only allows restricts nothing; a ReplicaSet and its pod count once, as the Deployment of the input',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: allow-monitoring
spec:
  priority: 10
  subject:
    namespaces: {}
  ingress:
  - name: prometheus
    action: Allow
    from:
    - namespaces:
        matchLabels: {kubernetes.io/metadata.name: monitoring}
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
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5d4f8
  namespace: shop
  ownerReferences:
  - {apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: 1f0c}
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
          line: 33,
          column: 7,
          path: 'spec.template.metadata.labels',
          message: '(default-deny-egress is Egress only; AdminNetworkPolicy allow-monitoring applies to them but leaves them open): any pod can connect to them',
        },
      ],
    },
  ],
};
