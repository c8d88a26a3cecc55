import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the Secret is mounted as a file',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
        volumeMounts:
        - name: db
          mountPath: /run/secrets/db
          readOnly: true
      volumes:
      - name: db
        secret:
          secretName: api-db
`,
    },
    {
      name: 'near miss: env from ConfigMaps and the downward API is not a secret',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:2.4.1
    env:
    - name: LOG_LEVEL
      valueFrom:
        configMapKeyRef:
          name: api-settings
          key: log-level
    - name: POD_NAME
      valueFrom:
        fieldRef:
          fieldPath: metadata.name
    envFrom:
    - configMapRef:
        name: api-settings
`,
    },
  ],
  invalid: [
    {
      name: 'a single key through secretKeyRef',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
      - name: api
        image: registry.example.com/api:2.4.1
        env:
        - name: LOG_LEVEL
          value: info
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-db
              key: password
`,
      expect: [
        {
          line: 16,
          column: 13,
          path: 'spec.template.spec.containers[0].env[1].valueFrom.secretKeyRef',
          container: 'api',
          message: 'reads Secret "api-db" key "password" into environment variable DB_PASSWORD',
        },
      ],
    },
    {
      name: 'a whole Secret through envFrom, in an init container',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox:1.36
        envFrom:
        - configMapRef:
            name: settings
        - secretRef:
            name: db-credentials
      containers:
      - name: migrate
        image: registry.example.com/migrate:1.0.0
`,
      expect: [{ line: 15, column: 11, path: 'spec.template.spec.initContainers[0].envFrom[1].secretRef', container: 'wait', message: 'imports every key of Secret "db-credentials"' }],
    },
  ],
};
