import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'Always for a tagged image',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: ghcr.io/acme/web:1.4.2
        imagePullPolicy: Always
`,
    },
    {
      name: 'a digest pins the content: IfNotPresent is fine',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27.2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
    imagePullPolicy: IfNotPresent
`,
    },
    {
      name: 'no tag or :latest defaults to Always',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx
  - name: sidecar
    image: registry.local:5000/team/proxy:latest
`,
    },
  ],
  invalid: [
    {
      name: 'a versioned tag without a policy defaults to IfNotPresent',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27.2
`,
      expect: [{ line: 9, column: 9, path: 'spec.template.spec.containers[0].imagePullPolicy', container: 'app', message: 'uses IfNotPresent for the tagged image "nginx:1.27.2"' }],
    },
    {
      name: 'explicit IfNotPresent and Never, init containers included',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  initContainers:
  - name: setup
    image: busybox:1.36
    imagePullPolicy: Never
  containers:
  - name: app
    image: registry.local:5000/team/web:latest
    imagePullPolicy: IfNotPresent
`,
      expect: [
        { line: 9, column: 5, path: 'spec.initContainers[0].imagePullPolicy', container: 'setup', message: 'imagePullPolicy Never' },
        { line: 13, column: 5, path: 'spec.containers[0].imagePullPolicy', container: 'app', message: 'imagePullPolicy IfNotPresent' },
      ],
    },
  ],
};
