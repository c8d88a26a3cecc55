import type { Report, ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { decodeBase64, maskSecret, textOrBytes } from '../shared/masking.js';
import { findTokens, isSensitiveName, namedSecret } from '../shared/secret-detection.js';

/** How a message names a ConfigMap entry: made only for a finding, as most entries hold nothing. */
function entryLabel(key: string, field: 'data' | 'binaryData'): string {
  return `ConfigMap key "${key}"${field === 'binaryData' ? ' (binaryData)' : ''}`;
}

/** What a ConfigMap value holds that makes it a secret, as a report; undefined when nothing. */
function secretReport(key: string, value: string | Uint8Array, field: 'data' | 'binaryData'): Report | undefined {
  if (typeof value !== 'string') {
    // Binary content can only be judged by its key's name.
    if (!isSensitiveName(key) || value.length === 0) return undefined;
    return { path: [field, key], severity: 'medium', message: `${entryLabel(key, field)}, whose name marks a credential, holds binary data (${maskSecret(value)})` };
  }
  const tokens = findTokens(value);
  if (tokens.length > 0) {
    const found = tokens.map((token) => `${token.format.label} (${maskSecret(token.text)})`).join(' and ');
    return { path: [field, key], message: `${entryLabel(key, field)} holds ${found}` };
  }
  if (!namedSecret(key, value)) return undefined;
  return { path: [field, key], severity: 'medium', message: `${entryLabel(key, field)}, whose name marks a credential, holds a literal value (${maskSecret(value)})` };
}

export const secretInConfigmap: ResourceCheck = {
  id: 'secret-in-configmap',
  scope: 'resource',
  appliesTo: ['ConfigMap'],
  meta: {
    title: 'Secret in a ConfigMap',
    summary: 'A ConfigMap holds a credential. ConfigMaps are not meant for confidential data: they are readable far more widely than Secrets and are not encrypted at rest.',
    severity: 'high',
    category: 'secrets',
    remediation:
      'Move the credential into a Secret managed outside the repository (Sealed Secrets, External Secrets, SOPS or Vault) and mount it where the configuration expects it. Rotate the credential: it has been exposed.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/configmap/',
      'https://kubernetes.io/docs/concepts/security/secrets-good-practices/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'secrets/protection' },
      { framework: 'MITRE', control: 'T1552.001' },
      { framework: 'MITRE', control: 'T1552.007' },
    ],
  },
  run({ resource, report }) {
    const { data, binaryData } = resource.object;
    if (isRecord(data)) {
      for (const [key, value] of Object.entries(data)) {
        if (typeof value !== 'string') continue;
        const found = secretReport(key, value, 'data');
        if (found !== undefined) report(found);
      }
    }
    if (isRecord(binaryData)) {
      for (const [key, value] of Object.entries(binaryData)) {
        if (typeof value !== 'string') continue;
        const bytes = decodeBase64(value);
        if (bytes === undefined) continue;
        const found = secretReport(key, textOrBytes(bytes), 'binaryData');
        if (found !== undefined) report(found);
      }
    }
  },
};
