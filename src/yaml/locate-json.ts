import type { Path } from './path.js';

/** Raised when the JSON text does not hold the path (it should, since the path came from the parsed data). */
export class JsonPathNotFound extends Error {}

function skipWhitespace(text: string, at: number): number {
  for (;;) {
    const c = text.charCodeAt(at);
    if (c === 32 || c === 9 || c === 10 || c === 13) at++;
    else return at;
  }
}

function skipString(text: string, at: number): number {
  // at points at the opening quote
  let i = at + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (Number.isNaN(c)) throw new JsonPathNotFound('unterminated string');
    if (c === 92) i += 2;
    else if (c === 34) return i + 1;
    else i++;
  }
}

function skipValue(text: string, at: number): number {
  const c = text[at];
  if (c === '"') return skipString(text, at);
  if (c === '{' || c === '[') {
    let depth = 0;
    let i = at;
    for (;;) {
      const d = text[i];
      if (d === undefined) throw new JsonPathNotFound('unterminated collection');
      if (d === '"') {
        i = skipString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
  }
  let i = at;
  while (i < text.length && !',}] \t\r\n'.includes(text[i] as string)) i++;
  return i;
}

/**
 * Offsets of each segment of `path` in a JSON text: the key's opening quote for object
 * members, the value's first character for array items. Scans without building values.
 */
export function locateInJson(text: string, start: number, path: Path): number[] {
  const offsets: number[] = [];
  let at = skipWhitespace(text, start);
  for (const segment of path) {
    const open = text[at];
    if (typeof segment === 'number') {
      if (open !== '[') throw new JsonPathNotFound('not an array');
      at = skipWhitespace(text, at + 1);
      for (let index = 0; index < segment; index++) {
        at = skipWhitespace(text, skipValue(text, at));
        if (text[at] !== ',') throw new JsonPathNotFound('index out of range');
        at = skipWhitespace(text, at + 1);
      }
      offsets.push(at);
      continue;
    }
    if (open !== '{') throw new JsonPathNotFound('not an object');
    at = skipWhitespace(text, at + 1);
    let matched = false;
    while (text[at] === '"') {
      const keyStart = at;
      const keyEnd = skipString(text, at);
      const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
      at = skipWhitespace(text, keyEnd);
      if (text[at] !== ':') throw new JsonPathNotFound('expected colon');
      at = skipWhitespace(text, at + 1);
      if (key === segment) {
        offsets.push(keyStart);
        matched = true;
        break;
      }
      at = skipWhitespace(text, skipValue(text, at));
      if (text[at] === ',') at = skipWhitespace(text, at + 1);
    }
    if (!matched) throw new JsonPathNotFound(`no key ${segment}`);
  }
  return offsets;
}
