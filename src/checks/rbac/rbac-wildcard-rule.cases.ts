import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'verbs, resources and groups listed explicitly',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups: ["apps"]
  resources: ["deployments", "deployments/scale"]
  verbs: ["get", "list", "watch", "create", "update", "patch"]
`,
    },
    {
      name: '*/scale names one subresource; non-resource URL rules are not resource wildcards',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: autoscaler
rules:
- apiGroups: ["apps"]
  resources: ["*/scale"]
  verbs: ["get", "update"]
- nonResourceURLs: ["/metrics", "/metrics/*"]
  verbs: ["get"]
`,
    },
    {
      name: 'the rules of an aggregated ClusterRole are overwritten by the controller',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
`,
    },
  ],
  invalid: [
    {
      name: 'a copy of cluster-admin given to a ServiceAccount',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: operator
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: operator
subjects:
- kind: ServiceAccount
  name: operator
  namespace: operators
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: operator
`,
      expect: [
        { line: 6, column: 15, path: 'rules[0].apiGroups[0]', message: 'ClusterRole "operator" uses * in apiGroups: it grants every verb on every resource in every API group, including groups added later, to ServiceAccount "operators/operator" cluster-wide (ClusterRoleBinding "operator")' },
        { line: 7, column: 15, path: 'rules[0].resources[0]', message: 'uses * in resources: it grants every verb on every resource and subresource of every API group' },
        { line: 8, column: 11, path: 'rules[0].verbs[0]', message: 'uses * in verbs: it grants every verb (escalate, bind and impersonate included where they apply) on every resource of every API group' },
      ],
    },
    {
      name: 'every verb on ConfigMaps in a namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: config-admin
  namespace: shop
rules:
- apiGroups:
  - ""
  resources:
  - configmaps
  verbs:
  - "*"
`,
      expect: [{ line: 12, column: 5, path: 'rules[0].verbs[0]', message: 'Role "shop/config-admin" uses * in verbs: it grants every verb (escalate, bind and impersonate included where they apply) on configmaps of the core group, to whoever it is bound to (no binding in the input grants it yet)' }],
    },
    {
      name: 'every resource of an operator\'s own API group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widget-operator
rules:
- apiGroups: ["widgets.example.com"]
  resources: ["*"]
  verbs: ["get", "list", "watch", "update"]
`,
      expect: [{ line: 7, column: 15, path: 'rules[0].resources[0]', message: 'it grants get, list, watch, update on every resource and subresource of widgets.example.com' }],
    },
    {
      name: 'Deployments in every API group',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployment-reader
rules:
- apiGroups: ["*"]
  resources: ["deployments"]
  verbs: ["get", "list"]
`,
      expect: [{ line: 6, column: 15, path: 'rules[0].apiGroups[0]', message: 'it grants get, list on deployments in every API group' }],
    },
  ],
};
