import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'administrators in a group of their own, bound to cluster-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cluster-admins
subjects:
- kind: Group
  name: cluster-admins
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
    },
    {
      name: 'a user named system:masters is not the group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: odd-user
subjects:
- kind: User
  name: system:masters
  apiGroup: rbac.authorization.k8s.io
- kind: Group
  name: system:nodes
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`,
    },
  ],
  invalid: [
    {
      name: 'cluster-admin for system:masters, as a copied bootstrap binding',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: masters
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: system:masters
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'subjects[0]',
          message: 'ClusterRoleBinding "masters" grants ClusterRole "cluster-admin" (built-in) to Group "system:masters": its members are allowed everything before RBAC is consulted',
        },
      ],
    },
    {
      name: 'a RoleBinding among other subjects',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ops
  namespace: ops
subjects:
- kind: Group
  name: ops-team
  apiGroup: rbac.authorization.k8s.io
- kind: Group
  name: system:masters
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: ops
`,
      expect: [{ line: 10, column: 3, path: 'subjects[1]', message: 'RoleBinding "ops/ops" grants Role "ops" to Group "system:masters"' }],
    },
  ],
};
