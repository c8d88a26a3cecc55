import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'scaling and restarting Deployments without creating any',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: restarter
  namespace: shop
rules:
- apiGroups: ["apps"]
  resources: ["deployments", "deployments/scale"]
  verbs: ["get", "patch", "update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "delete"]
`,
    },
    {
      name: 'create limited by resourceNames allows nothing: a new object has no name to match',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: debug-pod
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods"]
  resourceNames: ["debug"]
  verbs: ["create", "delete"]
`,
    },
    {
      name: 'creating evictions, bindings or exec sessions is not creating pods',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: drainer
rules:
- apiGroups: [""]
  resources: ["pods/eviction", "pods/binding"]
  verbs: ["create"]
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
      name: 'a CI role that creates Deployments and Jobs in its namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups: ["apps", "batch"]
  resources: ["deployments", "jobs"]
  verbs: ["create", "update", "patch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployer
  namespace: shop
subjects:
- kind: ServiceAccount
  name: ci
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
`,
      expect: [
        {
          line: 7,
          column: 3,
          path: 'rules[0]',
          message: 'Role "shop/deployer" grants create on deployments.apps, jobs.batch to ServiceAccount "ci/ci" in namespace "shop" (RoleBinding "shop/deployer"): they can run any image as any ServiceAccount of the namespace',
        },
      ],
    },
    {
      name: 'creating pods in every namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: job-runner
rules:
- apiGroups: [""]
  resources: ["pods", "pods/log"]
  verbs: ["create", "get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: job-runner
subjects:
- kind: ServiceAccount
  name: runner
  namespace: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: job-runner
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'grants create on pods to ServiceAccount "ci/runner" cluster-wide (ClusterRoleBinding "job-runner"): in any namespace, kube-system included, they can run any image' }],
    },
    {
      name: 'every verb on Jobs and CronJobs, in a role nobody is bound to yet',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: batch-admin
rules:
- apiGroups: ["batch"]
  resources: ["jobs", "cronjobs"]
  verbs: ["*"]
`,
      expect: [{ line: 6, column: 3, path: 'rules[0]', message: 'grants create on jobs.batch, cronjobs.batch to whoever it is bound to (no binding in the input grants it yet): whoever holds it can run any image' }],
    },
    {
      name: 'the built-in admin role for a group in every namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-admin
subjects:
- kind: Group
  name: ops
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
`,
      expect: [{ line: 6, column: 3, path: 'subjects[0]', message: 'ClusterRoleBinding "ops-admin" grants ClusterRole "admin" (built-in) to Group "ops", that is create on pods, replicationcontrollers, deployments.apps, daemonsets.apps, statefulsets.apps, replicasets.apps, jobs.batch, cronjobs.batch cluster-wide (from ClusterRole "system:aggregate-to-edit" (built-in)): in any namespace, kube-system included, they can run any image' }],
    },
  ],
};
