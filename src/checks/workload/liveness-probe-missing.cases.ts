import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the serving container has a liveness probe; init containers need none',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: web:1.4
      containers:
      - name: app
        image: web:1.4
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
`,
    },
    {
      name: 'a Job runs to completion',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: web:1.4
`,
    },
    {
      name: 'a one-off pod that is not restarted (as Jobs create them); ephemeral containers cannot have probes',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: migrate-x7k2p
  labels:
    batch.kubernetes.io/job-name: migrate
spec:
  restartPolicy: OnFailure
  containers:
  - name: migrate
    image: web:1.4
  ephemeralContainers:
  - name: debug
    image: busybox:1.36
`,
    },
  ],
  invalid: [
    {
      name: 'readiness and startup probes do not restart a hung process',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: web:1.4
        readinessProbe:
          httpGet: {path: /ready, port: 8080}
        startupProbe:
          httpGet: {path: /healthz, port: 8080}
`,
      expect: [{ line: 9, column: 9, path: 'spec.template.spec.containers[0].livenessProbe', container: 'app', message: 'container "app" has no livenessProbe' }],
    },
    {
      name: 'a bare pod restarts by default, so it is long-running; each container is checked',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.4
    livenessProbe:
      tcpSocket: {port: 8080}
  - name: metrics
    image: exporter:0.15
`,
      expect: [{ line: 11, column: 5, path: 'spec.containers[1].livenessProbe', container: 'metrics' }],
    },
  ],
};
