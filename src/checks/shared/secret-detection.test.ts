import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lintSource } from '@secretlint/core';
import { creator as recommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import { findTokens, isCertificateOnly, isPlaceholderValue, isSensitiveName, literalSecret } from './secret-detection.js';

/**
 * Samples shaped like real credentials (randomly generated, never issued), with the format
 * each must be found as. Prefixes are joined at run time (`'xoxb' + '-…'`) so that secret
 * scanners guarding the repository (push protection) do not take the samples for leaks.
 */
const SAMPLES: { format: string; text: string; secretlint: boolean }[] = [
  {
    format: 'private-key',
    text: '-----BEGIN RSA PRIVATE KEY-----\nMIIPtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZY\n-----END RSA PRIVATE KEY-----\n',
    secretlint: true,
  },
  {
    format: 'private-key',
    text: '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEn9ZhyiA4uoRgnatmUdjAWtGSU8po+799NksnRH9ucAUsdMlHUvTCQCyEZDz/TddJ8HyS5SUkCnD8zRA9a9SkpXz9w3QlY7Zkuvqdt7s8Stqcbnr3yBdGBLEP\n-----END OPENSSH PRIVATE KEY-----\n',
    secretlint: true,
  },
  { format: 'aws-access-key-id', text: 'AKIAZ5BQ7NHVX2KDP4WM', secretlint: true },
  { format: 'aws-access-key-id', text: 'export AWS_ACCESS_KEY_ID=ASIAQ3EGUHJKQ7MNBV2X', secretlint: true },
  { format: 'github-token', text: 'ghp' + '_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx', secretlint: true },
  { format: 'github-token', text: 'github' + '_pat_qIA1id6Vw5DQL05HA064GiIjHGb3CXlMaXZjljENUhJduRHHJEYXg4JdpmrcXgGCJbW56eCuN_GMGmSrCG', secretlint: true },
  { format: 'gitlab-token', text: 'glpat' + '-4Fh8sK2mQ9xZ1vB7nL3p', secretlint: true },
  { format: 'slack-token', text: 'xoxb' + '-2401938762-2401938762345-AbCdEfGhIjKlMnOpQrStUvWx', secretlint: true },
  { format: 'slack-webhook', text: 'https://hooks.slack.com' + '/services/T0A1B2C3D/B4E5F6G7H/q8W9e0R1t2Y3u4I5o6P7a8S9', secretlint: true },
  { format: 'npm-token', text: 'npm' + '_zbka8FRCztUjAwyuh1vauWv1zh87mTa5Vsqx', secretlint: true },
  {
    format: 'openai-key',
    text: 'sk-proj' + '-o4gfqrc5XlrWi0B26R08qzjI6GKFSufrdZSlB5er8bOfZqfM2oeq3hDavJA76rNicHTp8hkqdlT3BlbkFJm7tOtHWnsCGRlrwZbqcabUGJmGEp7CgQ0PBQFI14zGtSnovm14TUOizwd1iaeOV4qBkdfQ1y3G',
    secretlint: true,
  },
  {
    format: 'anthropic-key',
    text: 'sk-ant' + '-api03-KFLf6xuI5aHUQPFeNBTxaQWk8JzFalHlsZfYcMMDktXP-tKsf2rcDkdfrUnW5gcF_Ha6ili8GjHEAD6-Wj9KfzjsQGMrbAA',
    secretlint: true,
  },
  { format: 'sendgrid-key', text: 'SG' + '.EdFrRgSnRFsTHsDDDXh5Jm.tf7EbsDe0G9Cryn687neLfjVHq8xiM0OGr4hTxoF54F', secretlint: true },
  { format: 'url-credentials', text: 'https://ci-bot:Xq7vLp2mZr9@git.example.com/team/config.git', secretlint: true },
  { format: 'url-credentials', text: 'jdbc:postgresql://shop:Pg-9xQ2mV7@db.shop:5432/shop', secretlint: true },
  { format: 'url-credentials', text: 'mongodb+srv://app:Xq7vLp2mZr9@cluster0.mongo.example.net/db', secretlint: true },
  { format: 'url-credentials', text: 'mysql://report:Zt5-wq81Lk@mysql:3306/sales', secretlint: true },
  { format: 'url-credentials', text: 'amqp://orders:Hk29-pQx7@rabbitmq:5672/', secretlint: false },
  {
    format: 'gcp-service-account-key',
    text: '{"type": "service_account", "project_id": "shop", "private_key_id": "0c1d2e3f", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQ\\n-----END PRIVATE KEY-----\\n", "client_email": "ci@shop.iam.gserviceaccount.com"}',
    secretlint: true,
  },
  { format: 'google-api-key', text: 'AIza' + '9FHz5r1pY4OjE2jBMptUsGr7CmY_uCu3ZR1', secretlint: false },
  { format: 'stripe-key', text: 'sk_' + 'live_mwufUxbvJDCTbyvHNsG9eh6Y', secretlint: false },
  {
    format: 'jwt',
    text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    secretlint: false,
  },
];

/** Strings with the shape of a credential that are not one. */
const NEAR_MISSES = [
  'postgres://app:$(DB_PASSWORD)@db.internal:5432/app',
  'postgres://app:${DB_PASSWORD}@db.internal:5432/app',
  'https://user:password@example.com/',
  'https://:<token>@git.example.com/repo.git',
  'https://deploy@git.example.com/team/repo.git',
  'http://localhost:8080/path@v2',
  'ghp_release',
  'AKIA1234',
  'sk_test_mwufUxbvJDCTbyvHNsG9eh6Y',
  '-----BEGIN CERTIFICATE-----\nMIIBdzCCAR2gAwIBAgIU\n-----END CERTIFICATE-----',
  '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----',
  'eyJhbGciOiJIUzI1NiJ9',
  '9b74c9897bac770ffc029102a200c5de7d0e2ebd6ae3e8c5c9e6f1f2a8b4c3d1',
  '3f2a9c1e-7b4d-4e2a-9f1c-0a8b7c6d5e4f',
];

async function secretlintFinds(text: string): Promise<boolean> {
  const result = await lintSource({
    // The GCP rule reads only .json files.
    source: { content: text, filePath: '/sample', ext: text.startsWith('{') ? '.json' : '.txt', contentType: 'text' },
    options: {
      config: {
        rules: [
          {
            id: '@secretlint/secretlint-rule-preset-recommend',
            rule: recommendedPreset,
            // The AWS rule ignores access key IDs unless asked to look for them.
            rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
          },
        ],
      },
    },
  });
  // Only whether it found something: secretlint's messages contain the secret text.
  return result.messages.length > 0;
}

describe('token formats', () => {
  for (const sample of SAMPLES) {
    it(`finds ${sample.format} in ${sample.text.slice(0, 12)}…`, () => {
      assert.ok(findTokens(sample.text).some((match) => match.format.id === sample.format));
    });
  }

  it("finds every sample that secretlint's recommended preset finds (cross-check)", async () => {
    let crossChecked = 0;
    for (const sample of SAMPLES) {
      const found = await secretlintFinds(sample.text);
      assert.equal(found, sample.secretlint, `secretlint ${found ? 'finds' : 'does not find'} the ${sample.format} sample`);
      if (found) {
        crossChecked++;
        assert.ok(findTokens(sample.text).length > 0, `secretlint finds the ${sample.format} sample, findTokens does not`);
      }
    }
    assert.ok(crossChecked >= 15, `${crossChecked} samples cross-checked`);
  });

  for (const text of NEAR_MISSES) {
    it(`finds nothing in ${JSON.stringify(text.slice(0, 40))}`, () => {
      assert.deepEqual(findTokens(text).map((match) => match.format.id), []);
    });
  }

  it('reports each format once, with the matched text only', () => {
    const text = 'a=AKIAZ5BQ7NHVX2KDP4WM b=AKIAQ3EGUHJKQ7MNBV2X c=https://ci:Zt5-wq81Lk@git.example.com';
    assert.deepEqual(
      findTokens(text).map((match) => [match.format.id, match.text]),
      [
        ['aws-access-key-id', 'AKIAZ5BQ7NHVX2KDP4WM'],
        ['url-credentials', 'https://ci:Zt5-wq81Lk@g'],
      ],
    );
  });

  it('skips a placeholder URL and finds the real one after it', () => {
    const matches = findTokens('primary: https://u:password@a.example.com fallback: https://u:Zt5-wq81Lk@b.example.com');
    assert.equal(matches[0]?.text, 'https://u:Zt5-wq81Lk@b');
  });
});

describe('sensitive names', () => {
  const sensitive = ['DB_PASSWORD', 'POSTGRES_PASSWORD', 'dbPassword', 'db.password', 'db-passwd', 'DBPASSWORD', 'JWT_SECRET', 'SECRET_KEY_BASE', 'client_secret', 'GITHUB_TOKEN', 'accessToken', 'API_KEY', 'apiKey', 'APIKEY', 'SSH_PRIVATE_KEY', 'AWS_CREDENTIALS', 'credentials.json', 'password_hash'];
  const notSensitive = ['DB_PASSWORD_FILE', 'TLS_SECRET_NAME', 'TOKEN_TTL', 'TOKEN_URL', 'PASSWORD_MIN_LENGTH', 'password-policy', 'SECRETS_DIR', 'PASSWORDLESS_LOGIN', 'TOKENIZER_MODEL', 'SECRETARY', 'DB_USER', 'KEY_ID', 'vault.hashicorp.com/agent-inject-secret-db-path'];
  for (const name of sensitive) it(`${name} marks a credential`, () => assert.equal(isSensitiveName(name), true));
  for (const name of notSensitive) it(`${name} does not`, () => assert.equal(isSensitiveName(name), false));
});

describe('literal secrets', () => {
  it('a known format is a secret whatever the name', () => {
    assert.equal(literalSecret('SETTINGS', 'ghp' + '_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx')?.reason, 'format');
  });
  it('a sensitive name with a literal value is a secret', () => {
    assert.equal(literalSecret('DB_PASSWORD', 'hunter2-prod')?.reason, 'name');
  });
  for (const value of ['', '  ', '$(VAULT_TOKEN)', '${DB_PASSWORD}', '{{ .Values.password }}', '<password>', 'changeme', 'xxxxxxxx', '********', '/run/secrets/db', 'C:\\secrets\\db.txt', 'true', 'Disabled']) {
    it(`${JSON.stringify(value)} under DB_PASSWORD is not a secret`, () => {
      assert.equal(literalSecret('DB_PASSWORD', value), undefined);
    });
  }
});

describe('placeholders', () => {
  for (const value of ['', '$(X)', '${X}', '{{ .Values.x }}', '<token>', '****', 'xxxx', 'REDACTED', 'ChangeMe']) {
    it(`${JSON.stringify(value)} is a placeholder`, () => assert.equal(isPlaceholderValue(value), true));
  }
  for (const value of ['hunter2-prod', 'x1', 'pa$$word!', 'postgres']) {
    it(`${JSON.stringify(value)} is a value`, () => assert.equal(isPlaceholderValue(value), false));
  }
});

describe('certificates', () => {
  it('a bundle of certificates is public', () => {
    assert.equal(isCertificateOnly('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\nBBBB\n-----END CERTIFICATE-----\n'), true);
  });
  it('a certificate with its key is not', () => {
    assert.equal(isCertificateOnly('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nBBBB\n-----END PRIVATE KEY-----\n'), false);
  });
});
