import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a LimitRange with container defaults in the namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: LimitRange
metadata:
  name: defaults
  namespace: shop
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 256Mi
    defaultRequest:
      cpu: 100m
      memory: 128Mi
`,
    },
    {
      name: 'a LimitRange that bounds whole pods counts too; kube-public is a system namespace',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: batch
---
apiVersion: v1
kind: Namespace
metadata:
  name: kube-public
---
apiVersion: v1
kind: LimitRange
metadata:
  name: pod-max
  namespace: batch
spec:
  limits:
  - type: Pod
    max:
      memory: 8Gi
`,
    },
  ],
  invalid: [
    {
      name: 'a namespace without any LimitRange',
      yaml: `apiVersion: v1
kind: Namespace
metadata:
  name: shop
`,
      expect: [{ line: 4, column: 3, path: 'metadata.name', message: 'namespace "shop" has no LimitRange' }],
    },
    {
      name: 'a LimitRange for volume claims only does not bound compute',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Namespace
  metadata:
    name: data
- apiVersion: v1
  kind: LimitRange
  metadata:
    name: storage
    namespace: data
  spec:
    limits:
    - type: PersistentVolumeClaim
      max:
        storage: 100Gi
`,
      expect: [{ line: 7, column: 5, path: 'metadata.name', message: 'namespace "data"' }],
    },
  ],
};
