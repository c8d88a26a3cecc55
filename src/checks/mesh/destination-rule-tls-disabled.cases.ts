import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'ISTIO_MUTUAL for a service of the mesh',
      yaml: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: shop
spec:
  host: reviews.shop.svc.cluster.local
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
  subsets:
  - name: v1
    labels:
      version: v1
`,
    },
    {
      name: 'DISABLE for an external host: the application speaks TLS itself, the sidecar only passes it through',
      yaml: `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: payments-api
  namespace: shop
spec:
  host: api.payments.example.com
  trafficPolicy:
    tls:
      mode: DISABLE
`,
    },
    {
      name: 'SIMPLE TLS origination to an external host with verification',
      yaml: `apiVersion: networking.istio.io/v1alpha3
kind: DestinationRule
metadata:
  name: bank
spec:
  host: "*.bank.example"
  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerify: false
      credentialName: bank-ca
`,
    },
    {
      name: 'a custom cluster domain: cluster.local names are not services of this cluster',
      options: { clusterDomain: 'corp.internal' },
      yaml: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: legacy
spec:
  host: legacy.other.svc.cluster.local
  trafficPolicy:
    tls:
      mode: DISABLE
`,
    },
  ],
  invalid: [
    {
      name: 'DISABLE for a short name (resolved in the rule namespace)',
      yaml: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: ratings
  namespace: shop
spec:
  host: ratings
  trafficPolicy:
    tls:
      mode: DISABLE
`,
      expect: [{ line: 10, column: 7, path: 'spec.trafficPolicy.tls.mode', message: 'DestinationRule "ratings" for ratings sets tls.mode DISABLE' }],
    },
    {
      name: 'DISABLE on one port and in one subset, for every service of the cluster',
      yaml: `apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata:
  name: all-services
  namespace: istio-system
spec:
  host: "*.local"
  trafficPolicy:
    tls:
      mode: ISTIO_MUTUAL
    portLevelSettings:
    - port:
        number: 9092
      tls:
        mode: DISABLE
  subsets:
  - name: legacy
    labels:
      version: v0
    trafficPolicy:
      tls: {mode: DISABLE}
`,
      expect: [
        { line: 15, column: 9, path: 'spec.trafficPolicy.portLevelSettings[0].tls.mode', message: '(port 9092)' },
        { line: 21, column: 13, path: 'spec.subsets[0].trafficPolicy.tls.mode', message: '(subset "legacy")' },
      ],
    },
    {
      name: 'SIMPLE TLS without verifying the server certificate, for an external host',
      yaml: `apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: partner
  namespace: shop
spec:
  host: partner.example.net
  trafficPolicy:
    tls:
      mode: SIMPLE
      insecureSkipVerify: true
`,
      expect: [{ line: 11, column: 7, path: 'spec.trafficPolicy.tls.insecureSkipVerify', message: 'the server certificate is not verified' }],
    },
  ],
};
