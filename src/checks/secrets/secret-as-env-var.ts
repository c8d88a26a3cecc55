import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';

function secretName(reference: Record<string, unknown>): string {
  return typeof reference.name === 'string' && reference.name !== '' ? `"${reference.name}"` : '(unnamed)';
}

export const secretAsEnvVar: ResourceCheck = {
  id: 'secret-as-env-var',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Secret passed as an environment variable',
    summary: 'A container receives a Secret through environment variables instead of a mounted file, where it is easier to leak (child processes, crash reports, debug endpoints, logs).',
    severity: 'low',
    // A hardening preference many images cannot follow: on in the strict preset and the frameworks, not by default.
    enabledByDefault: false,
    category: 'secrets',
    remediation:
      'Mount the Secret as a volume (`volumes[].secret` with `volumeMounts`) and have the application read the file; mounted Secrets are also updated in place when the Secret changes.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-files-from-a-pod',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.4.1' },
      { framework: 'NSA', control: 'secrets/protection' },
    ],
  },
  run({ podSpec, report }) {
    for (const container of podSpec?.containers ?? []) {
      const { env, envFrom } = container.container;
      if (Array.isArray(env)) {
        env.forEach((variable: unknown, index) => {
          if (!isRecord(variable) || !isRecord(variable.valueFrom) || !isRecord(variable.valueFrom.secretKeyRef)) return;
          const reference = variable.valueFrom.secretKeyRef;
          const key = typeof reference.key === 'string' ? ` key "${reference.key}"` : '';
          const name = typeof variable.name === 'string' ? variable.name : `env[${index}]`;
          report({
            path: [...container.path, 'env', index, 'valueFrom', 'secretKeyRef'],
            container: container.name,
            message: `container "${container.name}" reads Secret ${secretName(reference)}${key} into environment variable ${name}`,
          });
        });
      }
      if (Array.isArray(envFrom)) {
        envFrom.forEach((source: unknown, index) => {
          if (!isRecord(source) || !isRecord(source.secretRef)) return;
          report({
            path: [...container.path, 'envFrom', index, 'secretRef'],
            container: container.name,
            message: `container "${container.name}" imports every key of Secret ${secretName(source.secretRef)} as environment variables`,
          });
        });
      }
    }
  },
};
