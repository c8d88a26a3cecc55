import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an empty spec allows nothing: it denies every request',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: shop
spec: {}
`,
    },
    {
      name: 'an empty rule in a DENY policy denies everything, it allows nothing',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: deny-all
  namespace: shop
spec:
  action: DENY
  rules:
  - {}
`,
    },
    {
      name: 'named callers, and a wildcard principal narrowed by an operation',
      yaml: `apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    matchLabels:
      app: payments
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/checkout"]
  - from:
    - source:
        principals: ["*"]
    to:
    - operation:
        ports: ["15020"]
        paths: ["/healthz"]
`,
    },
    {
      name: 'a wildcard principal excluding a namespace is a condition; JWT wildcards are not peer wildcards',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: callers
  namespace: shop
spec:
  rules:
  - from:
    - source:
        principals: ["*"]
        notNamespaces: ["sandbox"]
  - from:
    - source:
        requestPrincipals: ["*"]
`,
    },
    {
      name: 'a dry-run policy is not enforced',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: try-open
  namespace: shop
  annotations:
    istio.io/dry-run: "true"
spec:
  rules:
  - {}
`,
    },
  ],
  invalid: [
    {
      name: 'the allow-all policy of the Istio documentation',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-all
  namespace: shop
spec:
  rules:
  - {}
`,
      expect: [{ line: 8, column: 5, path: 'spec.rules[0]', message: 'allows all traffic to every workload of namespace "shop"' }],
    },
    {
      name: 'mesh-wide: empty from, to and when lists and an empty source match everything',
      yaml: `apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: open
  namespace: istio-system
spec:
  action: ALLOW
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/web"]
  - from:
    - source:
        namespaces: ["shop"]
    - source: {}
    to: []
    when: []
`,
      expect: [{ line: 12, column: 5, path: 'spec.rules[1]', message: 'rule 1 has no condition and matches every request: it allows all traffic to every workload of the mesh' }],
    },
    {
      name: 'any authenticated peer, with no other condition',
      yaml: `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: mesh-callers
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  rules:
  - from:
    - source:
        namespaces: ["*"]
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/web"]
    - source:
        principals: ["*", "cluster.local/ns/ops/sa/admin"]
`,
      expect: [
        { line: 13, column: 9, path: 'spec.rules[0].from[0].source.namespaces', message: 'allows any authenticated workload of the mesh (source.namespaces: ["*"])' },
        { line: 18, column: 9, path: 'spec.rules[1].from[1].source.principals', message: 'the selected workloads of namespace "shop"' },
      ],
    },
  ],
};
