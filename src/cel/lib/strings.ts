/**
 * cel-go's strings extension: charAt, indexOf, lastIndexOf, lowerAscii, upperAscii, replace,
 * split, substring, trim, join, format, strings.quote and reverse. Indexes count Unicode code
 * points, not UTF-16 units, like cel-go. `format` follows cel-go's current formatter (the
 * one the conformance suite tests); see the README in this folder for how Kubernetes' older
 * strings library version differs.
 */
import { chargeCost, fail, stringCost } from '../runtime.js';
import { codePointLength } from '../stdlib.js';
import { FunctionSet } from '../types.js';
import { CelDuration, CelMap, CelTimestamp, CelType, CelUint, formatDuration, formatTimestamp, kindOf, type Value } from '../values.js';

const hasSurrogates = (s: string) => /[\ud800-\udfff]/.test(s);

/** Code points of a string (only materialised when the string has astral characters). */
function chars(s: string): string[] | undefined {
  return hasSurrogates(s) ? [...s] : undefined;
}

/** UTF-16 offset of code point index i. */
function unitOffset(s: string, i: number): number {
  const c = chars(s);
  if (c === undefined) return i;
  let offset = 0;
  for (let k = 0; k < i; k++) offset += (c[k] as string).length;
  return offset;
}

/** Code point index of UTF-16 offset u. */
function cpIndex(s: string, u: number): number {
  return hasSurrogates(s) ? [...s.slice(0, u)].length : u;
}

function index(n: Value): number {
  return Number(n as bigint);
}

function charAt(s: string, i: number): string {
  const length = codePointLength(s);
  if (i < 0 || i > length) fail(`index out of range: ${i}`);
  if (i === length) return '';
  const c = chars(s);
  return c === undefined ? (s[i] as string) : (c[i] as string);
}

function indexOf(s: string, sub: string, offset: number): bigint {
  const length = codePointLength(s);
  if (offset < 0 || offset > length) fail(`index out of range: ${offset}`);
  chargeCost(stringCost(s.length));
  const found = s.indexOf(sub, unitOffset(s, offset));
  return BigInt(found < 0 ? -1 : cpIndex(s, found));
}

function lastIndexOf(s: string, sub: string, offset: number | undefined): bigint {
  const length = codePointLength(s);
  const start = offset ?? length;
  if (start < 0 || start > length) fail(`index out of range: ${start}`);
  chargeCost(stringCost(s.length));
  if (sub === '') return BigInt(start);
  const found = s.lastIndexOf(sub, unitOffset(s, start));
  return BigInt(found < 0 ? -1 : cpIndex(s, found));
}

function substring(s: string, start: number, end?: number): string {
  const length = codePointLength(s);
  const stop = end ?? length;
  if (start < 0 || start > length) fail(`index out of range: ${start}`);
  if (stop < 0 || stop > length) fail(`index out of range: ${stop}`);
  if (stop < start) fail(`invalid substring range. start: ${start}, end: ${stop}`);
  const c = chars(s);
  return c === undefined ? s.slice(start, stop) : c.slice(start, stop).join('');
}

/** Go's strings.Replace: n < 0 replaces all; an empty `old` matches at every code point boundary. */
function replace(s: string, old: string, replacement: string, n: number): string {
  if (n === 0 || old === replacement) return s;
  chargeCost(stringCost(s.length));
  const out: string[] = [];
  let count = 0;
  if (old === '') {
    const cps = [...s];
    for (let i = 0; i <= cps.length; i++) {
      if (n < 0 || count < n) {
        out.push(replacement);
        count++;
      }
      if (i < cps.length) out.push(cps[i] as string);
    }
    return out.join('');
  }
  let pos = 0;
  while (n < 0 || count < n) {
    const at = s.indexOf(old, pos);
    if (at < 0) break;
    out.push(s.slice(pos, at), replacement);
    pos = at + old.length;
    count++;
  }
  out.push(s.slice(pos));
  const result = out.join('');
  chargeCost(stringCost(result.length));
  return result;
}

/** Go's strings.SplitN: n == 0 gives [], n < 0 all parts, an empty separator splits code points. */
function split(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  chargeCost(stringCost(s.length));
  if (sep === '') {
    const cps = [...s];
    if (n < 0 || n >= cps.length) return cps;
    return [...cps.slice(0, n - 1), cps.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** Unicode White_Space as Go's unicode.IsSpace sees it (what strings.TrimSpace removes). */
const GO_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;

function trim(s: string): string {
  chargeCost(stringCost(s.length));
  return s.replace(GO_SPACE, '');
}

const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());
const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());

function join(list: Value, sep: string): string {
  const items = list as readonly Value[];
  for (const item of items) if (typeof item !== 'string') fail(`join() requires a list of strings, found an element of type '${kindOf(item)}'`);
  const result = (items as readonly string[]).join(sep);
  chargeCost(stringCost(result.length));
  return result;
}

/** strings.quote: a double-quoted CEL string literal. */
function quote(s: string): string {
  let out = '"';
  for (const ch of s) {
    switch (ch) {
      case '\x07':
        out += '\\a';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\v':
        out += '\\v';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '"':
        out += '\\"';
        break;
      default:
        // Lone surrogates cannot be encoded as UTF-8; Go writes U+FFFD for invalid runes.
        out += /[\ud800-\udfff]/.test(ch) && ch.length === 1 ? '\ufffd' : ch;
    }
  }
  return `${out}"`;
}

// ---------------------------------------------------------------------------
// format()
// ---------------------------------------------------------------------------

/** Exact decimal digits of a finite positive double: value = digits × 10^-scale. */
function exactDecimal(d: number): { digits: bigint; scale: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exponent === 0) {
    e = -1074;
  } else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  if (e >= 0) return { digits: mantissa << BigInt(e), scale: 0 };
  return { digits: mantissa * 5n ** BigInt(-e), scale: -e };
}

/** Rounds digits×10^-scale to `places` decimals, half to even (Go's correctly rounded %f). */
function roundHalfEven(digits: bigint, scale: number, places: number): bigint {
  if (scale <= places) return digits * 10n ** BigInt(places - scale);
  const divisor = 10n ** BigInt(scale - places);
  const q = digits / divisor;
  const r = digits % divisor;
  const twice = r * 2n;
  if (twice > divisor || (twice === divisor && q % 2n === 1n)) return q + 1n;
  return q;
}

function fixed(d: number, places: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const negative = d < 0 || Object.is(d, -0);
  const { digits, scale } = d === 0 ? { digits: 0n, scale: 0 } : exactDecimal(Math.abs(d));
  const rounded = roundHalfEven(digits, scale, places).toString().padStart(places + 1, '0');
  const whole = rounded.slice(0, rounded.length - places);
  const frac = rounded.slice(rounded.length - places);
  return `${negative ? '-' : ''}${whole}${places > 0 ? `.${frac}` : ''}`;
}

function scientific(d: number, places: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const negative = d < 0 || Object.is(d, -0);
  if (d === 0) return `${negative ? '-' : ''}0${places > 0 ? `.${'0'.repeat(places)}` : ''}e+00`;
  const { digits, scale } = exactDecimal(Math.abs(d));
  let exp = digits.toString().length - 1 - scale;
  // Keep places+1 significant digits.
  let mantissa = roundHalfEven(digits, scale, places - exp);
  if (mantissa.toString().length > places + 1) {
    exp += 1;
    mantissa = roundHalfEven(digits, scale, places - exp);
  }
  const text = mantissa.toString();
  const expText = `${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return `${negative ? '-' : ''}${text[0]}${places > 0 ? `.${text.slice(1)}` : ''}e${expText}`;
}

/** Go's strconv.FormatFloat(d, 'f', -1, 64): shortest digits, never an exponent. */
function shortestFixed(d: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(d.toExponential());
  if (m === null) return String(d);
  const sign = m[1] ?? '';
  const digits = (m[2] ?? '') + (m[3] ?? '');
  const e = Number(m[4]);
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

function formatError(clause: string, allowed: string, v: Value): never {
  return fail(`error during formatting: ${clause} ${allowed}, was given ${kindOf(v)}`);
}

/** The text `%s` produces. */
function formatString(v: Value): string {
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'number':
      if (Number.isNaN(v)) return 'NaN';
      if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
      return shortestFixed(v);
    default:
      break;
  }
  if (v === null) return 'null';
  if (v instanceof CelUint) return v.value.toString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (v instanceof CelTimestamp) return formatTimestamp(v);
  if (v instanceof CelDuration) return formatDuration(v);
  if (v instanceof CelType) return v.name;
  if (Array.isArray(v)) return `[${v.map((item: Value) => formatString(item)).join(', ')}]`;
  if (v instanceof CelMap) {
    const entries = [...v.entries()].map(([k, value]) => [formatString(k), formatString(value)] as const);
    entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return `{${entries.map(([k, value]) => `${k}: ${value}`).join(', ')}}`;
  }
  return fail(
    `error during formatting: string clause can only be used on strings, bools, bytes, ints, doubles, maps, lists, types, durations, and timestamps, was given ${kindOf(v)}`,
  );
}

function numberOf(v: Value, clause: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  return formatError(clause, 'can only be used on doubles', v);
}

function integerText(v: Value, radix: number, clause: string, allowed: string): string {
  if (typeof v === 'bigint') return v.toString(radix);
  if (v instanceof CelUint) return v.value.toString(radix);
  return formatError(clause, allowed, v);
}

function hex(v: Value, upper: boolean): string {
  let text: string;
  if (typeof v === 'string') text = Buffer.from(v, 'utf8').toString('hex');
  else if (v instanceof Uint8Array) text = Buffer.from(v).toString('hex');
  else if (typeof v === 'bigint' || v instanceof CelUint) text = integerText(v, 16, '', '');
  else return fail(`error during formatting: only integers, byte buffers, and strings can be formatted as hex, was given ${kindOf(v)}`);
  return upper ? text.toUpperCase() : text;
}

function format(template: string, args: readonly Value[]): string {
  let out = '';
  let next = 0;
  const arg = (): Value => {
    if (next >= args.length) fail(`index ${next} out of range`);
    return args[next++] as Value;
  };
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    i++;
    if (template[i] === '%') {
      out += '%';
      continue;
    }
    let precision: number | undefined;
    if (template[i] === '.') {
      let j = i + 1;
      while (j < template.length && /\d/.test(template[j] as string)) j++;
      if (j === i + 1) fail('could not parse formatting clause: unable to find end of precision specifier');
      precision = Number(template.slice(i + 1, j));
      i = j;
    }
    const verb = template[i];
    if (verb === undefined) fail('could not parse formatting clause: unable to find formatting clause');
    switch (verb) {
      case 's':
        out += formatString(arg());
        break;
      case 'd': {
        const v = arg();
        if (typeof v === 'bigint' || v instanceof CelUint) out += integerText(v, 10, '', '');
        else if (typeof v === 'number') out += formatString(v);
        else formatError('decimal clause', 'can only be used on integers', v);
        break;
      }
      case 'f':
        out += fixed(numberOf(arg(), 'fixed-point clause'), precision ?? 6);
        break;
      case 'e':
        out += scientific(numberOf(arg(), 'scientific clause'), precision ?? 6);
        break;
      case 'x':
      case 'X':
        out += hex(arg(), verb === 'X');
        break;
      case 'o':
        out += integerText(arg(), 8, 'octal clause', 'can only be used on integers');
        break;
      case 'b': {
        const v = arg();
        if (typeof v === 'boolean') out += v ? '1' : '0';
        else out += integerText(v, 2, 'only integers and bools', 'can be formatted as binary');
        break;
      }
      default:
        fail(`could not parse formatting clause: unrecognized formatting clause "${verb}"`);
    }
  }
  chargeCost(stringCost(out.length));
  return out;
}

export function stringsLibrary(): FunctionSet {
  const s = (v: Value) => v as string;
  return new FunctionSet()
    .method('charAt', 'string', ['int'], 'string', (str, i) => charAt(s(str), index(i)))
    .method('indexOf', 'string', ['string'], 'int', (str, sub) => indexOf(s(str), s(sub), 0))
    .method('indexOf', 'string', ['string', 'int'], 'int', (str, sub, off) => indexOf(s(str), s(sub), index(off)))
    .method('lastIndexOf', 'string', ['string'], 'int', (str, sub) => lastIndexOf(s(str), s(sub), undefined))
    .method('lastIndexOf', 'string', ['string', 'int'], 'int', (str, sub, off) => lastIndexOf(s(str), s(sub), index(off)))
    .method('lowerAscii', 'string', [], 'string', (str) => asciiLower(s(str)))
    .method('upperAscii', 'string', [], 'string', (str) => asciiUpper(s(str)))
    .method('replace', 'string', ['string', 'string'], 'string', (str, a, b) => replace(s(str), s(a), s(b), -1))
    .method('replace', 'string', ['string', 'string', 'int'], 'string', (str, a, b, n) => replace(s(str), s(a), s(b), index(n)))
    .method('split', 'string', ['string'], 'list<string>', (str, sep) => split(s(str), s(sep), -1))
    .method('split', 'string', ['string', 'int'], 'list<string>', (str, sep, n) => split(s(str), s(sep), index(n)))
    .method('substring', 'string', ['int'], 'string', (str, a) => substring(s(str), index(a)))
    .method('substring', 'string', ['int', 'int'], 'string', (str, a, b) => substring(s(str), index(a), index(b)))
    .method('trim', 'string', [], 'string', (str) => trim(s(str)))
    .method('join', 'list<string>', [], 'string', (list) => join(list, ''))
    .method('join', 'list<string>', ['string'], 'string', (list, sep) => join(list, s(sep)))
    .method('format', 'string', ['list<dyn>'], 'string', (str, args) => format(s(str), args as readonly Value[]))
    .fn('strings.quote', ['string'], 'string', (str) => quote(s(str)))
    .method('reverse', 'string', [], 'string', (str) => [...s(str)].reverse().join(''));
}
