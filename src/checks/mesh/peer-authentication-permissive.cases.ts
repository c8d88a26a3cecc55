import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'namespace-wide STRICT',
      yaml: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: shop
spec:
  mtls:
    mode: STRICT
`,
    },
    {
      name: 'UNSET inherits from the namespace or mesh, and a STRICT port stays strict',
      yaml: `apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: payments
  namespace: shop
spec:
  selector:
    matchLabels:
      app: payments
  mtls:
    mode: UNSET
  portLevelMtls:
    8443:
      mode: STRICT
`,
    },
    {
      name: 'a workload policy in the root namespace is ignored by Istio',
      yaml: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: legacy
  namespace: istio-system
spec:
  selector:
    matchLabels:
      app: legacy
  mtls:
    mode: DISABLE
`,
    },
    {
      name: 'not an Istio PeerAuthentication (other API group)',
      yaml: `apiVersion: example.com/v1
kind: PeerAuthentication
metadata:
  name: other
spec:
  mtls:
    mode: DISABLE
`,
    },
  ],
  invalid: [
    {
      name: 'mesh-wide PERMISSIVE in the root namespace',
      yaml: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: default
  namespace: istio-system
spec:
  mtls:
    mode: PERMISSIVE
`,
      expect: [{ line: 8, column: 5, path: 'spec.mtls.mode', message: 'PERMISSIVE for the whole mesh' }],
    },
    {
      name: 'namespace-wide DISABLE (no namespace in the manifest: the default namespace)',
      yaml: `apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata:
  name: default
spec:
  mtls: {mode: DISABLE}
`,
      expect: [{ line: 6, column: 10, path: 'spec.mtls.mode', message: 'DISABLE for every workload of namespace "default"' }],
    },
    {
      name: 'STRICT workload policy that opens two ports',
      yaml: `apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata:
  name: finance
  namespace: shop
spec:
  selector:
    matchLabels:
      app: finance
  mtls:
    mode: STRICT
  portLevelMtls:
    8080:
      mode: DISABLE
    "9090":
      mode: PERMISSIVE
    8443:
      mode: STRICT
`,
      expect: [
        { line: 14, column: 7, path: 'spec.portLevelMtls["8080"].mode', message: 'mode DISABLE on port 8080' },
        { line: 16, column: 7, path: 'spec.portLevelMtls["9090"].mode', message: 'mode PERMISSIVE on port 9090' },
      ],
    },
  ],
};
