import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'restricted to office and VPN networks, by field and by the legacy annotation',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: admin
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
  - 203.0.113.0/24
  - 2001:db8::/32
  selector:
    app: admin
  ports:
  - port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: reports
  annotations:
    service.beta.kubernetes.io/load-balancer-source-ranges: "198.51.100.0/24, 203.0.113.7/32"
spec:
  type: LoadBalancer
  selector:
    app: reports
  ports:
  - port: 443
`,
    },
    {
      name: 'near miss: internal load balancers get a private address only',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: api-internal
  annotations:
    networking.gke.io/load-balancer-type: "Internal"
spec:
  type: LoadBalancer
  selector:
    app: api
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: queue-internal
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-scheme: internal
spec:
  type: LoadBalancer
  selector:
    app: queue
  ports:
  - port: 5672
`,
    },
  ],
  invalid: [
    {
      name: 'no source ranges',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: ingress-nginx-controller
  namespace: ingress-nginx
spec:
  type: LoadBalancer
  externalTrafficPolicy: Local
  selector:
    app.kubernetes.io/name: ingress-nginx
  ports:
  - name: https
    port: 443
    targetPort: https
`,
      expect: [{ line: 6, column: 1, path: 'spec.loadBalancerSourceRanges', message: 'LoadBalancer Service "ingress-nginx-controller" sets no loadBalancerSourceRanges' }],
    },
    {
      name: 'a range of prefix length 0, in the field and in the annotation; an external AWS scheme is not internal',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  loadBalancerSourceRanges:
  - 10.0.0.0/8
  - 0.0.0.0/0
  - ::/0
  selector:
    app: web
  ports:
  - port: 443
---
apiVersion: v1
kind: Service
metadata:
  name: legacy
  annotations:
    service.beta.kubernetes.io/aws-load-balancer-scheme: internet-facing
    service.beta.kubernetes.io/load-balancer-source-ranges: 0.0.0.0/0
spec:
  type: LoadBalancer
  selector:
    app: legacy
  ports:
  - port: 80
`,
      expect: [
        { line: 9, column: 5, path: 'spec.loadBalancerSourceRanges[1]', message: 'allows 0.0.0.0/0: any address can connect' },
        { line: 10, column: 5, path: 'spec.loadBalancerSourceRanges[2]', message: 'allows ::/0' },
        { line: 22, column: 5, path: 'metadata.annotations["service.beta.kubernetes.io/load-balancer-source-ranges"]', message: 'LoadBalancer Service "legacy" allows 0.0.0.0/0' },
      ],
    },
  ],
};
