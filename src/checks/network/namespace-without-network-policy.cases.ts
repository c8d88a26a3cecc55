import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a default-deny policy in the namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: networking.k8s.io/v1
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
      name: 'near miss: a Cilium policy counts, host-network pods are not governed by policies, and a namespace without workloads needs none',
      yaml: `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata:
  name: api
  namespace: api
spec:
  endpointSelector: {}
  ingress:
  - fromEndpoints:
    - matchLabels: {app: web}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-flannel-ds
  namespace: kube-flannel
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: kube-flannel
        image: ghcr.io/flannel-io/flannel:v0.26.4
---
apiVersion: v1
kind: Namespace
metadata:
  name: empty
`,
    },
    {
      name: 'near miss: a BaselineAdminNetworkPolicy default deny protects namespaces that have no NetworkPolicy',
      yaml: `apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata:
  name: default
spec:
  subject:
    namespaces: {}
  ingress:
  - name: deny-all-ingress
    action: Deny
    from:
    - namespaces: {}
---
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'a Namespace object whose workloads have no policy',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
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
          message: 'namespace "shop" runs 2 workloads (Deployment/web, StatefulSet/redis) but has no NetworkPolicy',
        },
      ],
    },
    {
      name: 'no Namespace object: reported on the first workload; a policy in another namespace does not count',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: other
spec:
  podSelector: {}
---
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: registry.example.com/migrate:1.0.0
`,
      expect: [{ line: 11, column: 1, path: 'metadata.namespace', message: 'namespace "default" runs 1 workload (Job/migrate)' }],
    },
    {
      name: 'an AdminNetworkPolicy that only keeps pods from the cloud metadata address leaves the namespace open',
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
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: blog
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.27
`,
      expect: [
        {
          line: 19,
          column: 3,
          path: 'metadata.namespace',
          message:
            'namespace "blog" runs 1 workload (Deployment/web) but has no NetworkPolicy, and the admin network policies that apply to them leave them open: its pods accept traffic from any pod and can connect anywhere',
        },
      ],
    },
  ],
};
