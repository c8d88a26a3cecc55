import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'probes and hooks against the pod itself, with a Host header',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        livenessProbe:
          httpGet:
            path: /healthz
            port: 8080
            httpHeaders:
            - name: Host
              value: internal.example.com
        readinessProbe:
          tcpSocket:
            port: 8080
        lifecycle:
          preStop:
            exec:
              command: ["/bin/sh", "-c", "sleep 5"]
`,
    },
    {
      name: 'an empty host is the default',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    startupProbe:
      httpGet: {host: "", path: /, port: 80}
`,
    },
  ],
  invalid: [
    {
      name: 'liveness probe aimed at the node, preStop hook at a metadata address',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    livenessProbe:
      httpGet:
        host: 127.0.0.1
        path: /healthz
        port: 10248
    lifecycle:
      preStop:
        httpGet:
          host: 169.254.169.254
          path: /latest/meta-data/
          port: 80
`,
      expect: [
        { line: 11, column: 9, path: 'spec.containers[0].livenessProbe.httpGet.host', container: 'app', message: 'liveness probe (httpGet) aimed at host 127.0.0.1' },
        { line: 17, column: 11, path: 'spec.containers[0].lifecycle.preStop.httpGet.host', container: 'app', message: 'preStop hook' },
      ],
    },
    {
      name: 'tcpSocket readiness probe of a restartable init container (sidecar)',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      initContainers:
      - name: proxy
        image: cloud-sql-proxy:2.13.0
        restartPolicy: Always
        readinessProbe:
          tcpSocket: {host: db.internal, port: 5432}
      containers:
      - name: app
        image: app:1.0
`,
      expect: [{ line: 13, column: 23, path: 'spec.template.spec.initContainers[0].readinessProbe.tcpSocket.host', container: 'proxy', message: 'readiness probe (tcpSocket)' }],
    },
  ],
};
