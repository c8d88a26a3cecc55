import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'references, file paths, switches and placeholders are not secrets',
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
        - name: DB_PASSWORD
          valueFrom:
            secretKeyRef:
              name: api-db
              key: password
        - name: API_TOKEN
          value: $(TOKEN_FROM_VAULT)
        - name: ADMIN_PASSWORD
          value: "<set-me>"
        - name: DB_PASSWORD_FILE
          value: /run/secrets/db/password
        - name: GOOGLE_APPLICATION_CREDENTIALS
          value: /var/secrets/google/key.json
        - name: TLS_SECRET_NAME
          value: api-tls
        - name: TOKEN_TTL
          value: "3600"
        - name: SECRET_ROTATION_ENABLED
          value: "true"
        - name: SMTP_PASSWORD
          value: ""
`,
    },
    {
      name: 'near misses: a URL whose password is a reference, a user without password, a short ghp_ string',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: worker
spec:
  containers:
  - name: worker
    image: registry.example.com/worker:1.0.3
    env:
    - name: DATABASE_URL
      value: postgres://app:$(DB_PASSWORD)@db.internal:5432/app
    - name: UPSTREAM
      value: https://deploy@git.example.com/team/repo.git
    - name: BRANCH_PREFIX
      value: ghp_release
    - name: PASSWORDLESS_LOGIN
      value: magic-link
`,
    },
  ],
  invalid: [
    {
      name: 'a literal password under a credential name (reported as medium: the name is the only evidence)',
      yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: db
spec:
  template:
    spec:
      containers:
      - name: postgres
        image: postgres:16.4
        env:
        - name: POSTGRES_USER
          value: app
        - name: POSTGRES_PASSWORD
          value: s3cr3t-passw0rd
        - name: dbApiKey
          value: 9f8c2d41e7
`,
      expect: [
        { line: 15, column: 11, path: 'spec.template.spec.containers[0].env[1].value', container: 'postgres', message: 'sets POSTGRES_PASSWORD, whose name marks a credential, to a literal value (sha256:' },
        { line: 17, column: 11, path: 'spec.template.spec.containers[0].env[2].value', container: 'postgres', message: 'sets dbApiKey' },
      ],
    },
    {
      name: 'known token formats, whatever the variable is called, in init and app containers',
      yaml: `apiVersion: v1
kind: Pod
metadata:
  name: sync
spec:
  initContainers:
  - name: fetch
    image: alpine/git:2.45.2
    env:
    - name: REPO
      value: https://ci-bot:Xq7vLp2mZr9@git.example.com/team/config.git
  containers:
  - name: sync
    image: registry.example.com/sync:3.2.0
    env:
    - name: AWS_ACCESS_KEY_ID
      value: AKIAZ5BQ7NHVX2KDP4WM
    - name: SYNC_SETTINGS
      value: 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
`,
      expect: [
        { line: 11, column: 7, container: 'fetch', message: 'holds a URL with a password in it (sha256:' },
        { line: 17, column: 7, container: 'sync', message: 'sets AWS_ACCESS_KEY_ID to a literal value that holds an AWS access key ID (sha256:' },
        { line: 19, column: 7, path: 'spec.containers[0].env[1].value', container: 'sync', message: 'holds a GitHub token' },
      ],
    },
    {
      name: 'a private key in a CronJob',
      yaml: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 2 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
          - name: backup
            image: registry.example.com/backup:1.1.0
            env:
            - name: SSH_IDENTITY
              value: |
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
                -----END OPENSSH PRIVATE KEY-----
`,
      expect: [{ line: 17, column: 15, path: 'spec.jobTemplate.spec.template.spec.containers[0].env[0].value', message: 'holds a PEM private key' }],
    },
  ],
};
