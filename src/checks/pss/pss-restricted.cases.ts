import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'a restricted pod template',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: nginx:1.27
        securityContext:
          allowPrivilegeEscalation: false
          capabilities:
            drop: ["ALL"]
            add: ["NET_BIND_SERVICE"]
`,
    },
    {
      name: 'Windows pods are exempt from the Linux-only checks from v1.25',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: win
spec:
  os:
    name: windows
  securityContext:
    runAsNonRoot: true
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
  ],
  invalid: [
    {
      name: 'a default pod breaks four restricted checks',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: app
    image: nginx:1.27
`,
      expect: [
        { line: 7, column: 5, message: 'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false)' },
        { line: 7, column: 5, message: 'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true)' },
        { line: 7, column: 5, message: 'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")' },
        { line: 7, column: 5, message: 'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"])' },
      ],
    },
    {
      name: 'at v1.21 capabilities were not yet restricted, and a hostPath volume is a restricted volume type',
      options: { version: 'v1.21' },
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    runAsNonRoot: true
    seccompProfile:
      type: RuntimeDefault
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      allowPrivilegeEscalation: false
  volumes:
  - name: logs
    hostPath:
      path: /var/log
`,
      expect: [{ line: 17, column: 5, path: 'spec.volumes[0].hostPath', message: 'violates PodSecurity "restricted:v1.21": restricted volume types (volume "logs" uses restricted volume type "hostPath")' }],
    },
  ],
};
