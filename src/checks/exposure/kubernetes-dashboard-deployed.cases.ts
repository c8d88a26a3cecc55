import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'other web applications',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: grafana
spec:
  template:
    spec:
      containers:
      - name: grafana
        image: grafana/grafana:11.2.0
`,
    },
    {
      name: "near miss: the Dashboard's metrics scraper, and an unrelated image named dashboard",
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dashboard-metrics-scraper
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      containers:
      - name: dashboard-metrics-scraper
        image: kubernetesui/metrics-scraper:v1.0.9
      - name: sales
        image: registry.example.com/analytics/dashboard:4.1.0
`,
    },
  ],
  invalid: [
    {
      name: 'the classic recommended.yaml deployment',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      serviceAccountName: kubernetes-dashboard
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
        args:
        - --auto-generate-certificates
`,
      expect: [
        {
          line: 12,
          column: 9,
          path: 'spec.template.spec.containers[0].image',
          container: 'kubernetes-dashboard',
          message: 'Deployment "kubernetes-dashboard" runs the Kubernetes Dashboard (image "kubernetesui/dashboard:v2.7.0"',
        },
      ],
    },
    {
      name: 'the v7 split images from a mirror, and the old per-architecture image',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: dashboard-api
spec:
  template:
    spec:
      containers:
      - name: api
        image: mirror.example.com/docker.io/kubernetesui/dashboard-api:1.10.1
---
apiVersion: v1
kind: Pod
metadata:
  name: old-dashboard
spec:
  containers:
  - name: dashboard
    image: k8s.gcr.io/kubernetes-dashboard-amd64:v1.10.1
`,
      expect: [
        { line: 10, column: 9, container: 'api', message: 'kubernetesui/dashboard-api' },
        { line: 19, column: 5, container: 'dashboard', message: 'Pod "old-dashboard" runs the Kubernetes Dashboard' },
      ],
    },
  ],
};
