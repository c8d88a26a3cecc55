import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the upstream minimal binding',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      serviceAccountName: kubernetes-dashboard
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: kubernetes-dashboard
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: kubernetes-dashboard
subjects:
- kind: ServiceAccount
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
`,
    },
    {
      name: 'near miss: the "admin-user" of the Dashboard docs is cluster-admin, but the Dashboard does not run as it; same name in another namespace',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      serviceAccountName: kubernetes-dashboard
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admin-user
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: admin-user
  namespace: kubernetes-dashboard
- kind: ServiceAccount
  name: kubernetes-dashboard
  namespace: kube-system
`,
    },
  ],
  invalid: [
    {
      name: 'the Dashboard service account bound to cluster-admin',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      serviceAccountName: kubernetes-dashboard
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
        args: [--enable-skip-login]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-admin
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: ServiceAccount
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
`,
      expect: [
        {
          line: 9,
          column: 7,
          path: 'spec.template.spec.serviceAccountName',
          message: 'runs the Kubernetes Dashboard as service account "kubernetes-dashboard/kubernetes-dashboard", which ClusterRoleBinding "dashboard-admin" binds to cluster-admin',
        },
      ],
    },
    {
      name: 'the default service account, granted through the namespace service-account group',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: dashboard
  namespace: tools
spec:
  containers:
  - name: dashboard
    image: kubernetesui/dashboard:v2.7.0
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: tools-admins
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
- kind: Group
  name: system:serviceaccounts:tools
  apiGroup: rbac.authorization.k8s.io
`,
      expect: [{ line: 6, column: 1, path: 'spec.serviceAccountName', message: 'as service account "tools/default", which ClusterRoleBinding "tools-admins" binds to cluster-admin' }],
    },
  ],
};
