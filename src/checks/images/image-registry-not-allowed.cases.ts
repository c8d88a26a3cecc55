import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'not configured: nothing is reported',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: randomuser/web:1.0
`,
    },
    {
      name: 'images under an allowed host and an allowed path prefix',
      options: { allowedRegistries: ['ghcr.io/acme/', 'registry.internal:5000'] },
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      initContainers:
      - name: migrate
        image: registry.internal:5000/base/migrate:2.1
      containers:
      - name: app
        image: ghcr.io/acme/shop/web:1.4.2
`,
    },
    {
      name: 'Docker Hub official images, with or without the host written',
      options: { allowedRegistries: ['docker.io/library'] },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27.2
  - name: cache
    image: index.docker.io/library/redis:7.4
`,
    },
  ],
  invalid: [
    {
      name: 'a path prefix matches whole segments only; Docker Hub is not implied',
      options: { allowedRegistries: ['ghcr.io/acme'] },
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: ghcr.io/acme-evil/web:1.4.2
      - name: proxy
        image: nginx:1.27.2
`,
      expect: [
        { line: 10, column: 9, path: 'spec.template.spec.containers[0].image', container: 'app', message: 'from ghcr.io/acme-evil/web' },
        { line: 12, column: 9, path: 'spec.template.spec.containers[1].image', container: 'proxy', message: 'from docker.io/library/nginx' },
      ],
    },
    {
      name: 'a Docker Hub user image when only official images are allowed, and an init container from another registry',
      options: { allowedRegistries: ['docker.io/library/'] },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: cache
spec:
  initContainers:
  - name: config
    image: quay.io/acme/config-loader:0.3
  containers:
  - name: redis
    image: bitnami/redis:7.4
`,
      expect: [
        { line: 8, column: 5, container: 'config', message: 'not under any allowed registry (docker.io/library/)' },
        { line: 11, column: 5, container: 'redis', message: 'from docker.io/bitnami/redis' },
      ],
    },
  ],
};
