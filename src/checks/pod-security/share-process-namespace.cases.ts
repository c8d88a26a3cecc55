import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'not set',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
  - name: proxy
    image: envoy:1.30
`,
    },
    {
      name: 'explicitly false',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      shareProcessNamespace: false
      containers:
      - name: app
        image: nginx:1.27
`,
    },
  ],
  invalid: [
    {
      name: 'sidecar pattern sharing processes',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      shareProcessNamespace: true
      containers:
      - name: app
        image: nginx:1.27
      - name: reloader
        image: reloader:0.9
`,
      expect: [{ line: 8, column: 7, path: 'spec.template.spec.shareProcessNamespace', message: 'containers "app", "reloader"' }],
    },
    {
      name: 'Pod, set after the containers',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
  shareProcessNamespace: true
`,
      expect: [{ line: 9, column: 3, path: 'spec.shareProcessNamespace' }],
    },
  ],
};
