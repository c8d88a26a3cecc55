import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'an ordinary Windows pod with a run-as user name',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  securityContext:
    windowsOptions:
      runAsUserName: ContainerUser
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
    {
      name: 'hostProcess explicitly false',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: win
spec:
  template:
    spec:
      containers:
      - name: app
        image: mcr.microsoft.com/windows/servercore:ltsc2022
        securityContext:
          windowsOptions:
            hostProcess: false
`,
    },
  ],
  invalid: [
    {
      name: 'HostProcess DaemonSet set on the pod',
      yaml: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: csi-proxy
spec:
  template:
    spec:
      nodeSelector:
        kubernetes.io/os: windows
      hostNetwork: true
      securityContext:
        windowsOptions:
          hostProcess: true
          runAsUserName: "NT AUTHORITY\\\\SYSTEM"
      containers:
      - name: csi-proxy
        image: csi-proxy:v1.1.3
`,
      expect: [{ line: 13, column: 11, path: 'spec.template.spec.securityContext.windowsOptions.hostProcess', message: 'every container runs as a process on the Windows node' }],
    },
    {
      name: 'set on a container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  hostNetwork: true
  containers:
  - name: agent
    image: agent:2.1-windows
    securityContext:
      windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\Local service"}
`,
      expect: [{ line: 11, column: 24, path: 'spec.containers[0].securityContext.windowsOptions.hostProcess', container: 'agent' }],
    },
  ],
};
