import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a default deny, and an admin policy that lets in the monitoring namespace only',
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
    ports:
    - portNumber: {port: 9090, protocol: TCP}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
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
      name: 'near miss: a NetworkPolicy rule for every namespace is reported on the rule (network-policy-allows-all-sources); a workload nothing restricts is reported as not isolated',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: web}
  ingress:
  - from:
    - namespaceSelector: {}
    ports: [{port: 8080}]
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
      name: 'an admin Allow for all namespaces overrides the NetworkPolicy default deny',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: metrics-from-anywhere
spec:
  priority: 10
  subject:
    namespaces: {}
  ingress:
  - name: metrics
    action: Allow
    from:
    - namespaces: {}
    ports:
    - portNumber: {port: 9090, protocol: TCP}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Ingress]
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
          line: 34,
          column: 7,
          path: 'spec.template.metadata.labels',
          message:
            'any pod of any namespace can connect to the pods of Deployment "api" on TCP 9090: AdminNetworkPolicy metrics-from-anywhere, rule spec.ingress[0] (metrics), allows TCP 9090',
        },
      ],
    },
    {
      name: 'no NetworkPolicy, and an admin policy that only denies SSH: everything else is open to every namespace',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata:
  name: no-ssh
spec:
  priority: 20
  subject:
    namespaces: {}
  ingress:
  - name: ssh
    action: Deny
    from:
    - namespaces: {}
    ports:
    - portNumber: {port: 22, protocol: TCP}
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
          line: 34,
          column: 7,
          path: 'spec.template.metadata.labels',
          message:
            'on SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535: no NetworkPolicy selects them for ingress, so what AdminNetworkPolicy no-ssh leaves open (SCTP 1-65535,TCP 1-21,23-65535,UDP 1-65535) is allowed',
        },
      ],
    },
  ],
};
