import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'only the MCS level, and an allowed type',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          level: "s0:c123,c456"
      containers:
      - name: db
        image: postgres:16
        securityContext:
          seLinuxOptions:
            type: container_t
            level: "s0:c123,c456"
`,
    },
    {
      name: 'empty strings are the same as unset',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seLinuxOptions:
        type: ""
        user: ""
        role: ""
`,
    },
  ],
  invalid: [
    {
      name: 'spc_t on the pod',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
      containers:
      - name: agent
        image: agent:2.1
`,
      expect: [{ line: 10, column: 11, path: 'spec.template.spec.securityContext.seLinuxOptions.type', message: 'not confined by SELinux at all' }],
    },
    {
      name: 'user and role on a container, custom type on another',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      seLinuxOptions:
        user: system_u
        role: system_r
  - name: logger
    image: fluent-bit:3.1
    securityContext:
      seLinuxOptions: {type: logger_t}
`,
      expect: [
        { line: 11, column: 9, path: 'spec.containers[0].securityContext.seLinuxOptions.user', container: 'app', message: 'custom SELinux user (system_u)' },
        { line: 12, column: 9, path: 'spec.containers[0].securityContext.seLinuxOptions.role', container: 'app', message: 'custom SELinux role (system_r)' },
        { line: 16, column: 24, path: 'spec.containers[1].securityContext.seLinuxOptions.type', container: 'logger', message: 'not one of the container types' },
      ],
    },
  ],
};
