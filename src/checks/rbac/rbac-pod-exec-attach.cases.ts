import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'reading pods and their logs',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: log-reader
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: log-reader
subjects:
- kind: ServiceAccount
  name: fluent-bit
  namespace: logging
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: log-reader
`,
    },
    {
      name: 'pods/* is not a wildcard for the authorizer: it matches no subresource',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-tools
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods/*"]
  verbs: ["create", "get"]
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
      name: 'support engineers can exec into the pods of a namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debugger
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["pods/exec"]
  verbs: ["create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: debugger
  namespace: shop
subjects:
- kind: Group
  name: support
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: debugger
`,
      expect: [
        {
          line: 10,
          column: 3,
          path: 'rules[1]',
          message: 'Role "shop/debugger" grants create on pods/exec to Group "support" in namespace "shop" (RoleBinding "shop/debugger"): they can run commands in those pods as their ServiceAccounts and read their mounted Secrets',
        },
      ],
    },
    {
      name: 'exec and attach in every namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: remote-shell
rules:
- apiGroups: [""]
  resources: ["pods/exec", "pods/attach"]
  verbs: ["get", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: remote-shell
subjects:
- kind: ServiceAccount
  name: chatops
  namespace: bots
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: remote-shell
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'grants create, get on pods/exec, pods/attach to ServiceAccount "bots/chatops" cluster-wide' }],
    },
    {
      name: 'get alone opens exec over WebSockets on clusters before 1.35',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: dashboard-shell
rules:
- apiGroups: [""]
  resources: ["*/exec"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: dashboard-shell
subjects:
- kind: ServiceAccount
  name: dashboard
  namespace: dashboard
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: dashboard-shell
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: '(get is enough over WebSockets before Kubernetes 1.35)' }],
    },
    {
      name: 'port-forwarding, in a role not yet bound',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: db-tunnel
  namespace: data
rules:
- apiGroups: [""]
  resources: ["pods/portforward"]
  verbs: ["create"]
`,
      expect: [{ line: 7, column: 3, path: 'rules[0]', message: 'whoever holds it can reach the pods\' ports directly, past network policies' }],
    },
    {
      name: 'the built-in edit role in kube-system',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: addon-operator
  namespace: kube-system
subjects:
- kind: ServiceAccount
  name: addon-operator
  namespace: addons
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
      expect: [{ line: 7, column: 3, path: 'subjects[0]', message: 'grants ClusterRole "edit" (built-in) to ServiceAccount "addons/addon-operator", that is get, create on pods/exec, pods/attach, pods/portforward in namespace "kube-system"' }],
    },
  ],
};
