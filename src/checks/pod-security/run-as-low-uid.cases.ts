import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'high IDs on the pod, UID 0 left to run-as-root-allowed, nothing set on a sidecar',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsUser: 10001
        runAsGroup: 10001
        fsGroup: 10001
      containers:
      - name: app
        image: nginx:1.27
      - name: root-tool
        image: tool:1.0
        securityContext:
          runAsUser: 0
`,
    },
    {
      name: 'the containers override a low pod UID',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsUser: 20000
`,
    },
    {
      name: 'user namespaces map low IDs to unprivileged node IDs',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostUsers: false
  securityContext:
    runAsUser: 1000
    runAsGroup: 0
  containers:
  - name: app
    image: nginx:1.27
`,
    },
    {
      name: 'a lower threshold from the options',
      options: { minimumUid: 1000, minimumGid: 1000 },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 1000
    runAsGroup: 1000
    fsGroup: 2000
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'pod-level UID and GID: one finding each, naming the containers',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsUser: 1000
        runAsGroup: 1000
        fsGroup: 2000
      containers:
      - name: app
        image: nginx:1.27
      - name: sidecar
        image: envoy:1.30
`,
      expect: [
        { line: 9, column: 9, path: 'spec.template.spec.securityContext.runAsUser', message: 'so containers "app", "sidecar" run with UID 1000, below 10000' },
        { line: 10, column: 9, path: 'spec.template.spec.securityContext.runAsGroup', message: 'GID 1000, below 10000' },
        { line: 11, column: 9, path: 'spec.template.spec.securityContext.fsGroup', message: 'fsGroup: 2000, below 10000' },
      ],
    },
    {
      name: 'container-level values, the root group and a root fsGroup',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsUser: 10001
    fsGroup: 0
  initContainers:
  - name: init
    image: busybox:1.36
    securityContext:
      runAsUser: 101
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      runAsGroup: 0
`,
      expect: [
        { line: 8, column: 5, path: 'spec.securityContext.fsGroup', message: 'root group' },
        { line: 13, column: 7, path: 'spec.initContainers[0].securityContext.runAsUser', container: 'init', message: 'container "init" runs with UID 101, below 10000' },
        { line: 18, column: 7, path: 'spec.containers[0].securityContext.runAsGroup', container: 'app', message: 'GID 0 (the root group)' },
      ],
    },
  ],
};
