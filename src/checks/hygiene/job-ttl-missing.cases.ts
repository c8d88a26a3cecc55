import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a TTL is set (zero deletes right away)',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  ttlSecondsAfterFinished: 0
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:2.0
`,
    },
    {
      name: 'CronJob templates are cleaned up by the history limits; an exported Job owned by a CronJob too',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: backup:1.0
---
apiVersion: batch/v1
kind: Job
metadata:
  name: backup-28930000
  ownerReferences:
  - apiVersion: batch/v1
    kind: CronJob
    name: backup
    uid: 3f0c1b2a-7d3e-4f55-9a0e-1b2c3d4e5f60
spec:
  template:
    spec:
      restartPolicy: OnFailure
      containers:
      - name: backup
        image: backup:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'no TTL',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: seed
spec:
  backoffLimit: 2
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: seed
        image: seed:1.0
`,
      expect: [{ line: 5, column: 1, path: 'spec.ttlSecondsAfterFinished', message: 'Job "seed" sets no ttlSecondsAfterFinished' }],
    },
    {
      name: 'a null TTL is no TTL; Jobs inside a List',
      yaml: `apiVersion: v1
kind: List
items:
- apiVersion: batch/v1
  kind: Job
  metadata:
    name: a
  spec:
    ttlSecondsAfterFinished: null
    template:
      spec:
        restartPolicy: Never
        containers:
        - {name: a, image: "a:1"}
- apiVersion: batch/v1
  kind: Job
  metadata:
    name: b
  spec:
    template:
      spec:
        restartPolicy: Never
        containers:
        - {name: b, image: "b:1"}
`,
      expect: [
        { line: 9, column: 5, path: 'spec.ttlSecondsAfterFinished', message: 'Job "a"' },
        { line: 19, column: 3, path: 'spec.ttlSecondsAfterFinished', message: 'Job "b"' },
      ],
    },
  ],
};
