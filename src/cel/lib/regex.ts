/**
 * Kubernetes regex library (library/regex.go): `s.find(re)` returns the first match or '',
 * `s.findAll(re)` all non-overlapping matches, `s.findAll(re, n)` at most n (n < 0: all).
 * Patterns use RE2 syntax and run on the linear-time engine in ../re2.ts; literal patterns
 * are validated at compile time, as Kubernetes does.
 */
import { compileRegex, RegexSyntaxError, type Re2 } from '../re2.js';
import { fail } from '../runtime.js';
import { regexLiteralError } from '../stdlib.js';
import { FunctionSet } from '../types.js';
import type { Value } from '../values.js';

function regex(pattern: Value): Re2 {
  try {
    return compileRegex(pattern as string);
  } catch (error) {
    if (error instanceof RegexSyntaxError) fail(error.message);
    throw error;
  }
}

export function regexLibrary(): FunctionSet {
  return new FunctionSet()
    .method('find', 'string', ['string'], 'string', (s, p) => {
      const text = s as string;
      const m = regex(p).exec(text);
      return m === undefined ? '' : text.slice(m[0], m[1]);
    })
    .method('findAll', 'string', ['string'], 'list<string>', (s, p) => regex(p).findAll(s as string, -1))
    .method('findAll', 'string', ['string', 'int'], 'list<string>', (s, p, n) => {
      const limit = n as bigint;
      return regex(p).findAll(s as string, limit < 0n ? -1 : Number(limit > 1_000_000_000n ? 1_000_000_000n : limit));
    })
    .validate('find', (args) => regexLiteralError(args[1]))
    .validate('findAll', (args) => regexLiteralError(args[1]));
}
