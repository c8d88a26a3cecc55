import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'log shipper reading /var/log, public files under /etc read-only, flannel state under /run',
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
        - name: localtime
          mountPath: /etc/localtime
          readOnly: true
        - name: passwd
          mountPath: /host/etc/passwd
          readOnly: true
        - name: run
          mountPath: /run/flannel
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
      - name: localtime
        hostPath:
          path: /etc/localtime
          type: File
      - name: passwd
        hostPath:
          path: /etc/passwd
      - name: run
        hostPath:
          path: /run/flannel
`,
    },
    {
      name: 'a name that starts like a sensitive path is not inside it',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
    volumeMounts:
    - {name: data, mountPath: /data}
  volumes:
  - name: data
    hostPath:
      path: /etcd-backup/web
  - name: cache
    emptyDir: {}
`,
    },
  ],
  invalid: [
    {
      name: 'Docker socket through the /var/run alias',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ci-runner
spec:
  template:
    spec:
      containers:
      - name: runner
        image: gitlab-runner:v17.3.0
        volumeMounts:
        - name: docker
          mountPath: /var/run/docker.sock
      volumes:
      - name: docker
        hostPath:
          path: /var/run/docker.sock
          type: Socket
`,
      expect: [
        {
          line: 17,
          column: 11,
          path: 'spec.template.spec.volumes[0].hostPath.path',
          container: 'runner',
          message: 'volume "docker" mounts the host path /var/run/docker.sock, the Docker daemon socket (whoever can write',
        },
      ],
    },
    {
      name: 'kube-bench style: /etc/kubernetes/pki, /var (contains kubelet state), kubelet path with .. and a trailing slash',
      yaml: `apiVersion: batch/v1
kind: Job
metadata:
  name: kube-bench
spec:
  template:
    spec:
      initContainers:
      - name: copy
        image: busybox:1.36
        volumeMounts:
        - {name: var, mountPath: /host/var}
      containers:
      - name: kube-bench
        image: aquasec/kube-bench:v0.9.0
        volumeMounts:
        - {name: pki, mountPath: /etc/kubernetes/pki, readOnly: true}
        - {name: var, mountPath: /var, readOnly: true}
        - {name: kubelet, mountPath: /var/lib/kubelet, readOnly: true}
      restartPolicy: Never
      volumes:
      - name: pki
        hostPath: {path: /etc/kubernetes/pki/}
      - name: var
        hostPath:
          path: /var
      - name: kubelet
        hostPath:
          path: /var/lib/docker/../kubelet
`,
      expect: [
        { line: 23, column: 20, path: 'spec.template.spec.volumes[0].hostPath.path', message: "/etc/kubernetes/pki, part of the node's Kubernetes configuration (/etc/kubernetes)" },
        { line: 26, column: 11, path: 'spec.template.spec.volumes[1].hostPath.path', message: 'into containers "copy", "kube-bench"' },
        { line: 29, column: 11, path: 'spec.template.spec.volumes[2].hostPath.path', container: 'kube-bench', message: "the host path /var/lib/kubelet, the kubelet's state (" },
      ],
    },
    {
      name: 'a public file is sensitive once it is writable',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: users
spec:
  containers:
  - name: reader
    image: tool:1.0
    volumeMounts:
    - {name: passwd, mountPath: /host/passwd, readOnly: true}
  - name: writer
    image: tool:1.0
    volumeMounts:
    - {name: passwd, mountPath: /host/passwd}
  volumes:
  - name: passwd
    hostPath:
      path: /etc/passwd
      type: File
`,
      expect: [{ line: 18, column: 7, message: "the host path /etc/passwd, part of the node's configuration (/etc), into containers \"reader\", \"writer\"" }],
    },
    {
      name: '/run contains the container runtime sockets',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
  - name: agent
    image: agent:2.1
    volumeMounts:
    - name: run
      mountPath: /host/run
      readOnly: true
  volumes:
  - name: run
    hostPath:
      path: /run/
`,
      expect: [{ line: 16, column: 7, container: 'agent', message: 'the host path /run, which contains the Docker daemon socket at /run/docker.sock' }],
    },
    {
      name: 'the node root, declared but not mounted',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
  - name: shell
    image: busybox:1.36
  volumes:
  - name: host
    hostPath:
      path: //
`,
      expect: [{ line: 12, column: 7, path: 'spec.volumes[0].hostPath.path', message: "the node's root filesystem (everything on the node, its credentials included), though no container mounts it" }],
    },
  ],
};
