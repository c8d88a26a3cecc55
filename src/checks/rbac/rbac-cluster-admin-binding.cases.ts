import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a controller bound to a role that reads everything is not cluster-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: inventory-reader
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: inventory
subjects:
- kind: ServiceAccount
  name: inventory
  namespace: tools
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: inventory-reader
`,
    },
    {
      name: 'namespace admins get the built-in admin role, not cluster-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: shop-admins
  namespace: shop
subjects:
- kind: Group
  name: shop-admins
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
`,
    },
    {
      name: 'control-plane identities and system:masters are not reported here',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: control-plane-admin
subjects:
- kind: User
  name: system:kube-controller-manager
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: generic-garbage-collector
  namespace: kube-system
- kind: Group
  name: system:masters
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
    },
    {
      name: 'a custom RBAC kind called ClusterRoleBinding is not Kubernetes RBAC',
      yaml: `apiVersion: iam.example.com/v1
kind: ClusterRoleBinding
metadata:
  name: admins
subjects:
- kind: Group
  name: platform
roleRef:
  kind: ClusterRole
  name: cluster-admin
`,
    },
  ],
  invalid: [
    {
      name: 'cluster-admin for a team and a CI ServiceAccount',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: platform-admins
subjects:
- kind: Group
  name: platform-team
  apiGroup: rbac.authorization.k8s.io
- kind: ServiceAccount
  name: deployer
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
      expect: [
        { line: 6, column: 3, path: 'subjects[0]', message: 'ClusterRoleBinding "platform-admins" grants ClusterRole "cluster-admin" (built-in) to Group "platform-team": whoever holds its credentials controls the whole cluster' },
        { line: 9, column: 3, path: 'subjects[1]', message: 'to ServiceAccount "ci/deployer": every pod running as it controls the whole cluster' },
      ],
    },
    {
      name: 'a non-controller ServiceAccount in kube-system (Tiller) is not a system component',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: tiller
subjects:
- kind: ServiceAccount
  name: tiller
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'to ServiceAccount "kube-system/tiller"' }],
    },
    {
      name: 'a RoleBinding to cluster-admin controls its namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: jane-admin
  namespace: payments
subjects:
- kind: User
  name: jane@example.com
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
      expect: [{ line: 7, column: 3, path: 'subjects[0]', message: 'controls namespace "payments", its Secrets and RBAC included' }],
    },
    {
      name: 'a custom role with * on everything, given to every authenticated user',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: superuser
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: everyone-superuser
subjects:
- kind: Group
  name: system:authenticated
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: superuser
`,
      expect: [{ line: 15, column: 3, path: 'subjects[0]', message: 'grants ClusterRole "superuser" (every verb on every resource) to Group "system:authenticated": everyone in Group "system:authenticated" controls the whole cluster' }],
    },
  ],
};
