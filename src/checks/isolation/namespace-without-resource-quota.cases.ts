import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a quota in the namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: shop
spec:
  hard:
    requests.cpu: "8"
    requests.memory: 16Gi
    limits.memory: 32Gi
    pods: "50"
`,
    },
    {
      name: 'system namespaces are managed with the cluster',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: kube-system
`,
    },
    {
      name: 'no Namespace object in the input: nothing to judge',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
`,
    },
  ],
  invalid: [
    {
      name: 'a namespace without any quota',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels:
    team: shop
`,
      expect: [{ line: 4, column: 3, path: 'metadata.name', message: 'namespace "shop" has no ResourceQuota' }],
    },
    {
      name: 'the quota is in another namespace, or limits nothing',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: Namespace
metadata:
  name: billing
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: shop
spec: {}
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: payments
spec:
  hard:
    pods: "10"
`,
      expect: [
        { line: 4, column: 3, message: 'namespace "shop"' },
        { line: 9, column: 3, message: 'namespace "billing"' },
      ],
    },
  ],
};
