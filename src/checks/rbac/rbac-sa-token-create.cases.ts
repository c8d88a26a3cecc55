import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'managing ServiceAccounts does not mint their tokens',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: sa-manager
rules:
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get", "list", "create", "update", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: sa-manager
subjects:
- kind: ServiceAccount
  name: tenant-operator
  namespace: tenants
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: sa-manager
`,
    },
    {
      name: 'reading a token subresource is not creating one',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: token-reader
  namespace: ci
rules:
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["get"]
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
      name: 'a CI system mints tokens for any ServiceAccount of the cluster',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: token-minter
rules:
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: token-minter
subjects:
- kind: ServiceAccount
  name: runner
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: token-minter
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'rules[0]',
          message: 'ClusterRole "token-minter" grants create on serviceaccounts/token to ServiceAccount "ci/runner" cluster-wide (ClusterRoleBinding "token-minter"): they can mint tokens for any ServiceAccount of the cluster and act as them',
        },
      ],
    },
    {
      name: 'tokens for the ServiceAccounts of one namespace, and for one named account',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: token-minter
  namespace: apps
rules:
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["serviceaccounts/token"]
  resourceNames: ["vault-auth"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: token-minter
  namespace: apps
subjects:
- kind: ServiceAccount
  name: vault-agent
  namespace: vault
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: token-minter
`,
      expect: [
        { line: 7, column: 3, path: 'rules[0]', message: 'to ServiceAccount "vault/vault-agent" in namespace "apps" (RoleBinding "apps/token-minter"): they can mint tokens for any ServiceAccount of the namespace' },
        { line: 10, column: 3, path: 'rules[1]', message: 'grants create on serviceaccounts/token (only "vault-auth") to ServiceAccount "vault/vault-agent" in namespace "apps" (RoleBinding "apps/token-minter"): they can mint tokens for those ServiceAccounts' },
      ],
    },
    {
      name: 'the built-in edit role cluster-wide mints tokens everywhere',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: gitops-edit
subjects:
- kind: ServiceAccount
  name: gitops
  namespace: gitops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'that is create on serviceaccounts/token cluster-wide (from ClusterRole "system:aggregate-to-edit" (built-in)): they can mint tokens for any ServiceAccount of the cluster' }],
    },
  ],
};
