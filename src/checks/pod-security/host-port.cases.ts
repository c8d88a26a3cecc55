import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'container ports only, and hostPort 0',
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
        ports:
        - containerPort: 80
        - containerPort: 443
          hostPort: 0
`,
    },
    {
      name: 'a host-network pod: its ports are reported as host-network',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      hostNetwork: true
      containers:
      - name: agent
        image: agent:2.1
        ports:
        - containerPort: 9100
          hostPort: 9100
`,
    },
  ],
  invalid: [
    {
      name: 'ingress controller binding 80 and 443 on the node',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ingress
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ingress-nginx/controller:v1.11.2
        ports:
        - name: http
          containerPort: 80
          hostPort: 80
        - name: https
          containerPort: 443
          hostPort: 443
        - name: metrics
          containerPort: 10254
`,
      expect: [
        { line: 14, column: 11, path: 'spec.template.spec.containers[0].ports[0].hostPort', container: 'controller', message: 'binds host port 80 (container port 80)' },
        { line: 17, column: 11, path: 'spec.template.spec.containers[0].ports[1].hostPort', container: 'controller', message: 'host port 443' },
      ],
    },
    {
      name: 'second container of a Pod, flow style',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: debug
    image: debug:1.0
    ports: [{containerPort: 2345, hostPort: 2345}]
`,
      expect: [{ line: 11, column: 35, path: 'spec.containers[1].ports[0].hostPort', container: 'debug' }],
    },
  ],
};
