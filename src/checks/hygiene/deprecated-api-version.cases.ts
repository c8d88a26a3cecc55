import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'current API versions',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`,
    },
    {
      name: 'a v1beta1 of a custom resource is not a Kubernetes API',
      yaml: `apiVersion: networking.istio.io/v1beta1
kind: VirtualService
metadata:
  name: web
spec:
  hosts: [web]
`,
    },
    {
      name: 'batch/v1beta1 CronJob was not yet deprecated in the target 1.20',
      options: { targetVersion: '1.20' },
      yaml: `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'extensions/v1beta1 Deployment, gone since 1.16',
      yaml: `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`,
      expect: [{ line: 1, column: 1, path: 'apiVersion', message: 'no longer serves since 1.16 (target 1.33): the API server rejects the manifest; use apps/v1 (served since 1.9)' }],
    },
    {
      name: 'PodSecurityPolicy has no successor; Ingress and HPA betas in a List',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: policy/v1beta1
  kind: PodSecurityPolicy
  metadata:
    name: restricted
  spec:
    privileged: false
- apiVersion: networking.k8s.io/v1beta1
  kind: Ingress
  metadata:
    name: web
  spec:
    backend:
      serviceName: web
      servicePort: 80
- apiVersion: autoscaling/v2beta2
  kind: HorizontalPodAutoscaler
  metadata:
    name: web
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
    maxReplicas: 5
`,
      expect: [
        { line: 4, column: 3, path: 'apiVersion', message: 'PodSecurityPolicy has no successor: enforce the Pod Security Standards with Pod Security Admission' },
        { line: 10, column: 3, path: 'apiVersion', message: 'no longer serves since 1.22 (target 1.33)' },
        { line: 18, column: 3, path: 'apiVersion', message: 'no longer serves since 1.26 (target 1.33): the API server rejects the manifest; use autoscaling/v2' },
      ],
    },
    {
      name: 'deprecated but still served on the target: reported at low severity',
      options: { targetVersion: 'v1.24' },
      yaml: `apiVersion: batch/v1beta1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:1.0
`,
      expect: [{ line: 1, column: 1, path: 'apiVersion', message: 'deprecated since 1.21 and no longer served from 1.25 (target 1.24); use batch/v1' }],
    },
    {
      name: 'v1 Endpoints, deprecated in 1.33 without a removal date',
      yaml: `apiVersion: v1
kind: Endpoints
metadata:
  name: external-db
subsets:
- addresses:
  - ip: 10.1.2.3
  ports:
  - port: 5432
`,
      expect: [{ line: 1, column: 1, path: 'apiVersion', message: 'deprecated since 1.33 and still served (target 1.33); write discovery.k8s.io/v1 EndpointSlices' }],
    },
  ],
};
