import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a dedicated ServiceAccount',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
      - name: app
        image: web:1.4
`,
    },
    {
      name: 'the default ServiceAccount without a token presents no identity',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: false
  containers:
  - name: app
    image: web:1.4
`,
    },
    {
      name: 'the default ServiceAccount of the namespace opts out of automounting',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
`,
    },
  ],
  invalid: [
    {
      name: 'no ServiceAccount named',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
`,
      expect: [{ line: 7, column: 5, path: 'spec.template.spec.serviceAccountName', message: 'names no ServiceAccount, so it runs as the "default" ServiceAccount of namespace "default"' }],
    },
    {
      name: 'an empty serviceAccountName falls back to the deprecated field, which names default',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  serviceAccountName: ""
  serviceAccount: default
  containers:
  - name: app
    image: web:1.4
`,
      expect: [{ line: 8, column: 3, path: 'spec.serviceAccount', message: 'sets serviceAccount: default' }],
    },
    {
      name: 'a token projected explicitly, and roles granted to the default ServiceAccount: medium',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: default-edit
  namespace: shop
subjects:
- kind: ServiceAccount
  name: default
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: default
      automountServiceAccountToken: false
      containers:
      - name: app
        image: web:1.4
      volumes:
      - name: token
        projected:
          sources:
          - serviceAccountToken:
              path: token
              expirationSeconds: 3600
`,
      expect: [{ line: 23, column: 7, path: 'spec.template.spec.serviceAccountName', message: 'through RoleBinding "default-edit"' }],
    },
  ],
};
