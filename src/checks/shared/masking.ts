import { createHash } from 'node:crypto';

/**
 * Secret values never appear in findings. What a finding shows instead is a masked
 * fingerprint: the first 8 hex digits of the value's SHA-256 and its length. That is enough
 * to tell two findings about the same value apart from two about different values, and to
 * match a finding against a value one already holds, without revealing the value.
 */

const textDecoder = new TextDecoder('utf-8', { fatal: true });

function bytesOf(value: string | Uint8Array): Uint8Array {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}

/** Full SHA-256 (hex) of a value's bytes: for comparing values, never for output. */
export function secretDigest(value: string | Uint8Array): string {
  return createHash('sha256').update(bytesOf(value)).digest('hex');
}

/** `sha256:3f2a9c1e`: the short fingerprint a finding may show. */
export function secretFingerprint(value: string | Uint8Array): string {
  return `sha256:${secretDigest(value).slice(0, 8)}`;
}

/** `sha256:3f2a9c1e, 24 characters` (or `… bytes` for binary data): how a finding names a secret value. */
export function maskSecret(value: string | Uint8Array): string {
  const length = typeof value === 'string' ? `${[...value].length} characters` : `${value.length} bytes`;
  return `${secretFingerprint(value)}, ${length}`;
}

/** A Secret's or a ConfigMap's binary value as text when it is valid UTF-8, else its bytes. */
export function textOrBytes(bytes: Uint8Array): string | Uint8Array {
  try {
    return textDecoder.decode(bytes);
  } catch {
    return bytes;
  }
}

/**
 * Decodes a base64 value as the API server does for `data`/`binaryData` (Go's decoder skips
 * line breaks, so folded values decode too). Undefined when it is not base64 at all.
 */
export function decodeBase64(value: string): Uint8Array | undefined {
  const compact = value.replace(/[\r\n]/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return Buffer.from(compact, 'base64');
}
