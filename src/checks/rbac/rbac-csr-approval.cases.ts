import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'reading and creating CSRs, as nodes and certificate clients do',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-requester
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests"]
  verbs: ["create", "get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: csr-requester
subjects:
- kind: ServiceAccount
  name: cert-client
  namespace: tools
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: csr-requester
`,
    },
    {
      name: 'the approval subresource without approve on any signer approves nothing',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: half-approver
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests/approval"]
  verbs: ["update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: half-approver
subjects:
- kind: ServiceAccount
  name: approver
  namespace: tools
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: half-approver
`,
    },
    {
      name: 'CSRs and signers are cluster-scoped: a namespaced Role grants neither',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: approver
  namespace: tools
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests/approval"]
  verbs: ["update"]
- apiGroups: ["certificates.k8s.io"]
  resources: ["signers"]
  verbs: ["approve"]
`,
    },
  ],
  invalid: [
    {
      name: 'an approver for client certificates of the API server',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-approver
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests/approval"]
  verbs: ["update"]
- apiGroups: ["certificates.k8s.io"]
  resources: ["signers"]
  resourceNames: ["kubernetes.io/kube-apiserver-client"]
  verbs: ["approve"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: csr-approver
subjects:
- kind: ServiceAccount
  name: approver
  namespace: tools
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: csr-approver
`,
      expect: [
        {
          line: 9,
          column: 3,
          path: 'rules[1]',
          message: 'ClusterRole "csr-approver" grants update on certificatesigningrequests.certificates.k8s.io/approval to ServiceAccount "tools/approver" cluster-wide (ClusterRoleBinding "csr-approver"), who can also approve for signers "kubernetes.io/kube-apiserver-client" (ClusterRole "csr-approver")',
        },
      ],
    },
    {
      name: 'approval and signer permissions from two roles bound to the same group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: csr-approval
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests/approval"]
  verbs: ["update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: any-signer
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["signers"]
  verbs: ["approve"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: pki-approval
subjects:
- kind: Group
  name: pki-admins
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: csr-approval
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: pki-signers
subjects:
- kind: Group
  name: pki-admins
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: any-signer
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'to Group "pki-admins" cluster-wide (ClusterRoleBinding "pki-approval"), who can also approve for any signer (ClusterRole "any-signer")' }],
    },
    {
      name: 'a role not yet bound that holds both',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-serving-approver
rules:
- apiGroups: ["certificates.k8s.io"]
  resources: ["certificatesigningrequests/approval"]
  verbs: ["update"]
- apiGroups: ["certificates.k8s.io"]
  resources: ["signers"]
  resourceNames: ["kubernetes.io/kubelet-serving"]
  verbs: ["approve"]
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'and approve for signers "kubernetes.io/kubelet-serving" in the same role, to whoever it is bound to' }],
    },
  ],
};
