import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'no hostAliases',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.0
`,
    },
    {
      name: 'an empty list, and DNS settings, which are not host aliases',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      hostAliases: []
      dnsConfig:
        options:
        - {name: ndots, value: "2"}
      containers:
      - name: app
        image: web:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'a Deployment pinning two names',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: payments
spec:
  selector:
    matchLabels: {app: payments}
  template:
    metadata:
      labels: {app: payments}
    spec:
      hostAliases:
      - ip: 203.0.113.10
        hostnames:
        - api.bank.example
        - auth.bank.example
      containers:
      - name: app
        image: payments:3.0
`,
      expect: [{ line: 12, column: 7, path: 'spec.template.spec.hostAliases', message: 'api.bank.example → 203.0.113.10, auth.bank.example → 203.0.113.10' }],
    },
    {
      name: 'a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: sync
spec:
  schedule: "*/10 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostAliases:
          - {ip: 10.0.0.5, hostnames: [registry.internal]}
          containers:
          - name: sync
            image: sync:1.0
`,
      expect: [{ line: 12, column: 11, path: 'spec.jobTemplate.spec.template.spec.hostAliases', message: 'registry.internal → 10.0.0.5' }],
    },
  ],
};
