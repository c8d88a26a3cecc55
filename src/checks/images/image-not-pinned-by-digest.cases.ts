import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'pinned by digest',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: ghcr.io/acme/web:2.4.1@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1
`,
    },
    {
      name: 'digest without a tag',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: "ghcr.io/acme/web@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1"
`,
    },
  ],
  invalid: [
    {
      name: 'versioned tag without digest, in a ReplicaSet',
      yaml: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27.2
      - name: proxy
        image: envoyproxy/envoy:v1.30.1@sha256:4bcff63911fcb4448bd4fdacec207030997caf25e9bea4045fa6c8c44de311d1
`,
      expect: [{ line: 10, column: 9, container: 'app', path: 'spec.template.spec.containers[0].image' }],
    },
    {
      name: 'Argo Rollout',
      yaml: `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: web
spec:
  strategy:
    canary: {}
  template:
    spec:
      containers:
      - name: web
        image: acme/web:5
`,
      expect: [{ line: 12, column: 9, container: 'web' }],
    },
  ],
};
