import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'ordinary annotations, including ones that name secrets and hold checksums',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    deployment.kubernetes.io/revision: "3"
spec:
  template:
    metadata:
      annotations:
        vault.hashicorp.com/agent-inject: "true"
        vault.hashicorp.com/agent-inject-secret-db: database/creds/api
        checksum/secret: 9b74c9897bac770ffc029102a200c5de7d0e2ebd6ae3e8c5c9e6f1f2a8b4c3d1
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
`,
    },
    {
      name: 'the last-applied-configuration of a Secret without data, and of a ConfigMap',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: webhook-cert
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"webhook-cert"},"type":"kubernetes.io/tls","data":{"tls.crt":"","tls.key":""}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"settings"},"data":{"mode":"fast"}}
data:
  mode: fast
`,
    },
  ],
  invalid: [
    {
      name: "a Secret exported from a cluster: its data is stripped, but the annotation keeps a copy",
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","data":{"password":"czNjcjN0LXBhc3N3MHJk","username":"YXBw"},"kind":"Secret","metadata":{"name":"db","namespace":"shop"}}
type: Opaque
`,
      expect: [
        {
          line: 7,
          column: 5,
          path: 'metadata.annotations["kubectl.kubernetes.io/last-applied-configuration"]',
          message: 'annotation of Secret "db" holds a copy of its data (keys "password", "username")',
        },
      ],
    },
    {
      name: 'tokens in annotations of a Service and of a pod template',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: api
  annotations:
    example.com/upstream-auth: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c
spec:
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: notifier
spec:
  template:
    metadata:
      annotations:
        backup.example.com/aws-key-id: ASIAQ3EGUHJKQ7MNBV2X
    spec:
      containers:
      - name: notifier
        image: registry.example.com/notifier:1.0.0
`,
      expect: [
        { line: 6, column: 5, path: 'metadata.annotations["example.com/upstream-auth"]', message: 'of Service "api" holds a JSON Web Token (sha256:' },
        { line: 21, column: 9, path: 'spec.template.metadata.annotations["backup.example.com/aws-key-id"]', message: 'of the pod template of Deployment "notifier" holds an AWS access key ID' },
      ],
    },
    {
      name: "a Deployment's last-applied-configuration repeats a token from its env",
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: sync
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"sync"},"spec":{"template":{"spec":{"containers":[{"name":"sync","image":"sync:1","env":[{"name":"GH","value":"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"}]}]}}}}
spec:
  template:
    spec:
      containers:
      - name: sync
        image: registry.example.com/sync:3.2.0
`,
      expect: [{ line: 6, column: 5, message: 'holds a GitHub token (sha256:' }],
    },
  ],
};
