import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'the recommended arguments',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
        args:
        - --auto-generate-certificates
        - --namespace=kubernetes-dashboard
`,
    },
    {
      name: 'near miss: the flags explicitly turned off, and a similar flag of another program',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
spec:
  template:
    spec:
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
        args: ["--enable-skip-login=false", "--enable-insecure-login=0"]
      - name: proxy
        image: registry.example.com/auth-proxy:1.4.0
        args: ["--skip-login-page"]
`,
    },
  ],
  invalid: [
    {
      name: 'skip-login and insecure login enabled',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: kubernetes-dashboard
  namespace: kubernetes-dashboard
spec:
  template:
    spec:
      containers:
      - name: kubernetes-dashboard
        image: kubernetesui/dashboard:v2.7.0
        args:
        - --auto-generate-certificates
        - --enable-skip-login
        - --enable-insecure-login=true
`,
      expect: [
        {
          line: 14,
          column: 11,
          path: 'spec.template.spec.containers[0].args[1]',
          container: 'kubernetes-dashboard',
          message: 'runs the Dashboard with --enable-skip-login, which lets anyone skip the login page',
        },
        { line: 15, column: 11, path: 'spec.template.spec.containers[0].args[2]', message: '--enable-insecure-login, which allows logging in over plain HTTP' },
      ],
    },
    {
      name: 'the flag inside a shell command line',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: dashboard
spec:
  containers:
  - name: dashboard
    image: kubernetesui/dashboard:v2.7.0
    command: ["/bin/sh", "-c", "/dashboard --insecure-bind-address=0.0.0.0 --enable-skip-login=True"]
`,
      expect: [{ line: 9, column: 32, path: 'spec.containers[0].command[2]', container: 'dashboard', message: '--enable-skip-login' }],
    },
  ],
};
