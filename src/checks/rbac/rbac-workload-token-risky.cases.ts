import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a controller whose ServiceAccount only does leader election and reads ConfigMaps',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: controller
  namespace: shop
rules:
- apiGroups: ["coordination.k8s.io"]
  resources: ["leases"]
  verbs: ["get", "create", "update"]
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: controller
  namespace: shop
subjects:
- kind: ServiceAccount
  name: controller
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: controller
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
  namespace: shop
spec:
  selector:
    matchLabels: {app: controller}
  template:
    metadata:
      labels: {app: controller}
    spec:
      serviceAccountName: controller
      containers:
      - name: controller
        image: controller:1.2
`,
    },
    {
      name: 'powerful ServiceAccounts whose tokens the pods do not get (opted out by the ServiceAccount, or by the pod)',
      yaml: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: installer
  namespace: ops
automountServiceAccountToken: false
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: installer
subjects:
- kind: ServiceAccount
  name: installer
  namespace: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: batch/v1
kind: Job
metadata:
  name: report
  namespace: ops
spec:
  template:
    spec:
      serviceAccountName: installer
      restartPolicy: Never
      containers:
      - name: report
        image: report:1.0
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: deployer
subjects:
- kind: ServiceAccount
  name: deployer
  namespace: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: v1
kind: Pod
metadata:
  name: status-page
  namespace: ops
spec:
  serviceAccountName: deployer
  automountServiceAccountToken: false
  containers:
  - name: app
    image: status:1.0
`,
    },
    {
      name: 'a token projected for another audience is not an API token',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: vault-auth
subjects:
- kind: ServiceAccount
  name: vault-auth
  namespace: vault
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: v1
kind: Pod
metadata:
  name: vault-client
  namespace: vault
spec:
  serviceAccountName: vault-auth
  automountServiceAccountToken: false
  containers:
  - name: app
    image: app:1.0
    volumeMounts:
    - name: vault-token
      mountPath: /var/run/secrets/vault
  volumes:
  - name: vault-token
    projected:
      sources:
      - serviceAccountToken:
          path: token
          audience: vault
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment running as a ServiceAccount bound to cluster-admin',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: api-admin
subjects:
- kind: ServiceAccount
  name: api
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: shop
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      serviceAccountName: api
      containers:
      - name: api
        image: api:3.1
`,
      expect: [
        {
          line: 26,
          column: 7,
          path: 'spec.template.spec.serviceAccountName',
          message: 'Deployment "api" mounts the API token of ServiceAccount "shop/api", which holds every verb on every resource cluster-wide (ClusterRoleBinding "api-admin" → ClusterRole "cluster-admin" (built-in))',
        },
      ],
    },
    {
      name: 'a pod without serviceAccountName runs as default, which may create pods in the namespace',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: runner
  namespace: ci
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: runner
  namespace: ci
subjects:
- kind: ServiceAccount
  name: default
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: runner
---
apiVersion: v1
kind: Pod
metadata:
  name: build
  namespace: ci
spec:
  containers:
  - name: build
    image: builder:2.0
`,
      expect: [{ line: 29, column: 1, path: 'spec.serviceAccountName', message: 'Pod "build" mounts the API token of ServiceAccount "ci/default", which holds create on pods in namespace "ci" (RoleBinding "ci/runner" → Role "ci/runner")' }],
    },
    {
      name: 'every ServiceAccount gets nodes/proxy through a group; a projected API token counts',
      yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: kubelet-reader
rules:
- apiGroups: [""]
  resources: ["nodes/proxy"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: all-service-accounts
subjects:
- kind: Group
  name: system:serviceaccounts
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: kubelet-reader
---
apiVersion: batch/v1
kind: CronJob
metadata:
  name: cleanup
  namespace: ops
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          serviceAccountName: cleanup
          automountServiceAccountToken: false
          restartPolicy: OnFailure
          containers:
          - name: cleanup
            image: cleanup:1.0
          volumes:
          - name: api-token
            projected:
              sources:
              - serviceAccountToken:
                  path: token
                  expirationSeconds: 600
`,
      expect: [
        {
          line: 34,
          column: 11,
          path: 'spec.jobTemplate.spec.template.spec.serviceAccountName',
          message: 'CronJob "cleanup" projects an API token of ServiceAccount "ops/cleanup", which holds get on nodes/proxy cluster-wide (ClusterRoleBinding "all-service-accounts" → ClusterRole "kubelet-reader")',
        },
      ],
    },
  ],
};
