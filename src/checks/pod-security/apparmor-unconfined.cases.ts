import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'runtime default and localhost profiles, in fields and annotations',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: runtime/default
        container.apparmor.security.beta.kubernetes.io/proxy: localhost/envoy
    spec:
      securityContext:
        appArmorProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: nginx:1.27
      - name: proxy
        image: envoy:1.30
        securityContext:
          appArmorProfile:
            type: Localhost
            localhostProfile: envoy
`,
    },
    {
      name: 'Windows pods have no AppArmor',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: win
  annotations:
    container.apparmor.security.beta.kubernetes.io/app: unconfined
spec:
  os:
    name: windows
  containers:
  - name: app
    image: mcr.microsoft.com/windows/nanoserver:ltsc2022
`,
    },
  ],
  invalid: [
    {
      name: 'legacy annotation on the pod template (not the Deployment)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      annotations:
        container.apparmor.security.beta.kubernetes.io/app: unconfined
    spec:
      containers:
      - name: app
        image: nginx:1.27
`,
      expect: [
        {
          line: 9,
          column: 9,
          path: 'spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]',
          container: 'app',
          message: 'runs container "app" without AppArmor',
        },
      ],
    },
    {
      name: 'Unconfined fields on the pod and on a container',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
    appArmorProfile:
      type: Unconfined
  containers:
  - name: app
    image: nginx:1.27
  - name: debug
    image: busybox:1.36
    securityContext:
      appArmorProfile: {type: Unconfined}
`,
      expect: [
        { line: 8, column: 7, path: 'spec.securityContext.appArmorProfile.type', message: 'so container "app" runs without AppArmor' },
        { line: 15, column: 25, path: 'spec.containers[1].securityContext.appArmorProfile.type', container: 'debug' },
      ],
    },
  ],
};
