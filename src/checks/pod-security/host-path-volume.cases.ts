import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'ordinary volumes',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx:1.27
        volumeMounts:
        - {name: cache, mountPath: /cache}
        - {name: config, mountPath: /etc/nginx/conf.d}
      volumes:
      - name: cache
        emptyDir: {}
      - name: config
        configMap:
          name: nginx-config
`,
    },
    {
      name: 'a persistent volume backed by a host path is not a hostPath volume of the pod',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: db
spec:
  containers:
  - name: db
    image: postgres:16
    volumeMounts:
    - {name: data, mountPath: /var/lib/postgresql/data}
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: db-data
`,
    },
  ],
  invalid: [
    {
      name: 'log directory in a DaemonSet',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      containers:
      - name: shipper
        image: fluent-bit:3.1
        volumeMounts:
        - name: varlog
          mountPath: /var/log
          readOnly: true
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
`,
      expect: [{ line: 17, column: 9, path: 'spec.template.spec.volumes[0].hostPath', container: 'shipper', message: 'the host path /var/log, mounted by "shipper"' }],
    },
    {
      name: 'two hostPath volumes, one unused',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: cni
spec:
  containers:
  - name: install
    image: cni-installer:1.0
    volumeMounts:
    - {name: bin, mountPath: /host/opt/cni/bin}
  volumes:
  - name: bin
    hostPath: {path: /opt/cni/bin}
  - name: spare
    hostPath:
      path: /tmp/spare
`,
      expect: [
        { line: 13, column: 5, path: 'spec.volumes[0].hostPath', container: 'install' },
        { line: 15, column: 5, path: 'spec.volumes[1].hostPath', message: 'not mounted by any container' },
      ],
    },
  ],
};
