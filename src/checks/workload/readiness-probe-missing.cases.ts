import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the app has a readiness probe; its sidecar init container is not required to',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: proxy
        image: envoy:1.31
        restartPolicy: Always
      containers:
      - name: app
        image: web:1.4
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
`,
    },
    {
      name: 'a CronJob runs to completion',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: report
spec:
  schedule: "0 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: report
            image: report:1.0
`,
    },
    {
      name: 'a pod that is never restarted is a task, not a server',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: smoke-test
spec:
  restartPolicy: Never
  containers:
  - name: test
    image: curl:8.10
`,
    },
  ],
  invalid: [
    {
      name: 'a liveness probe does not gate traffic',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        livenessProbe:
          exec:
            command: [pg_isready]
`,
      expect: [{ line: 9, column: 9, path: 'spec.template.spec.containers[0].readinessProbe', container: 'postgres', message: 'container "postgres" has no readinessProbe' }],
    },
    {
      name: 'a DaemonSet with an explicit Always restart policy, JSON',
      yaml: `{
  "apiVersion": "apps/v1",
  "kind": "DaemonSet",
  "metadata": {"name": "agent"},
  "spec": {
    "template": {
      "spec": {
        "restartPolicy": "Always",
        "containers": [{"name": "agent", "image": "agent:3.2"}]
      }
    }
  }
}
`,
      expect: [{ line: 9, column: 24, container: 'agent' }],
    },
  ],
};
