import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'managing RoleBindings without bind or escalate',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: access-manager
  namespace: shop
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "create", "update", "delete"]
`,
    },
    {
      name: 'impersonate on a resource that is not an identity, and bind in another group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: odd-verbs
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["impersonate"]
- apiGroups: ["example.com"]
  resources: ["roles"]
  verbs: ["bind", "escalate"]
`,
    },
    {
      name: 'impersonating users in a namespaced Role is never allowed: the check is cluster-wide',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: impersonator
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["users", "groups"]
  verbs: ["impersonate"]
`,
    },
    {
      name: 'the built-in edit role bound in an ordinary namespace is what it is for',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: shop-developers
  namespace: shop
subjects:
- kind: Group
  name: shop-developers
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
    },
  ],
  invalid: [
    {
      name: 'a controller that can bind and escalate any ClusterRole',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: tenant-operator
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["clusterroles", "rolebindings"]
  verbs: ["create", "bind", "escalate"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: tenant-operator
subjects:
- kind: ServiceAccount
  name: tenant-operator
  namespace: tenants
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: tenant-operator
`,
      expect: [
        {
          line: 8,
          column: 21,
          path: 'rules[0].verbs[1]',
          message: 'ClusterRole "tenant-operator" grants bind on clusterroles.rbac.authorization.k8s.io to ServiceAccount "tenants/tenant-operator" cluster-wide (ClusterRoleBinding "tenant-operator"): bind lets them create bindings to roles with permissions they do not hold, cluster-admin included',
        },
        { line: 8, column: 29, path: 'rules[0].verbs[2]', message: 'grants escalate on clusterroles.rbac.authorization.k8s.io to ServiceAccount "tenants/tenant-operator" cluster-wide' },
      ],
    },
    {
      name: 'impersonating users and groups, and every verb on roles in a namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: support-impersonation
rules:
- apiGroups: [""]
  resources: ["users", "groups", "serviceaccounts"]
  verbs: ["impersonate"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: role-admin
  namespace: shop
rules:
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: role-admin
  namespace: shop
subjects:
- kind: User
  name: lead@example.com
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: role-admin
`,
      expect: [
        { line: 8, column: 11, path: 'rules[0].verbs[0]', message: 'grants impersonate on users, groups, serviceaccounts to whoever it is bound to (no binding in the input grants it yet): impersonate lets them act as those identities (for groups, system:masters included)' },
        { line: 18, column: 11, path: 'rules[0].verbs[0]', message: 'grants bind, escalate on roles.rbac.authorization.k8s.io (through the verb *) to User "lead@example.com" in namespace "shop"' },
      ],
    },
    {
      name: 'impersonation limited by name',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ci-impersonation
rules:
- apiGroups: [""]
  resources: ["serviceaccounts"]
  resourceNames: ["deployer"]
  verbs: ["impersonate"]
`,
      expect: [{ line: 9, column: 11, path: 'rules[0].verbs[0]', message: 'grants impersonate on serviceaccounts (only "deployer")' }],
    },
    {
      name: 'the built-in edit role cluster-wide lets its holder impersonate any ServiceAccount',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: support-edit
subjects:
- kind: Group
  name: support
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'grants ClusterRole "edit" (built-in) to Group "support", that is impersonate on serviceaccounts cluster-wide (from ClusterRole "system:aggregate-to-edit" (built-in)): impersonate lets them act as those identities' }],
    },
  ],
};
