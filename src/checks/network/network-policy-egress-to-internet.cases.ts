import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'egress to the database pods and to kube-dns',
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
    ports: [{port: 5432}]
  - to:
    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: kube-system}}
      podSelector: {matchLabels: {k8s-app: kube-dns}}
    ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
`,
    },
    {
      name: 'near miss: DNS to any resolver, a private range, and a block with a public range cut out',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: shop
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - ports: [{port: 53, protocol: UDP}, {port: 53, protocol: TCP}]
  - to:
    - ipBlock: {cidr: 0.0.0.0/0}
    ports: [{port: 53, protocol: UDP}]
  - to:
    - ipBlock: {cidr: 10.20.0.0/16}
    - ipBlock:
        cidr: 0.0.0.0/0
        except: [0.0.0.0/1]
`,
    },
  ],
  invalid: [
    {
      name: 'HTTPS to anywhere but the cloud metadata address',
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
    - ipBlock:
        cidr: 0.0.0.0/0
        except: [169.254.169.254/32]
    ports: [{port: 443}]
`,
      expect: [
        {
          line: 13,
          column: 9,
          path: 'spec.egress[0].to[0].ipBlock.cidr',
          message:
            'NetworkPolicy "api", egress rule spec.egress[0], allows traffic to the internet (ipBlock 0.0.0.0/0 except 169.254.169.254/32) from pods {app=api} of namespace "shop" on TCP 443',
        },
      ],
    },
    {
      name: 'an empty rule, and the whole IPv6 space',
      yaml: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
  namespace: shop
spec:
  podSelector: {}
  egress:
  - {}
  - to:
    - ipBlock: {cidr: "::/0"}
`,
      expect: [
        {
          line: 9,
          column: 5,
          path: 'spec.egress[0]',
          message: 'has no "to": it allows traffic to every address, on the internet and in the cluster, from every pod of namespace "shop" on all ports',
        },
        { line: 11, column: 17, path: 'spec.egress[1].to[0].ipBlock.cidr', message: 'allows traffic to the internet (ipBlock ::/0)' },
      ],
    },
  ],
};
