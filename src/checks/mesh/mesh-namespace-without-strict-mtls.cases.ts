import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'mesh-wide STRICT in istio-system covers every meshed namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
  labels:
    istio.io/rev: canary
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`,
    },
    {
      name: 'namespace-wide STRICT; a PERMISSIVE workload policy does not change the namespace level',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: legacy
  namespace: shop
spec:
  selector:
    matchLabels:
      app: legacy
  mtls:
    mode: PERMISSIVE
`,
    },
    {
      name: 'namespace policy UNSET inherits the mesh-wide STRICT',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: UNSET
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
`,
    },
    {
      name: 'not meshed: injection disabled wins over the revision label, and unlabelled namespaces',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: legacy
  labels:
    istio-injection: disabled
    istio.io/rev: stable
---
apiVersion: v1
kind: Namespace
metadata:
  name: tools
`,
    },
    {
      name: 'a custom root namespace',
      options: { rootNamespace: 'mesh-root' },
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio.io/dataplane-mode: ambient
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: mesh-root
spec:
  mtls:
    mode: STRICT
`,
    },
  ],
  invalid: [
    {
      name: 'meshed namespace and no PeerAuthentication at all',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: web
    istio-injection: enabled
`,
      expect: [{ line: 7, column: 5, path: 'metadata.labels.istio-injection', message: "Istio's default is PERMISSIVE" }],
    },
    {
      name: 'namespace-wide PERMISSIVE overrides the mesh-wide STRICT',
      yaml: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: STRICT
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
  labels: {istio.io/rev: prod-1-24}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: billing
spec:
  selector: {}
  mtls:
    mode: PERMISSIVE
`,
      expect: [{ line: 14, column: 12, path: 'metadata.labels["istio.io/rev"]', message: 'namespace-wide PeerAuthentication "default" sets mtls.mode PERMISSIVE' }],
    },
    {
      name: 'a STRICT policy that selects workloads covers only them; the mesh-wide policy is UNSET',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    matchLabels:
      app: payments
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec: {}
`,
      expect: [{ line: 6, column: 5, message: 'mesh-wide PeerAuthentication "default" leaves the mode UNSET' }],
    },
    {
      name: 'two namespace-wide policies disagree: Istio keeps the oldest, which the manifest does not tell',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    istio-injection: enabled
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: migration
  namespace: shop
spec:
  mtls:
    mode: PERMISSIVE
`,
      expect: [{ line: 6, column: 5, message: 'Istio applies only the oldest' }],
    },
  ],
};
