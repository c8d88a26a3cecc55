import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'ephemeral storage limited in every container',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: unpack
        image: web:1.4
        resources:
          limits:
            ephemeral-storage: 500Mi
      containers:
      - name: app
        image: web:1.4
        resources:
          limits:
            memory: 256Mi
            ephemeral-storage: 1Gi
`,
    },
    {
      name: 'a LimitRange default for ephemeral storage in the namespace',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: scratch
  namespace: ci
spec:
  limits:
  - type: Container
    default:
      ephemeral-storage: 2Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: runner
  namespace: ci
spec:
  containers:
  - name: runner
    image: runner:2.3
`,
    },
  ],
  invalid: [
    {
      name: 'CPU and memory limited, ephemeral storage not',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.4
    resources:
      limits:
        cpu: 500m
        memory: 256Mi
`,
      expect: [{ line: 10, column: 7, path: 'spec.containers[0].resources.limits.ephemeral-storage', container: 'app', message: 'no ephemeral-storage limit' }],
    },
    {
      name: 'the LimitRange defaults CPU and memory only',
      yaml: `apiVersion: v1
kind: LimitRange
metadata:
  name: compute
spec:
  limits:
  - type: Container
    default:
      cpu: 500m
      memory: 256Mi
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
      - name: exporter
        image: postgres-exporter:0.15
`,
      expect: [
        { line: 20, column: 9, container: 'postgres' },
        { line: 22, column: 9, container: 'exporter' },
      ],
    },
  ],
};
