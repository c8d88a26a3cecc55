import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'versioned tag',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27.2
`,
    },
    {
      name: 'latest pinned by digest is immutable',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:latest@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
`,
    },
    {
      name: 'a registry port is not a tag',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: registry.local:5000/team/web:3.1.0
`,
    },
  ],
  invalid: [
    {
      name: 'no tag',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
`,
      expect: [{ line: 10, column: 9, path: 'spec.template.spec.containers[0].image', message: 'without a tag' }],
    },
    {
      name: 'explicit latest behind a registry with a port',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - image: registry.local:5000/team/web:latest
    name: app
`,
      expect: [{ line: 7, column: 5, container: 'app', message: 'mutable :latest tag' }],
    },
    {
      name: 'JSON manifest',
      yaml: `{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {"name": "web"},
  "spec": {
    "containers": [
      {"name": "app", "image": "redis"}
    ]
  }
}
`,
      expect: [{ line: 7, column: 23, container: 'app' }],
    },
  ],
};
