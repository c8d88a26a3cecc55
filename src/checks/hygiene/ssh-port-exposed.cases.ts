import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'web ports only',
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
        ports:
        - containerPort: 8080
          name: http
`,
    },
    {
      name: 'UDP port 22 is not SSH; a Service port 22 forwarding elsewhere is not SSH either',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: sensor
  labels: {app: sensor}
spec:
  containers:
  - name: collector
    image: collector:2.0
    ports:
    - containerPort: 22
      protocol: UDP
---
apiVersion: v1
kind: Service
metadata:
  name: sensor
spec:
  selector: {app: sensor}
  ports:
  - port: 22
    targetPort: 8022
    protocol: TCP
`,
    },
    {
      name: 'a Service without selector points at endpoints outside the input',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: legacy-bastion
spec:
  ports:
  - port: 22
`,
    },
  ],
  invalid: [
    {
      name: 'container port 22',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: toolbox
spec:
  selector:
    matchLabels: {app: toolbox}
  template:
    metadata:
      labels: {app: toolbox}
    spec:
      containers:
      - name: shell
        image: linuxserver/openssh-server:9.7
        ports:
        - containerPort: 22
`,
      expect: [{ line: 16, column: 11, path: 'spec.template.spec.containers[0].ports[0].containerPort', container: 'shell', message: 'port 22 (SSH)' }],
    },
    {
      name: 'a port named ssh on another number, in a sidecar of a Pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: git
spec:
  initContainers:
  - name: sshd
    image: sshd:1.0
    restartPolicy: Always
    ports:
    - name: ssh
      containerPort: 2222
  containers:
  - name: git
    image: git-server:3.1
`,
      expect: [{ line: 11, column: 7, path: 'spec.initContainers[0].ports[0].name', container: 'sshd', message: 'named "ssh" (port 2222)' }],
    },
    {
      name: 'a LoadBalancer Service forwarding to port 22, by default and by name',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: bastion
spec:
  type: LoadBalancer
  selector: {app: bastion}
  ports:
  - name: shell
    port: 22
  - name: alt
    port: 2222
    targetPort: ssh
`,
      expect: [
        { line: 10, column: 5, path: 'spec.ports[0].port', message: 'from outside the cluster (type LoadBalancer)' },
        { line: 13, column: 5, path: 'spec.ports[1].targetPort', message: 'the port named "ssh"' },
      ],
    },
  ],
};
