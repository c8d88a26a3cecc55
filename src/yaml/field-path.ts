/**
 * Field paths written the JSONPath-like way Kubernetes uses them in CEL rules
 * (`x-kubernetes-validations[].fieldPath`): `spec.containers[0].image`,
 * `.spec.template`, `metadata.labels['app.kubernetes.io/name']`.
 */
import type { Path } from './path.js';

export type ParsedFieldPath = { ok: true; path: Path } | { ok: false; message: string };

const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[A-Za-z0-9_$-]/;

/**
 * Parses a field path into path segments. Accepts an optional leading `.`, dotted names,
 * `[n]` list indexes and `['key']` / `["key"]` map keys (with `\` escaping the quote); nothing
 * else (no wildcards, filters or slices), since a finding points at one field.
 */
export function parseFieldPath(text: string): ParsedFieldPath {
  const source = text.trim();
  if (source === '') return { ok: false, message: 'empty field path' };
  const path: (string | number)[] = [];
  let at = 0;
  const fail = (what: string): ParsedFieldPath => ({ ok: false, message: `invalid field path at column ${at + 1}: ${what}` });
  const readName = (): string | undefined => {
    const start = at;
    if (at >= source.length || !NAME_START.test(source[at] as string)) return undefined;
    at++;
    while (at < source.length && NAME_PART.test(source[at] as string)) at++;
    return source.slice(start, at);
  };
  if (source[0] === '.') at = 1;
  const first = readName();
  if (first === undefined) return fail('expected a field name');
  path.push(first);
  while (at < source.length) {
    const c = source[at];
    if (c === '.') {
      at++;
      const name = readName();
      if (name === undefined) return fail('expected a field name after "."');
      path.push(name);
    } else if (c === '[') {
      at++;
      const quote = source[at];
      if (quote === "'" || quote === '"') {
        at++;
        let key = '';
        while (at < source.length && source[at] !== quote) {
          if (source[at] === '\\' && at + 1 < source.length) at++;
          key += source[at];
          at++;
        }
        if (at >= source.length) return fail('unterminated quoted key');
        at++;
        if (source[at] !== ']') return fail('expected "]"');
        at++;
        path.push(key);
      } else {
        const start = at;
        while (at < source.length && /[0-9]/.test(source[at] as string)) at++;
        if (at === start) return fail('expected a list index or a quoted key');
        if (source[at] !== ']') return fail('expected "]"');
        path.push(Number(source.slice(start, at)));
        at++;
      }
    } else {
      return fail(`unexpected ${JSON.stringify(c)}`);
    }
  }
  return { ok: true, path };
}
