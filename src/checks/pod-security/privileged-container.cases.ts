import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'no security context',
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
      name: 'privileged explicitly false, in a Deployment',
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
          privileged: false
`,
    },
    {
      name: 'the string "true" is not a boolean',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: "true"
`,
    },
  ],
  invalid: [
    {
      name: 'privileged container in a Pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`,
      expect: [{ line: 10, column: 7, path: 'spec.containers[0].securityContext.privileged', container: 'app' }],
    },
    {
      name: 'YAML 1.1 `yes` is true, as Kubernetes reads it',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
      - name: agent
        image: agent:2.1
        securityContext: {privileged: yes}
`,
      expect: [{ line: 11, column: 27, path: 'spec.template.spec.containers[0].securityContext.privileged', container: 'agent' }],
    },
    {
      name: 'init and ephemeral containers count too',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    securityContext:
      privileged: on
  containers:
  - name: app
    image: nginx:1.27
  ephemeralContainers:
  - name: shell
    image: busybox:1.36
    securityContext:
      privileged: true
`,
      expect: [
        { line: 10, column: 7, container: 'setup' },
        { line: 18, column: 7, container: 'shell' },
      ],
    },
    {
      name: 'CronJob pod template',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:1.0
            securityContext:
              privileged: true
`,
      expect: [{ line: 16, column: 15, path: 'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged' }],
    },
  ],
};
