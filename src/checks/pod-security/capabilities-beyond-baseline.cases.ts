import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'capabilities from the default set',
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
        drop: [ALL]
        add: [NET_BIND_SERVICE, CHOWN, SETUID, SETGID]
`,
    },
    {
      name: 'dropping anything is allowed',
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
        securityContext:
          capabilities:
            drop: [SYS_ADMIN, NET_RAW]
`,
    },
  ],
  invalid: [
    {
      name: 'NET_RAW is not in the baseline set, NET_BIND_SERVICE is',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: ping
spec:
  containers:
  - name: app
    image: busybox:1.36
    securityContext:
      capabilities:
        add:
        - NET_BIND_SERVICE
        - NET_RAW
`,
      expect: [{ line: 13, column: 11, path: 'spec.containers[0].securityContext.capabilities.add[1]', container: 'app', message: 'adds NET_RAW, which is outside' }],
    },
    {
      name: 'init container adding SYS_TIME',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ntp
spec:
  template:
    spec:
      initContainers:
      - name: clock
        image: chrony:4.5
        securityContext:
          capabilities: {add: [SYS_TIME]}
      containers:
      - name: app
        image: app:1.0
`,
      expect: [{ line: 12, column: 32, path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add[0]', container: 'clock' }],
    },
    {
      name: 'an allowed capability spelled with CAP_ is rejected by admission',
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
        add: [CAP_NET_BIND_SERVICE, cap_sys_admin]
`,
      expect: [
        { line: 11, column: 15, message: 'only accepts the exact name "NET_BIND_SERVICE"' },
        { line: 11, column: 37, message: 'adds cap_sys_admin, which is outside' },
      ],
    },
  ],
};
