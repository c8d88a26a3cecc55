import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'safe sysctls, old and new',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - name: net.ipv4.ip_local_port_range
          value: "1024 65535"
        - name: net.ipv4.tcp_keepalive_time
          value: "600"
        - name: net.ipv4.tcp_rmem
          value: "4096 87380 16777216"
      containers:
      - name: app
        image: nginx:1.27
`,
    },
    {
      name: 'the slash form of a safe sysctl',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
    - name: net/ipv4/tcp_syncookies
      value: "1"
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'somaxconn among safe ones',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    sysctls:
    - name: kernel.shm_rmid_forced
      value: "0"
    - name: net.core.somaxconn
      value: "1024"
    - {name: kernel.msgmax, value: "65536"}
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [
        { line: 10, column: 7, path: 'spec.securityContext.sysctls[1].name', message: 'net.core.somaxconn, which is not in the safe set' },
        { line: 12, column: 8, path: 'spec.securityContext.sysctls[2].name', message: 'kernel.msgmax' },
      ],
    },
    {
      name: 'a name that only looks like a safe one',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - name: net.ipv4.tcp_syncookies.extra
          value: "1"
        - name: vm.max_map_count
          value: "262144"
      containers:
      - name: db
        image: elasticsearch:8.15.0
`,
      expect: [
        { line: 10, column: 11, path: 'spec.template.spec.securityContext.sysctls[0].name' },
        { line: 12, column: 11, path: 'spec.template.spec.securityContext.sysctls[1].name', message: 'vm.max_map_count' },
      ],
    },
  ],
};
