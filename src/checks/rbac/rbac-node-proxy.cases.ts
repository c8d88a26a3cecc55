import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a metrics scraper reads nodes/metrics and nodes/stats, not nodes/proxy',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: prometheus
rules:
- apiGroups: [""]
  resources: ["nodes", "nodes/metrics", "nodes/stats", "services", "endpoints", "pods"]
  verbs: ["get", "list", "watch"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: prometheus
subjects:
- kind: ServiceAccount
  name: prometheus
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: prometheus
`,
    },
    {
      name: 'nodes are cluster-scoped: through a RoleBinding the rule is dead',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-proxy
rules:
- apiGroups: [""]
  resources: ["nodes/proxy"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: node-proxy
  namespace: monitoring
subjects:
- kind: ServiceAccount
  name: agent
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-proxy
`,
    },
  ],
  invalid: [
    {
      name: 'a monitoring agent scrapes the kubelet through nodes/proxy',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: node-agent
rules:
- apiGroups: [""]
  resources: ["nodes", "nodes/proxy"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: node-agent
subjects:
- kind: ServiceAccount
  name: agent
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: node-agent
`,
      expect: [
        {
          line: 6,
          column: 3,
          path: 'rules[0]',
          message: 'ClusterRole "node-agent" grants get on nodes/proxy to ServiceAccount "monitoring/agent" cluster-wide (ClusterRoleBinding "node-agent"): they can call the kubelet API of every node, including exec into any of its pods',
        },
      ],
    },
    {
      name: 'read access to every resource includes nodes/proxy',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: read-everything
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["get", "list", "watch"]
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'grants get on nodes/proxy to whoever it is bound to' }],
    },
    {
      name: 'the built-in kubelet API admin role for a monitoring agent',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: agent-kubelet
subjects:
- kind: ServiceAccount
  name: agent
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: system:kubelet-api-admin
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'ClusterRoleBinding "agent-kubelet" grants ClusterRole "system:kubelet-api-admin" (built-in) to ServiceAccount "monitoring/agent", that is get, create, update, patch, delete on nodes/proxy cluster-wide' }],
    },
  ],
};
