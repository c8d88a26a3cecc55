import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'current proxy, a distroless variant, a gateway injected at admission (image: auto) and a digest-only image',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      containers:
      - name: istio-proxy
        image: auto
      - name: sidecar
        image: docker.io/istio/proxyv2:1.24.0-distroless
      - name: pinned
        image: gcr.io/istio-release/proxyv2@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31
`,
    },
    {
      name: '1.10.2 is newer than 1.9.0 (numbers, not text), and application images are not proxies',
      options: { minimumVersion: '1.9.0' },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: app
    image: example/app:1.0.0
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.10.2
`,
    },
    {
      name: 'unparseable tags are not judged',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:latest
  - name: dev
    image: gcr.io/istio-testing/proxyv2:1.25-alpha.3f2a
`,
    },
    {
      name: 'sidecar injector ConfigMap with a current tag',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector
  namespace: istio-system
data:
  values: |-
    {"global": {"hub": "docker.io/istio", "tag": "1.25.1", "proxy": {"image": "proxyv2"}}}
`,
    },
  ],
  invalid: [
    {
      name: 'old proxy as a native sidecar; istio-init runs the same image only to set up iptables and is not reported again',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews
spec:
  template:
    spec:
      initContainers:
      - name: istio-init
        image: docker.io/istio/proxyv2:1.20.8
        args: ["istio-iptables", "-p", "15001"]
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.20.8
        restartPolicy: Always
      containers:
      - name: reviews
        image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.2
`,
      expect: [
        {
          line: 13,
          column: 9,
          path: 'spec.template.spec.initContainers[1].image',
          container: 'istio-proxy',
          message: 'Istio proxy 1.20.8 is older than the minimum 1.24.0',
        },
      ],
    },
    {
      name: 'a pod annotation pins an old proxy image; a vendor build with a suffix',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/proxyImage: gcr.io/gke-release/asm/proxyv2:1.19.10-asm.33
    spec:
      containers:
      - name: db
        image: postgres:16.4
`,
      expect: [{ line: 9, column: 9, path: 'spec.template.metadata.annotations["sidecar.istio.io/proxyImage"]', message: 'Istio proxy 1.19.10 is older' }],
    },
    {
      name: 'injector ConfigMap of a revision and an IstioOperator with old tags',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio-sidecar-injector-1-22
  namespace: istio-system
data:
  values: |-
    {"global": {"hub": "docker.io/istio", "tag": "1.22.6", "proxy": {"image": "proxyv2"}}}
---
apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: control-plane
  namespace: istio-system
spec:
  profile: default
  tag: 1.23.4
`,
      expect: [
        { line: 7, column: 3, path: 'data.values', message: 'values global.tag: Istio proxy 1.22.6' },
        { line: 17, column: 3, path: 'spec.tag', message: 'IstioOperator "control-plane" installs spec.tag "1.23.4"' },
      ],
    },
    {
      name: 'a stricter minimum from the options',
      options: { minimumVersion: '1.26.0' },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.25.3
`,
      expect: [{ line: 8, column: 5, container: 'istio-proxy', message: 'older than the minimum 1.26.0' }],
    },
  ],
};
