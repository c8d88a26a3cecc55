import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an application reads Secrets in its own namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-reader
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["configmaps", "secrets"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: config-reader
  namespace: shop
subjects:
- kind: ServiceAccount
  name: cart
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: config-reader
`,
    },
    {
      name: 'a ClusterRole that reads Secrets, bound by a RoleBinding, is limited to that namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: backup-secrets
  namespace: shop
subjects:
- kind: ServiceAccount
  name: backup
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
`,
    },
    {
      name: 'a ClusterRole that no binding of the input grants has no known scope',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list"]
`,
    },
    {
      name: 'creating Secrets cluster-wide is not reading them; pods/log is not secrets',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: cert-writer
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["create", "update"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: cert-writer
subjects:
- kind: ServiceAccount
  name: cert-manager
  namespace: cert-manager
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cert-writer
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
      name: 'an ingress controller lists and watches Secrets in every namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ingress-controller
rules:
- apiGroups: [""]
  resources: ["configmaps", "endpoints", "secrets"]
  verbs: ["list", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ingress-controller
subjects:
- kind: ServiceAccount
  name: ingress
  namespace: ingress
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ingress-controller
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'rules[0]',
          message: 'ClusterRole "ingress-controller" grants list, watch on secrets to ServiceAccount "ingress/ingress" cluster-wide (ClusterRoleBinding "ingress-controller"): list and watch return the content of every Secret',
        },
      ],
    },
    {
      name: 'every resource of the core group, Secrets included',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: core-reader
rules:
- apiGroups: [""]
  resources: ["*"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: core-reader
subjects:
- kind: Group
  name: support
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: core-reader
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'grants get on secrets to Group "support" cluster-wide' }],
    },
    {
      name: 'Secrets of kube-system, through a Role and through a RoleBinding to a ClusterRole',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: bootstrap-token-reader
  namespace: kube-system
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
  resourceNames: ["bootstrap-token-abcdef"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: bootstrap-token-reader
  namespace: kube-system
subjects:
- kind: Group
  name: system:bootstrappers
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: bootstrap-token-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: dns-secrets
  namespace: kube-system
subjects:
- kind: ServiceAccount
  name: external-dns
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
`,
      expect: [
        { line: 7, column: 3, path: 'rules[0]', message: 'grants get on secrets (only "bootstrap-token-abcdef") to Group "system:bootstrappers" in namespace "kube-system"' },
        { line: 31, column: 3, path: 'rules[0]', message: 'grants watch on secrets to ServiceAccount "kube-system/external-dns" in namespace "kube-system" (RoleBinding "kube-system/dns-secrets")' },
      ],
    },
    {
      name: 'a rule aggregated into a ClusterRole that is bound cluster-wide is reported where it is written',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      example.com/aggregate-to-monitoring: "true"
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-secrets
  labels:
    example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: monitoring
subjects:
- kind: ServiceAccount
  name: agent
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: monitoring
`,
      expect: [{ line: 18, column: 3, path: 'rules[0]', message: 'to ServiceAccount "monitoring/agent" cluster-wide (ClusterRoleBinding "monitoring" through ClusterRole "monitoring")' }],
    },
    {
      name: 'more sensitive namespaces by option',
      options: { sensitiveNamespaces: ['kube-system', 'vault'] },
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: unseal-keys
  namespace: vault
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: unseal-keys
  namespace: vault
subjects:
- kind: Group
  name: vault-operators
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: unseal-keys
`,
      expect: [{ line: 7, column: 3, path: 'rules[0]', message: 'to Group "vault-operators" in namespace "vault"' }],
    },
    {
      name: 'the built-in edit role bound cluster-wide, and admin in kube-system',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci-edit
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: platform-admin
  namespace: kube-system
subjects:
- kind: Group
  name: platform
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'subjects[0]',
          message: 'ClusterRoleBinding "ci-edit" grants ClusterRole "edit" (built-in) to ServiceAccount "ci/deployer", that is get, list, watch on secrets cluster-wide (from ClusterRole "system:aggregate-to-edit" (built-in)): list and watch return the content of every Secret',
        },
        { line: 20, column: 3, path: 'subjects[0]', message: 'RoleBinding "kube-system/platform-admin" grants ClusterRole "admin" (built-in) to Group "platform", that is get, list, watch on secrets in namespace "kube-system"' },
      ],
    },
  ],
};
