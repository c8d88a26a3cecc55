import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'drop ALL and add back NET_BIND_SERVICE',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ingress-nginx/controller:v1.11.2
        securityContext:
          capabilities:
            drop: [ALL]
            add: [NET_BIND_SERVICE]
`,
    },
    {
      name: 'dropping a dangerous capability is not adding it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      capabilities:
        drop: [NET_RAW, SYS_ADMIN]
        add: [CHOWN]
`,
    },
    {
      name: 'NET_ADMIN left out of the configured list',
      options: { capabilities: ['SYS_ADMIN'] },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  containers:
  - name: vpn
    image: wireguard:1.0
    securityContext:
      capabilities:
        add: [NET_ADMIN]
`,
    },
  ],
  invalid: [
    {
      name: 'CNI DaemonSet adding NET_ADMIN and NET_RAW, like flannel',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-flannel-ds
spec:
  template:
    spec:
      containers:
      - name: kube-flannel
        image: flannel:v0.25.6
        securityContext:
          privileged: false
          capabilities:
            add: ["NET_ADMIN", "NET_RAW"]
`,
      expect: [
        { line: 14, column: 19, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[0]', message: 'adds NET_ADMIN' },
        { line: 14, column: 32, path: 'spec.template.spec.containers[0].securityContext.capabilities.add[1]', message: 'adds NET_RAW' },
      ],
    },
    {
      name: 'CAP_ prefix and lower case are the same capability',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  initContainers:
  - name: mount
    image: busybox:1.36
    securityContext:
      capabilities:
        add:
        - CAP_SYS_ADMIN
        - chown
  containers:
  - name: app
    image: app:1.0
    securityContext:
      capabilities:
        add:
        - sys_ptrace
`,
      expect: [
        { line: 12, column: 11, container: 'mount', message: 'adds "CAP_SYS_ADMIN" (SYS_ADMIN)' },
        { line: 20, column: 11, container: 'app', message: 'adds "sys_ptrace" (SYS_PTRACE)' },
      ],
    },
    {
      name: 'ALL, and a capability from a custom list',
      options: { capabilities: ['ALL', 'cap_sys_time'] },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: ntp
spec:
  containers:
  - name: ntp
    image: chrony:4.5
    securityContext:
      capabilities:
        add: [SYS_TIME, ALL]
`,
      expect: [
        { line: 11, column: 15, path: 'spec.containers[0].securityContext.capabilities.add[0]', message: 'adds SYS_TIME' },
        { line: 11, column: 25, path: 'spec.containers[0].securityContext.capabilities.add[1]', message: 'every Linux capability' },
      ],
    },
  ],
};
