import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'hostPID not set',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
    },
    {
      name: 'shareProcessNamespace shares only between the containers of the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: false
  shareProcessNamespace: true
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'Job with hostPID, like kube-bench',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: kube-bench
spec:
  template:
    spec:
      hostPID: true
      restartPolicy: Never
      containers:
      - name: kube-bench
        image: aquasec/kube-bench:v0.9.0
`,
      expect: [{ line: 8, column: 7, path: 'spec.template.spec.hostPID', message: 'hostPID: true' }],
    },
    {
      name: 'CronJob pod template, in flow style',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: audit
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec: {hostPID: true, restartPolicy: Never, containers: [{name: audit, image: "audit:1.0"}]}
`,
      expect: [{ line: 10, column: 16, path: 'spec.jobTemplate.spec.template.spec.hostPID' }],
    },
  ],
};
