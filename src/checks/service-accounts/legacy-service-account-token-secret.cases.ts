import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an ordinary Opaque Secret',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
type: Opaque
stringData:
  username: shop
`,
    },
    {
      name: 'the token type named in an annotation only, not as the Secret type',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: notes
  annotations:
    description: replaces the old kubernetes.io/service-account-token Secret
type: kubernetes.io/tls
data:
  tls.crt: ""
  tls.key: ""
`,
    },
  ],
  invalid: [
    {
      name: 'a token Secret for a ServiceAccount',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ci-deployer-token
  namespace: ci
  annotations:
    kubernetes.io/service-account.name: ci-deployer
type: kubernetes.io/service-account-token
`,
      expect: [{ line: 8, column: 1, path: 'type', message: 'non-expiring API token of ServiceAccount "ci-deployer"' }],
    },
    {
      name: 'without the annotation, in JSON',
      yaml: `{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "token"}, "type": "kubernetes.io/service-account-token"}
`,
      expect: [{ line: 1, column: 71, path: 'type', message: 'no kubernetes.io/service-account.name annotation' }],
    },
  ],
};
