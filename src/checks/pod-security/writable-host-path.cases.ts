import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'read-only hostPath mounts',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  template:
    spec:
      containers:
      - name: exporter
        image: prom/node-exporter:v1.8.2
        volumeMounts:
        - name: proc
          mountPath: /host/proc
          readOnly: true
        - name: sys
          mountPath: /host/sys
          readOnly: yes
      volumes:
      - name: proc
        hostPath: {path: /proc}
      - name: sys
        hostPath: {path: /sys}
`,
    },
    {
      name: 'writable mounts of other volume types',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - name: cache
      mountPath: /cache
  volumes:
  - name: cache
    emptyDir: {}
`,
    },
  ],
  invalid: [
    {
      name: 'readOnly missing, and explicitly false',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-flannel-ds
spec:
  template:
    spec:
      initContainers:
      - name: install-cni-plugin
        image: flannel-cni-plugin:v1.5.1
        volumeMounts:
        - name: cni-plugin
          mountPath: /opt/cni/bin
      containers:
      - name: kube-flannel
        image: flannel:v0.25.6
        volumeMounts:
        - name: run
          mountPath: /run/flannel
          readOnly: false
      volumes:
      - name: run
        hostPath:
          path: /run/flannel
      - name: cni-plugin
        hostPath:
          path: /opt/cni/bin
`,
      expect: [
        {
          line: 12,
          column: 11,
          path: 'spec.template.spec.initContainers[0].volumeMounts[0].readOnly',
          container: 'install-cni-plugin',
          message: 'mounts hostPath volume "cni-plugin" (/opt/cni/bin) read-write at /opt/cni/bin',
        },
        { line: 20, column: 11, path: 'spec.template.spec.containers[0].volumeMounts[0].readOnly', container: 'kube-flannel' },
      ],
    },
    {
      name: 'one volume, a read-only and a writable mount',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: reader
    image: agent:2.1
    volumeMounts:
    - {name: state, mountPath: /state, readOnly: true}
  - name: writer
    image: agent:2.1
    volumeMounts:
    - {name: state, mountPath: /state}
  volumes:
  - name: state
    hostPath:
      path: /var/lib/agent
`,
      expect: [{ line: 14, column: 7, path: 'spec.containers[1].volumeMounts[0].readOnly', container: 'writer' }],
    },
  ],
};
