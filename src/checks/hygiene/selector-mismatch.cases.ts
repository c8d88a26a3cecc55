import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'selector is a subset of the template labels; NotIn holds for an absent label',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: web
    matchExpressions:
    - {key: track, operator: NotIn, values: [canary]}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: web
        app.kubernetes.io/version: "1.4"
    spec:
      containers:
      - name: app
        image: nginx:1.27
`,
    },
    {
      name: 'a Job selecting its generated job-name label, and one without selector',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  selector:
    matchLabels:
      job-name: migrate
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:2.0
---
apiVersion: batch/v1
kind: Job
metadata:
  name: report
spec:
  template:
    metadata:
      labels: {app: report}
    spec:
      restartPolicy: Never
      containers:
      - name: report
        image: report:2.0
`,
    },
    {
      name: 'older API versions and ReplicationControllers default a missing selector to the template labels',
      yaml: `apiVersion: extensions/v1beta1
kind: Deployment
metadata:
  name: legacy
spec:
  template:
    metadata:
      labels: {app: legacy}
    spec:
      containers:
      - name: app
        image: legacy:1.0
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: old
spec:
  replicas: 2
  template:
    metadata:
      labels: {app: old}
    spec:
      containers:
      - name: app
        image: old:1.0
`,
    },
  ],
  invalid: [
    {
      name: 'matchLabels value differs from the template label',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
      tier: frontend
  template:
    metadata:
      labels:
        app: webapp
        tier: frontend
    spec:
      containers:
      - name: app
        image: nginx:1.27
`,
      expect: [{ line: 8, column: 7, path: 'spec.selector.matchLabels.app', message: 'selects app=web, but its pod template has app="webapp"' }],
    },
    {
      name: 'apps/v1 StatefulSet without selector; ReplicaSet with an empty one',
      yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: postgres:16
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: cache
spec:
  selector: {}
  template:
    metadata:
      labels: {app: cache}
    spec:
      containers:
      - name: cache
        image: redis:7
`,
      expect: [
        { line: 5, column: 1, path: 'spec.selector', message: 'has no spec.selector, which apps/v1 requires' },
        { line: 20, column: 3, path: 'spec.selector', message: 'has an empty selector' },
      ],
    },
    {
      name: 'a DaemonSet whose expression the template does not satisfy',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
    matchExpressions:
    - key: tier
      operator: In
      values: [node, edge]
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: agent:3.2
`,
      expect: [{ line: 9, column: 7, path: 'spec.selector.matchExpressions[0]', message: 'selects pods with "tier In [node, edge]", which its pod template labels do not satisfy' }],
    },
    {
      name: 'a Job choosing its own selector without manualSelector; a ReplicationController selecting a missing label',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
spec:
  selector:
    matchLabels: {app: migrate}
  template:
    metadata:
      labels: {app: migrate}
    spec:
      restartPolicy: Never
      containers:
      - name: migrate
        image: migrate:2.0
---
apiVersion: v1
kind: ReplicationController
metadata:
  name: old
spec:
  selector:
    app: old
    release: stable
  template:
    metadata:
      labels: {app: old}
    spec:
      containers:
      - name: app
        image: old:1.0
`,
      expect: [
        { line: 7, column: 19, path: 'spec.selector.matchLabels.app', message: '`selector` not auto-generated' },
        { line: 24, column: 5, path: 'spec.selector.release', message: 'its pod template has no label release' },
      ],
    },
  ],
};
