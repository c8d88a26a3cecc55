import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a dedicated ServiceAccount gets the role',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: leader-election
  namespace: shop
subjects:
- kind: ServiceAccount
  name: cart
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: leader-election
`,
    },
    {
      name: 'a ServiceAccount called default-sa is not the default one; discovery-only roles add nothing',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: misc
subjects:
- kind: ServiceAccount
  name: default-sa
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: default-self-review
subjects:
- kind: ServiceAccount
  name: default
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:basic-user
`,
    },
  ],
  invalid: [
    {
      name: 'the default ServiceAccount of a namespace may read its pods',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pod-reader
  namespace: shop
subjects:
- kind: ServiceAccount
  name: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-reader
`,
      expect: [
        {
          line: 17,
          column: 3,
          path: 'subjects[0]',
          message: 'RoleBinding "shop/pod-reader" grants Role "shop/pod-reader" to ServiceAccount "shop/default": every pod of namespace "shop" that names no ServiceAccount gets these rights',
        },
      ],
    },
    {
      name: 'edit for the default ServiceAccount, named by its user name',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: jenkins-default
subjects:
- kind: User
  name: system:serviceaccount:jenkins:default
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'to User "system:serviceaccount:jenkins:default": every pod of namespace "jenkins" that names no ServiceAccount gets get, list, watch on secrets' }],
    },
  ],
};
