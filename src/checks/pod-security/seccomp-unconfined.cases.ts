import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'no profile at all is the restricted rule, not this one',
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
      name: 'RuntimeDefault and Localhost',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          seccompProfile:
            type: Localhost
            localhostProfile: profiles/app.json
`,
    },
    {
      name: 'the deprecated annotation has no effect since Kubernetes 1.27',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'Unconfined on the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    seccompProfile:
      type: Unconfined
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [{ line: 8, column: 7, path: 'spec.securityContext.seccompProfile.type', message: 'so container "app" runs without seccomp' }],
    },
    {
      name: 'Unconfined on the pod and on an init container that would inherit it anyway',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      securityContext:
        seccompProfile: {type: Unconfined}
      initContainers:
      - name: wait
        image: busybox:1.36
        securityContext:
          seccompProfile:
            type: Unconfined
      containers:
      - name: migrate
        image: migrate:4
        securityContext:
          seccompProfile:
            type: RuntimeDefault
`,
      expect: [
        { line: 9, column: 26, path: 'spec.template.spec.securityContext.seccompProfile.type', message: 'every container overrides it' },
        { line: 15, column: 13, path: 'spec.template.spec.initContainers[0].securityContext.seccompProfile.type', container: 'wait' },
      ],
    },
  ],
};
