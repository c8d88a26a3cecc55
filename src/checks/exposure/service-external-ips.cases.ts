import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'no externalIPs',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
`,
    },
    {
      name: 'near miss: an empty externalIPs list, and a LoadBalancer whose status lists its ingress IP',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: LoadBalancer
  loadBalancerSourceRanges: [203.0.113.0/24]
  externalIPs: []
  selector:
    app: web
  ports:
  - port: 80
status:
  loadBalancer:
    ingress:
    - ip: 198.51.100.20
`,
    },
  ],
  invalid: [
    {
      name: 'one external IP',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector:
    app: web
  ports:
  - port: 80
  externalIPs:
  - 198.51.100.32
`,
      expect: [{ line: 11, column: 3, path: 'spec.externalIPs', message: 'Service "web" claims external IP 198.51.100.32: every node will route traffic for it' }],
    },
    {
      name: 'claiming well-known public addresses, in flow style',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: dns-intercept
spec:
  selector: {app: mitm}
  ports: [{port: 53, protocol: UDP}]
  externalIPs: [8.8.8.8, 1.1.1.1]
`,
      expect: [{ line: 8, column: 3, message: 'claims external IPs 8.8.8.8, 1.1.1.1' }],
    },
  ],
};
