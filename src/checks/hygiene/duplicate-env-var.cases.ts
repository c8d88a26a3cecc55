import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'distinct names; names differ in case',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: web:1.0
    env:
    - name: LOG_LEVEL
      value: info
    - name: log_level
      value: debug
`,
    },
    {
      name: 'a redefinition that extends the earlier value is deliberate',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: tools
spec:
  containers:
  - name: tools
    image: tools:1.0
    env:
    - name: JAVA_OPTS
      value: -Xmx512m
    - name: JAVA_OPTS
      value: $(JAVA_OPTS) -XX:+UseG1GC
`,
    },
    {
      name: 'env overriding envFrom, and the same name in two containers',
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
      containers:
      - name: app
        image: web:1.0
        envFrom:
        - configMapRef: {name: web-config}
        env:
        - name: PORT
          value: "8080"
      - name: proxy
        image: proxy:2.0
        env:
        - name: PORT
          value: "9090"
`,
    },
  ],
  invalid: [
    {
      name: 'a variable defined twice',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
      - name: api
        image: api:3.1
        env:
        - name: DB_HOST
          value: db.internal
        - name: DB_PORT
          value: "5432"
        - name: DB_HOST
          valueFrom:
            configMapKeyRef: {name: api, key: db-host}
`,
      expect: [{ line: 20, column: 11, path: 'spec.template.spec.containers[0].env[2].name', container: 'api', message: 'defines DB_HOST again (first at env[0])' }],
    },
    {
      name: 'three times in an init container: each repetition is reported',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: job
spec:
  initContainers:
  - name: setup
    image: setup:1.0
    env:
    - {name: MODE, value: a}
    - {name: MODE, value: $(MODE)}
    - {name: MODE, value: c}
  containers:
  - name: main
    image: main:1.0
`,
      expect: [
        { line: 11, column: 8, path: 'spec.initContainers[0].env[1].name', container: 'setup' },
        { line: 12, column: 8, path: 'spec.initContainers[0].env[2].name', container: 'setup' },
      ],
    },
  ],
};
