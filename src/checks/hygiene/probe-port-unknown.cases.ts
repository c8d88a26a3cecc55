import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'named ports the container declares, and numbers',
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
        image: web:1.0
        ports:
        - name: http
          containerPort: 8080
        - name: admin
          containerPort: 9000
        livenessProbe:
          httpGet: {path: /healthz, port: admin}
        readinessProbe:
          tcpSocket: {port: http}
        startupProbe:
          grpc: {port: 9090}
`,
    },
    {
      name: 'a gRPC probe port is always a number; exec probes have no port',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: api:2.0
    livenessProbe:
      grpc:
        port: 9090
    readinessProbe:
      exec:
        command: [cat, /tmp/ready]
`,
    },
  ],
  invalid: [
    {
      name: 'the named port is declared by another container only',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.0
    ports:
    - name: http
      containerPort: 8080
    readinessProbe:
      httpGet:
        path: /ready
        port: metrics
  - name: exporter
    image: exporter:1.0
    ports:
    - name: metrics
      containerPort: 9100
`,
      expect: [{ line: 15, column: 9, path: 'spec.containers[0].readinessProbe.httpGet.port', container: 'app', message: 'uses the named port "metrics", which the container does not declare (it declares http)' }],
    },
    {
      name: 'a container without ports; a quoted number',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
        livenessProbe:
          tcpSocket:
            port: postgres
        startupProbe:
          httpGet:
            port: "8008"
`,
      expect: [
        { line: 18, column: 13, path: 'spec.template.spec.containers[0].livenessProbe.tcpSocket.port', container: 'db', message: 'the probe can never succeed' },
        { line: 21, column: 13, path: 'spec.template.spec.containers[0].startupProbe.httpGet.port', container: 'db', message: 'a quoted number' },
      ],
    },
  ],
};
