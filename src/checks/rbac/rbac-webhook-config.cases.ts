import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'reading webhook configurations, as inventory tools do',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: inventory
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations", "validatingwebhookconfigurations"]
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
  name: inventory
`,
    },
    {
      name: 'webhook configurations are cluster-scoped: a RoleBinding grants nothing',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: webhook-admin
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations"]
  verbs: ["create", "update", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: webhook-admin
  namespace: policy
subjects:
- kind: ServiceAccount
  name: installer
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: webhook-admin
`,
    },
    {
      name: 'creating with resourceNames is never allowed',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: webhook-creator
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["validatingwebhookconfigurations"]
  resourceNames: ["policy-webhook"]
  verbs: ["create"]
`,
    },
  ],
  invalid: [
    {
      name: 'a controller that manages every mutating webhook configuration',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: sidecar-injector
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: sidecar-injector
subjects:
- kind: ServiceAccount
  name: injector
  namespace: mesh
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: sidecar-injector
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'rules[0]',
          message: 'ClusterRole "sidecar-injector" grants create, update, patch on mutatingwebhookconfigurations.admissionregistration.k8s.io to ServiceAccount "mesh/injector" cluster-wide (ClusterRoleBinding "sidecar-injector"): a mutating webhook of theirs can rewrite every pod as it is created',
        },
      ],
    },
    {
      name: 'patching a validating webhook (a CA bundle injector), and one limited to its own configuration',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: admission-patcher
rules:
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["validatingwebhookconfigurations"]
  verbs: ["get", "update"]
- apiGroups: ["admissionregistration.k8s.io"]
  resources: ["mutatingwebhookconfigurations"]
  resourceNames: ["policy-mutator"]
  verbs: ["get", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admission-patcher
subjects:
- kind: ServiceAccount
  name: patcher
  namespace: policy
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admission-patcher
`,
      expect: [
        { line: 6, column: 3, path: 'rules[0]', message: 'a validating webhook of theirs receives every object it matches (Secrets included), and deleting one switches its policy off' },
        { line: 9, column: 3, path: 'rules[1]', message: 'grants patch on mutatingwebhookconfigurations.admissionregistration.k8s.io (only "policy-mutator")' },
      ],
    },
  ],
};
