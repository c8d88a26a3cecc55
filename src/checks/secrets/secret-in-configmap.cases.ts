import type { CheckCases } from '../../testing/index.js';

export const cases: CheckCases = {
  valid: [
    {
      name: 'configuration that talks about credentials without holding any',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: prometheus
data:
  allow-snippet-annotations: "false"
  token-ttl: "3600"
  password-policy: strict
  auth-token: \${AUTH_TOKEN}
  prometheus.yml: |
    scrape_configs:
    - job_name: kubernetes-apiservers
      bearer_token_file: /var/run/secrets/kubernetes.io/serviceaccount/token
      basic_auth:
        username: prometheus
        password_file: /etc/prometheus/password
`,
    },
    {
      name: 'a CA certificate is public, and a URL whose password is a placeholder is not a credential',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: trust
data:
  ca.crt: |
    -----BEGIN CERTIFICATE-----
    MIIBdzCCAR2gAwIBAgIUJ0Vx2bFvO2Qq0wCgYIKoZIzj0EAwIwETEPMA0GA1UEAwwG
    -----END CERTIFICATE-----
  example-dsn: postgres://app:<password>@db:5432/app
`,
    },
  ],
  invalid: [
    {
      name: 'credentials embedded in configuration files',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: shop-config
  namespace: shop
data:
  application.properties: |
    spring.datasource.url=jdbc:postgresql://shop:Pg-9xQ2mV7@db.shop:5432/shop
    logging.level.root=INFO
  remote-write.yaml: |
    remote_write:
    - url: https://metrics.example.com/api/v1/write
      bearer_token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwcm9tZXRoZXVzIiwiaWF0IjoxNzE2MjM5MDIyfQ.Zk3v9QmR2pX8wL5nT1yB6cH4jD7sF0aE
`,
      expect: [
        { line: 7, column: 3, path: 'data["application.properties"]', message: 'ConfigMap key "application.properties" holds a URL with a password in it (sha256:' },
        { line: 10, column: 3, path: 'data["remote-write.yaml"]', message: 'holds a JSON Web Token (sha256:' },
      ],
    },
    {
      name: 'literal values under credential key names (medium: the name is the only evidence)',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: legacy
data:
  db-host: db.internal
  db-password: hunter2-prod
  apiKey: 5d41402abc4b2a76b9719d911017c592
`,
      expect: [
        { line: 7, column: 3, path: 'data.db-password', message: 'ConfigMap key "db-password", whose name marks a credential, holds a literal value (sha256:' },
        { line: 8, column: 3, path: 'data.apiKey', message: 'characters)' },
      ],
    },
    {
      name: 'binaryData: a private key, and binary content under a credential name',
      yaml: `apiVersion: v1
kind: ConfigMap
metadata:
  name: keys
binaryData:
  signing.pem: LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUJrZzRMVldNOW51d05TazN5Qnl4WnBZUlRCblZKazV1RWlTYVRHV3JWcEtvQW9HQ0NxR1NNNDkKLS0tLS1FTkQgRUMgUFJJVkFURSBLRVktLS0tLQo=
  keystore-password.bin: AP8Q3kKZ
  logo.png: AP8Q3kKZ
`,
      expect: [
        { line: 6, column: 3, path: 'binaryData["signing.pem"]', message: 'holds a PEM private key' },
        { line: 7, column: 3, path: 'binaryData["keystore-password.bin"]', message: 'holds binary data (sha256:' },
      ],
    },
  ],
};
