import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'users claim storage; only the provisioner creates volumes',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: storage-user
rules:
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["create", "delete", "get", "list"]
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["get", "list", "watch"]
`,
    },
    {
      name: 'PersistentVolumes are cluster-scoped: a RoleBinding cannot grant creating them',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: volume-creator
rules:
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: volume-creator
  namespace: shop
subjects:
- kind: Group
  name: shop-devs
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: volume-creator
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: volume-creator
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["create"]
`,
    },
  ],
  invalid: [
    {
      name: 'a team can create PersistentVolumes cluster-wide',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: volume-admin
rules:
- apiGroups: [""]
  resources: ["persistentvolumes"]
  verbs: ["create", "delete", "get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: volume-admin
subjects:
- kind: Group
  name: data-team
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: volume-admin
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'rules[0]',
          message: 'ClusterRole "volume-admin" grants create on persistentvolumes to Group "data-team" cluster-wide (ClusterRoleBinding "volume-admin"): they can create a hostPath PersistentVolume',
        },
      ],
    },
    {
      name: 'every verb on every core resource, in a ClusterRole not yet bound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: core-admin
rules:
- apiGroups: [""]
  resources: ["*"]
  verbs: ["*"]
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'to whoever it is bound to (no binding in the input grants it yet): whoever holds it can create a hostPath PersistentVolume' }],
    },
  ],
};
