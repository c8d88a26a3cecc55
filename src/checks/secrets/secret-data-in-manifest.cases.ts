import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a service account token Secret, and a Secret declared without data',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  annotations:
    kubernetes.io/service-account.name: ci
type: kubernetes.io/service-account-token
---
apiVersion: v1
kind: Secret
metadata:
  name: webhook-cert
type: kubernetes.io/tls
data:
  tls.crt: ""
  tls.key: ""
`,
    },
    {
      name: 'near miss: only a public CA certificate, and templated placeholders filled in at deploy time',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: trust-bundle
data:
  ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lVSjBWeDJiRnZPMlFxMHdDZ1lJS29aSXpqMEVBd0l3RVRFUE1BMEdBMVVFQXd3RwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
stringData:
  password: \${DB_PASSWORD}
  token: "<filled in by CI>"
`,
    },
  ],
  invalid: [
    {
      name: 'an Opaque Secret with base64 data',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
type: Opaque
data:
  username: YXBw
  password: czNjcjN0LXBhc3N3MHJk
`,
      expect: [{ line: 7, column: 1, path: 'data', message: 'Secret "db" commits 2 base64-encoded (not encrypted) values in data (keys "username", "password")' }],
    },
    {
      name: 'stringData and data in one Secret are two findings; certificates alone are left out of the key list',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: api
stringData:
  api-key: 5d41402abc4b2a76b9719d911017c592
data:
  ca.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJkekNDQVIyZ0F3SUJBZ0lVSjBWeDJiRnZPMlFxMHdDZ1lJS29aSXpqMEVBd0l3RVRFUE1BMEdBMVVFQXd3RwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg==
  session-key: czNjcjN0LXBhc3N3MHJk
`,
      expect: [
        { line: 5, column: 1, path: 'stringData', message: '1 plain-text value in stringData (key "api-key")' },
        { line: 7, column: 1, path: 'data', message: 'in data (key "session-key")' },
      ],
    },
    {
      name: 'registry credentials, in a List',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata:
    name: registry
  type: kubernetes.io/dockerconfigjson
  data:
    .dockerconfigjson: eyJhdXRocyI6eyJyZWdpc3RyeS5leGFtcGxlLmNvbSI6eyJhdXRoIjoiWTJrNmMyVmpjbVYwTFhSdmEyVnUifX19
`,
      expect: [{ line: 9, column: 3, path: 'data', message: '(key ".dockerconfigjson")' }],
    },
  ],
};
