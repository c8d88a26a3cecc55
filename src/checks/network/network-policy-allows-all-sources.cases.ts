import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'clients named by pod and namespace',
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
    - namespaceSelector:
        matchLabels: {kubernetes.io/metadata.name: ingress-nginx}
    - podSelector: {}
    ports: [{port: 8080}]
`,
    },
    {
      name: 'near miss: labelled pods of every namespace, a private range, and ingress rules of an Egress-only policy (which Kubernetes ignores)',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: metrics
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - from:
    - namespaceSelector: {}
      podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}
    - ipBlock: {cidr: 10.0.0.0/8}
    ports: [{port: 9090}]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-only
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  ingress:
  - {}
`,
    },
  ],
  invalid: [
    {
      name: 'an empty rule admits everything on every port',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  podSelector: {}
  ingress:
  - {}
`,
      expect: [
        {
          line: 9,
          column: 5,
          path: 'spec.ingress[0]',
          message:
            'NetworkPolicy "allow-all", ingress rule spec.ingress[0], has no "from": it admits every source, any pod of any namespace and any address, to every pod of namespace "shop" on all ports',
        },
      ],
    },
    {
      name: 'every namespace, the internet except private ranges, and an empty from, each on some ports only (low)',
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
    - ipBlock:
        cidr: 0.0.0.0/0
        except: [10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16]
    ports:
    - port: 8080
  - from: []
    ports:
    - {port: https, protocol: TCP}
`,
      expect: [
        {
          line: 11,
          column: 7,
          path: 'spec.ingress[0].from[0]',
          message: 'NetworkPolicy "web", ingress rule spec.ingress[0], admits any pod of every namespace (namespaceSelector {}) to pods {app=web} of namespace "shop" on TCP 8080',
        },
        {
          line: 13,
          column: 9,
          path: 'spec.ingress[0].from[1].ipBlock.cidr',
          message: 'admits traffic from the internet (ipBlock 0.0.0.0/0 except 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16) to pods {app=web} of namespace "shop" on TCP 8080',
        },
        { line: 17, column: 5, path: 'spec.ingress[1].from', message: 'ingress rule spec.ingress[1], has no "from": it admits every source, any pod of any namespace and any address, to pods {app=web} of namespace "shop" on port https' },
      ],
    },
  ],
};
