import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the pod opts out',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      automountServiceAccountToken: false
      containers:
      - name: app
        image: web:1.4
`,
    },
    {
      name: 'the ServiceAccount opts out and the pod inherits it',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
  namespace: shop
automountServiceAccountToken: false
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
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
      name: 'the input grants the ServiceAccount a role: the workload uses the API (subject namespace defaults to the binding\'s)',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: operator
  namespace: ops
subjects:
- kind: ServiceAccount
  name: operator
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: operator
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: operator
  namespace: ops
spec:
  template:
    spec:
      serviceAccountName: operator
      containers:
      - name: operator
        image: operator:0.8
`,
    },
    {
      name: 'a ClusterRoleBinding to the ServiceAccount named by the deprecated serviceAccount field',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: metrics
subjects:
- kind: ServiceAccount
  name: metrics
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: metrics-reader
---
apiVersion: v1
kind: Pod
metadata:
  name: metrics
  namespace: monitoring
spec:
  serviceAccount: metrics
  containers:
  - name: exporter
    image: exporter:2.0
`,
    },
  ],
  invalid: [
    {
      name: 'nothing opts out and the ServiceAccount is not in the input',
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
      expect: [{ line: 7, column: 5, path: 'spec.template.spec.automountServiceAccountToken', message: 'neither the pod nor ServiceAccount "web" (not in the input)' }],
    },
    {
      name: 'the pod setting overrides the ServiceAccount\'s opt-out',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: web
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  serviceAccountName: web
  automountServiceAccountToken: true
  containers:
  - name: app
    image: web:1.4
`,
      expect: [{ line: 13, column: 3, path: 'spec.automountServiceAccountToken', message: 'the pod sets automountServiceAccountToken: true' }],
    },
    {
      name: 'a binding for a ServiceAccount of the same name in another namespace does not count',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: worker
  namespace: jobs
automountServiceAccountToken: true
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: worker
  namespace: other
subjects:
- kind: ServiceAccount
  name: worker
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: worker
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: worker
  namespace: jobs
spec:
  template:
    spec:
      serviceAccountName: worker
      containers:
      - name: worker
        image: worker:2.0
`,
      expect: [{ line: 28, column: 5, message: 'ServiceAccount "worker" sets automountServiceAccountToken: true and the pod does not override it' }],
    },
  ],
};
