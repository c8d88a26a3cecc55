import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a plain pod meets baseline',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
    },
    {
      name: 'baseline allows the default capabilities and safe sysctls',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        sysctls:
        - name: net.ipv4.ip_unprivileged_port_start
          value: "0"
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          capabilities:
            add: ["NET_BIND_SERVICE", "CHOWN"]
`,
    },
    {
      name: 'an older policy version: hostProbesAndHostLifecycle exists only from v1.34',
      options: { version: 'v1.33' },
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
        host: 10.0.0.1
        port: 8080
`,
    },
  ],
  invalid: [
    {
      name: 'host network and a privileged container: one finding per upstream check',
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
        securityContext:
          privileged: true
`,
      expect: [
        { line: 8, column: 7, path: 'spec.template.spec.hostNetwork', message: 'host namespaces (hostNetwork=true)' },
        { line: 13, column: 11, message: 'privileged (container "agent" must not set securityContext.privileged=true)' },
      ],
    },
    {
      name: 'the same probe host is allowed before v1.34 and denied from it',
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
        host: 10.0.0.1
        port: 8080
`,
      expect: [{ line: 11, column: 9, message: 'violates PodSecurity "baseline:latest": probe or lifecycle host' }],
    },
  ],
};
