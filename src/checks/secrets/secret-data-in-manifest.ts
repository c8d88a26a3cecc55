import type { ResourceCheck } from '../../engine/types.js';
import { holdsConfidentialValue, isServiceAccountTokenSecret, secretEntries } from './secret-entries.js';

export const secretDataInManifest: ResourceCheck = {
  id: 'secret-data-in-manifest',
  scope: 'resource',
  appliesTo: ['Secret'],
  meta: {
    title: 'Secret data committed in a manifest',
    summary: 'A Secret carries its values in `data` or `stringData` in the manifest itself, so they are stored in clear (base64 is an encoding, not encryption) wherever the manifest goes.',
    severity: 'medium',
    category: 'secrets',
    remediation:
      'Keep secret values out of manifests: commit a SealedSecret (Sealed Secrets) or a SOPS-encrypted file, or let External Secrets Operator or the Vault/Secrets Store CSI driver create the Secret from an external store. Rotate values that have been committed.',
    references: [
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
      'https://kubernetes.io/docs/concepts/configuration/secret/',
      'https://secrets-store-csi-driver.sigs.k8s.io/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.4.2' },
      { framework: 'NSA', control: 'secrets/protection' },
      { framework: 'MITRE', control: 'T1552.001' },
    ],
  },
  run({ resource, report }) {
    if (isServiceAccountTokenSecret(resource.object)) return;
    const entries = secretEntries(resource.object).filter(holdsConfidentialValue);
    for (const field of ['data', 'stringData'] as const) {
      const keys = entries.filter((entry) => entry.field === field).map((entry) => `"${entry.key}"`);
      if (keys.length === 0) continue;
      const what = field === 'data' ? 'base64-encoded (not encrypted)' : 'plain-text';
      report({
        path: [field],
        message: `Secret "${resource.name}" commits ${keys.length} ${what} value${keys.length === 1 ? '' : 's'} in ${field} (key${keys.length === 1 ? '' : 's'} ${keys.join(', ')})`,
      });
    }
  },
};
