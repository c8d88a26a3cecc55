import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { maskSecret } from '../shared/masking.js';
import { literalSecret } from '../shared/secret-detection.js';

export const secretInEnvValue: ResourceCheck = {
  id: 'secret-in-env-value',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Secret in an environment variable value',
    summary: 'A container environment variable holds a credential as a literal value in the manifest, where everyone who can read the manifest or the pod spec can see it.',
    severity: 'high',
    category: 'secrets',
    remediation:
      'Move the value into a Secret (managed outside the repository: Sealed Secrets, External Secrets, SOPS or Vault) and mount it as a file, or at least reference it with `valueFrom.secretKeyRef`. Rotate the credential: it has been exposed.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'secrets/protection' },
      { framework: 'MITRE', control: 'T1552.001' },
    ],
  },
  run({ podSpec, report }) {
    for (const container of podSpec?.containers ?? []) {
      const env = container.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((variable: unknown, index) => {
        if (!isRecord(variable) || typeof variable.name !== 'string' || typeof variable.value !== 'string') return;
        const secret = literalSecret(variable.name, variable.value);
        if (secret === undefined) return;
        const where = `container "${container.name}" sets ${variable.name}`;
        if (secret.reason === 'format') {
          report({
            path: [...container.path, 'env', index, 'value'],
            container: container.name,
            message: `${where} to a literal value that holds ${secret.match.format.label} (${maskSecret(secret.match.text)})`,
          });
        } else {
          // Only the name says it is a credential: likely, not certain.
          report({
            path: [...container.path, 'env', index, 'value'],
            container: container.name,
            severity: 'medium',
            message: `${where}, whose name marks a credential, to a literal value (${maskSecret(variable.value)})`,
          });
        }
      });
    }
  },
};
