import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'every host covered, one of them by a wildcard',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  ingressClassName: nginx
  tls:
  - hosts: [shop.example.com]
    secretName: shop-tls
  - hosts: ["*.api.example.com"]
    secretName: api-wildcard-tls
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
  - host: orders.api.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: orders, port: {number: 80}}
`,
    },
    {
      name: 'near miss: a tls entry without hosts covers the default host; an Ingress with neither rules nor backend serves nothing',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: catch-all
spec:
  tls:
  - secretName: default-tls
  rules:
  - http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: placeholder
spec:
  ingressClassName: nginx
`,
    },
  ],
  invalid: [
    {
      name: 'no tls section',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service: {name: web, port: {number: 80}}
`,
      expect: [{ line: 6, column: 1, path: 'spec.tls', message: 'Ingress "shop" has no tls section: it serves hosts "shop.example.com" over plain HTTP' }],
    },
    {
      name: 'hosts the certificates do not cover: a second-level name under a wildcard, and a rule without host',
      yaml: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: api
spec:
  tls:
  - hosts: ["*.example.com"]
    secretName: wildcard-tls
  rules:
  - host: api.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}
  - host: v2.api.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: api-v2, port: {number: 80}}}}
  - http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
`,
      expect: [
        { line: 14, column: 5, path: 'spec.rules[1].host', message: 'serves host "v2.api.example.com", which no tls entry covers' },
        { line: 18, column: 5, path: 'spec.rules[2]', message: 'rule 2 has no host' },
      ],
    },
    {
      name: 'only a default backend, in the old extensions API',
      yaml: `apiVersion: extensions/v1beta1
kind: Ingress
metadata:
  name: legacy
spec:
  backend:
    serviceName: web
    servicePort: 80
`,
      expect: [{ line: 5, column: 1, message: 'it serves all hosts over plain HTTP' }],
    },
  ],
};
