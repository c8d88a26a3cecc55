import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'namespace deny-by-default (spec: {}) plus an allow for one caller',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: shop
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: web-to-api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  rules:
  - from:
    - source:
        principals: ["cluster.local/ns/shop/sa/web"]
`,
    },
    {
      name: 'mesh-wide allow-nothing in the root namespace covers every meshed namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/rev: stable
---
apiVersion: security.istio.io/v1beta1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: istio-system
spec:
  action: ALLOW
`,
    },
    {
      name: 'an ALLOW policy for one workload: the namespace uses allow-lists',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels:
      app: api
  rules:
  - from:
    - source:
        namespaces: ["shop"]
`,
    },
    {
      name: 'a namespace outside the mesh needs no mesh policy',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: batch
  labels:
    istio-injection: disabled
`,
    },
  ],
  invalid: [
    {
      name: 'meshed namespace without any AuthorizationPolicy',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
`,
      expect: [{ line: 6, column: 5, path: 'metadata.labels.istio-injection', message: 'it has no AuthorizationPolicy' }],
    },
    {
      name: 'a DENY policy for one path does not deny by default; a root policy with a selector is not mesh-wide',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/dataplane-mode: ambient
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: no-admin
  namespace: shop
spec:
  action: DENY
  rules:
  - to:
    - operation:
        paths: ["/admin*"]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: ingress
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: istio-ingressgateway
  rules:
  - {}
`,
      expect: [{ line: 6, column: 5, path: 'metadata.labels["istio.io/dataplane-mode"]', message: 'AuthorizationPolicy only denies, audits or delegates particular requests' }],
    },
    {
      name: 'a dry-run deny-by-default is not enforced, and policies in another namespace do not count',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio-injection: enabled}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: shop
  annotations:
    istio.io/dry-run: "true"
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata:
  name: allow-nothing
  namespace: billing
spec: {}
`,
      expect: [{ line: 5, column: 12, message: 'namespace "shop" is in the mesh (istio-injection=enabled)' }],
    },
  ],
};
