import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'ClusterIP by default',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`,
    },
    {
      name: 'near miss: ExternalName and headless Services open no node port',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: payments
spec:
  type: ExternalName
  externalName: payments.example.com
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector:
    app: db
  ports:
  - port: 5432
`,
    },
  ],
  invalid: [
    {
      name: 'NodePort with an allocated port',
      yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
`,
      expect: [{ line: 7, column: 3, path: 'spec.type', message: 'Service "web" is of type NodePort: a node port open on every node' }],
    },
    {
      name: 'NodePort with fixed ports, in JSON',
      yaml: `{
  "apiVersion": "v1",
  "kind": "Service",
  "metadata": {"name": "front-end"},
  "spec": {
    "type": "NodePort",
    "selector": {"name": "front-end"},
    "ports": [{"port": 80, "targetPort": 8079, "nodePort": 30001}, {"port": 443, "nodePort": 30443}]
  }
}
`,
      expect: [{ line: 6, column: 5, path: 'spec.type', message: 'node ports 30001, 30443 open on every node' }],
    },
  ],
};
