import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'topology spread over the own pods',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      topologySpreadConstraints:
      - maxSkew: 1
        topologyKey: kubernetes.io/hostname
        whenUnsatisfiable: ScheduleAnyway
        labelSelector:
          matchLabels: {app: web}
      containers:
      - name: app
        image: web:1.0
`,
    },
    {
      name: 'preferred anti-affinity over the own pods; a single replica needs none',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: zk
spec:
  serviceName: zk
  replicas: 3
  selector:
    matchLabels: {app: zk}
  template:
    metadata:
      labels: {app: zk}
    spec:
      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
          - weight: 100
            podAffinityTerm:
              topologyKey: kubernetes.io/hostname
              labelSelector:
                matchExpressions:
                - {key: app, operator: In, values: [zk]}
      containers:
      - name: zk
        image: zookeeper:3.9
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: worker
spec:
  selector:
    matchLabels: {app: worker}
  template:
    metadata:
      labels: {app: worker}
    spec:
      containers:
      - name: worker
        image: worker:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'several replicas, no spreading at all',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: api:2.0
`,
      expect: [{ line: 12, column: 5, path: 'spec.template.spec.affinity.podAntiAffinity', message: 'Deployment "api" runs 2 replicas without pod anti-affinity or topology spread constraints' }],
    },
    {
      name: 'anti-affinity that only avoids another application',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 4
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - topologyKey: kubernetes.io/hostname
            labelSelector:
              matchLabels: {app: batch}
      containers:
      - name: api
        image: api:2.0
`,
      expect: [{ line: 14, column: 9, path: 'spec.template.spec.affinity.podAntiAffinity', message: 'its anti-affinity and spread rules do not select its own pods' }],
    },
  ],
};
