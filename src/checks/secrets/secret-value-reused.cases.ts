import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'reuse inside one namespace, and different values in different namespaces',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: staging
data:
  password: VmQ4LWtxMkxtLTkzeFo=
---
apiVersion: v1
kind: Secret
metadata:
  name: db-copy
  namespace: staging
stringData:
  password: Vd8-kq2Lm-93xZ
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: production
data:
  password: bjB0UjN1c2VkLXN0YWdpbmc=
`,
    },
    {
      name: 'near miss: shared user names, short values and placeholders are not compared',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: staging
data:
  username: cG9zdGdyZXMtYWRtaW4=
stringData:
  pin: "4711"
  password: \${DB_PASSWORD}
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: production
stringData:
  username: postgres-admin
  pin: "4711"
  password: \${DB_PASSWORD}
`,
    },
  ],
  invalid: [
    {
      name: 'staging and production share a password (base64 in one, stringData in the other)',
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: staging
data:
  password: VmQ4LWtxMkxtLTkzeFo=
---
apiVersion: v1
kind: Secret
metadata:
  name: db
  namespace: production
stringData:
  password: Vd8-kq2Lm-93xZ
`,
      expect: [
        {
          line: 15,
          column: 3,
          path: 'stringData.password',
          message: 'Secret "db" key "password" in namespace "production" holds a secret value (sha256:',
        },
      ],
    },
    {
      name: 'a literal env password copied into Secrets of two other namespaces',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: team-a
spec:
  template:
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
        env:
        - name: DB_PASSWORD
          value: Vd8-kq2Lm-93xZ
---
apiVersion: v1
kind: Secret
metadata:
  name: api-db
  namespace: team-b
stringData:
  db-password: Vd8-kq2Lm-93xZ
---
apiVersion: v1
kind: Secret
metadata:
  name: reporting
  namespace: team-c
data:
  password: VmQ4LWtxMkxtLTkzeFo=
`,
      expect: [
        { line: 22, column: 3, path: 'stringData.db-password', message: 'also used in namespaces "team-a", "team-c"; first seen in Deployment "api" container "api" env DB_PASSWORD in namespace "team-a"' },
        { line: 30, column: 3, path: 'data.password', message: 'also used in namespaces "team-a", "team-b"' },
      ],
    },
    {
      name: 'with minLength lowered, short shared values count',
      options: { minLength: 4 },
      yaml: `apiVersion: v1
kind: Secret
metadata:
  name: alarm
  namespace: site-1
stringData:
  code: "4711"
---
apiVersion: v1
kind: Secret
metadata:
  name: alarm
  namespace: site-2
stringData:
  code: "4711"
`,
      expect: [{ line: 15, column: 3, message: 'also used in namespace "site-1"' }],
    },
  ],
};
