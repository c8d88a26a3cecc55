import { isRecord, type KubernetesObject } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { decodeBase64, textOrBytes } from '../shared/masking.js';
import { isCertificateOnly, isPlaceholderValue } from '../shared/secret-detection.js';

/** One value of a Secret, decoded: what the pod would see. */
export interface SecretEntry {
  field: 'data' | 'stringData';
  key: string;
  /** Text when the value is valid UTF-8, else bytes. */
  value: string | Uint8Array;
  path: Path;
}

/** Token Secrets are filled in by the token controller; a manifest only declares them. */
export function isServiceAccountTokenSecret(object: KubernetesObject): boolean {
  return object.type === 'kubernetes.io/service-account-token';
}

/**
 * The values of a Secret's `data` (base64-decoded) and `stringData`. A `data` value that is
 * not base64 (the API server would reject it) is taken as written: it is still committed.
 */
export function secretEntries(object: KubernetesObject): SecretEntry[] {
  const entries: SecretEntry[] = [];
  for (const field of ['data', 'stringData'] as const) {
    const values = object[field];
    if (!isRecord(values)) continue;
    for (const [key, raw] of Object.entries(values)) {
      if (typeof raw !== 'string') continue;
      const bytes = field === 'data' ? decodeBase64(raw) : undefined;
      entries.push({ field, key, value: bytes === undefined ? raw : textOrBytes(bytes), path: [field, key] });
    }
  }
  return entries;
}

/** Whether an entry holds a confidential value: not empty, not a placeholder, not a public certificate. */
export function holdsConfidentialValue(entry: SecretEntry): boolean {
  if (typeof entry.value !== 'string') return entry.value.length > 0;
  return !isPlaceholderValue(entry.value) && !isCertificateOnly(entry.value);
}
