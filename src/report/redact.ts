/**
 * Keeps secret values out of code frames. A frame shows source lines around a finding,
 * and those lines can hold a Secret's data or a password in an env var: their values are
 * replaced by a mask, keeping the key so the reader still sees where they are.
 */
const SENSITIVE_KEY = /(pass(word|wd)?|secret|token|api[-_]?key|credential|private[-_]?key|auth|cert|\.pem|\.key|dsn|connection[-_]?string)/i;
const KEY_VALUE = /^(\s*(?:-\s+)?)("[^"]*"|'[^']*'|[^\s:#][^:#]*?)(\s*:\s+)(\S.*)$/;
const STRUCTURAL_KEYS = new Set(['apiVersion', 'kind', 'name', 'namespace', 'type', 'metadata', 'labels', 'annotations', 'data', 'stringData', 'immutable']);

export const MASK = '********';

/**
 * Masks the value of `key: value` when the key looks sensitive, when the key is `value`
 * (env entries), or on every data line of a Secret.
 */
export function redactLine(line: string, inSecret: boolean): string {
  const match = KEY_VALUE.exec(line);
  if (match === null) return line;
  const [, lead, rawKey, separator, value] = match as unknown as [string, string, string, string, string];
  const key = rawKey.replace(/^["']|["']$/g, '');
  if (value.startsWith('|') || value.startsWith('>') || value.startsWith('{') || value.startsWith('[')) {
    return inSecret || SENSITIVE_KEY.test(key) ? `${lead}${rawKey}${separator}${MASK}` : line;
  }
  const sensitive = (inSecret && !STRUCTURAL_KEYS.has(key)) || SENSITIVE_KEY.test(key) || key === 'value';
  return sensitive ? `${lead}${rawKey}${separator}${MASK}` : line;
}
