import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'named ports the selected pods (ingress) and the destination pods (egress) declare',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
  ingress:
  - ports: [{port: http}]
  egress:
  - to:
    - podSelector: {matchLabels: {app: postgres}}
    ports: [{port: postgres}]
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
        ports: [{name: http, containerPort: 8080}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: postgres}
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        ports: [{name: postgres, containerPort: 5432}]
`,
    },
    {
      name: 'near miss: destinations outside the input, a rule to any destination, a policy that selects no pod of the input, and a UDP port declared as UDP',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: dns
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: dns, protocol: UDP}]
  - ports: [{port: metrics}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: admin
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: admin}
  ingress:
  - ports: [{port: http}]
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: resolver
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: resolver}
    spec:
      containers:
      - name: resolver
        image: registry.example.com/resolver:1.0.0
        ports: [{name: dns, containerPort: 53, protocol: UDP}]
`,
    },
  ],
  invalid: [
    {
      name: 'the container calls its port web, the policy http',
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
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
    ports:
    - port: http
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
        ports:
        - name: web
          containerPort: 8080
`,
      expect: [
        {
          line: 13,
          column: 7,
          path: 'spec.ingress[0].ports[0].port',
          message:
            'NetworkPolicy "web", ingress rule spec.ingress[0], names port "http" (TCP), which no container of the pods the policy selects declares (Deployment/web): the rule allows nothing on it',
        },
      ],
    },
    {
      name: 'egress: a name the destination lacks, a protocol that differs, and a named port towards addresses',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector:
    matchLabels: {app: api}
  policyTypes: [Egress]
  egress:
  - to:
    - podSelector: {matchLabels: {app: postgres}}
    ports:
    - port: postgresql
    - port: metrics
      protocol: UDP
  - to:
    - ipBlock: {cidr: 10.0.0.0/8}
    ports: [{port: https}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: postgres
  namespace: shop
spec:
  template:
    metadata:
      labels: {app: postgres}
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        ports:
        - {name: postgres, containerPort: 5432}
        - {name: metrics, containerPort: 9187}
`,
      expect: [
        { line: 14, column: 7, path: 'spec.egress[0].ports[0].port', message: 'names port "postgresql" (TCP), which no container of the destination pods declares (StatefulSet/postgres)' },
        { line: 15, column: 7, path: 'spec.egress[0].ports[1].port', message: 'StatefulSet/postgres declares "metrics" as TCP 9187, not UDP: the rule allows nothing on it' },
        {
          line: 19,
          column: 14,
          path: 'spec.egress[1].ports[0].port',
          message: 'NetworkPolicy "api", egress rule spec.egress[1], names port "https" (TCP) towards ipBlock peers only: a named port resolves against pods, never addresses, so the rule allows nothing',
        },
      ],
    },
  ],
};
