import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the named port is declared; a numeric targetPort needs no declaration',
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
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - name: http
    port: 80
    targetPort: http
  - name: admin
    port: 9000
    targetPort: 9000
`,
    },
    {
      name: 'a sidecar (restartable init container) declares the port',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: api
  labels: {app: api}
spec:
  initContainers:
  - name: proxy
    image: envoy:1.31
    restartPolicy: Always
    ports:
    - name: https
      containerPort: 8443
  containers:
  - name: api
    image: api:4.2
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
  - port: 443
    targetPort: https
`,
    },
    {
      name: 'a Service that selects no workload is left to dangling-service',
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
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector: {app: api}
  ports:
  - port: 80
    targetPort: http
`,
    },
  ],
  invalid: [
    {
      name: 'the container names its port differently',
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
        - name: web
          containerPort: 8080
      initContainers:
      - name: migrate
        image: web:1.0
        ports:
        - name: http
          containerPort: 8081
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: http
`,
      expect: [{ line: 33, column: 5, path: 'spec.ports[0].targetPort', message: 'targets the named port "http", but no container of Deployment "web" declares a port named "http"' }],
    },
    {
      name: 'declared for TCP only while the Service port is UDP; a quoted number',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: dns
spec:
  selector:
    matchLabels: {app: dns}
  template:
    metadata:
      labels: {app: dns}
    spec:
      containers:
      - name: dns
        image: coredns:1.11
        ports:
        - name: dns
          containerPort: 53
---
apiVersion: v1
kind: Service
metadata:
  name: dns
spec:
  selector: {app: dns}
  ports:
  - name: dns-udp
    port: 53
    protocol: UDP
    targetPort: dns
  - name: metrics
    port: 9153
    targetPort: "9153"
`,
      expect: [
        { line: 29, column: 5, path: 'spec.ports[0].targetPort', message: 'declare "dns" only for TCP, not UDP' },
        { line: 32, column: 5, path: 'spec.ports[1].targetPort', message: 'has targetPort "9153", a quoted number: Kubernetes reads it as a port name' },
      ],
    },
  ],
};
