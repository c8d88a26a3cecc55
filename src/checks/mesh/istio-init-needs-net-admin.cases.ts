import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'injected with the Istio CNI plugin: istio-validation drops every capability',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews
spec:
  template:
    metadata:
      annotations:
        sidecar.istio.io/status: '{"initContainers":["istio-validation"],"containers":["istio-proxy"]}'
    spec:
      initContainers:
      - name: istio-validation
        image: docker.io/istio/proxyv2:1.24.2
        args: ["istio-iptables", "--run-validation", "--skip-rule-apply"]
        securityContext:
          capabilities:
            drop: ["ALL"]
          runAsUser: 1337
          runAsNonRoot: true
      containers:
      - name: reviews
        image: docker.io/istio/examples-bookinfo-reviews-v1:1.20.2
      - name: istio-proxy
        image: docker.io/istio/proxyv2:1.24.2
`,
    },
    {
      name: 'an application init container may need NET_ADMIN for its own reasons (other checks look at it)',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: vpn
spec:
  initContainers:
  - name: routes
    image: example/route-setup:2.0
    command: ["/bin/setup-routes"]
    securityContext:
      capabilities:
        add: ["NET_ADMIN"]
  containers:
  - name: app
    image: example/app:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'output of istioctl kube-inject without CNI',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: productpage
spec:
  template:
    spec:
      initContainers:
      - name: istio-init
        image: docker.io/istio/proxyv2:1.24.2
        args:
        - istio-iptables
        - -p
        - "15001"
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            add:
            - NET_ADMIN
            - NET_RAW
            drop:
            - ALL
          runAsUser: 0
      containers:
      - name: productpage
        image: docker.io/istio/examples-bookinfo-productpage-v1:1.20.2
`,
      expect: [
        {
          line: 18,
          column: 13,
          path: 'spec.template.spec.initContainers[0].securityContext.capabilities.add',
          container: 'istio-init',
          message: 'adds NET_ADMIN, NET_RAW',
        },
      ],
    },
    {
      name: 'a renamed setup container running istio-iptables, capabilities spelled with CAP_',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: legacy
spec:
  initContainers:
  - name: mesh-setup
    image: registry.example.com/mirror/proxyv2:1.22.0
    command: ["/usr/local/bin/istio-iptables"]
    securityContext:
      capabilities: {add: [cap_net_admin]}
  containers:
  - name: app
    image: example/app:1.0
`,
      expect: [{ line: 11, column: 22, container: 'mesh-setup', message: 'adds NET_ADMIN to program' }],
    },
  ],
};
