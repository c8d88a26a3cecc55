/** CEL standard definitions: operators, conversions, size, string tests, time accessors. */
import { compileRegex, RegexSyntaxError } from './re2.js';
import { chargeCost, fail, noOverload, stringCost } from './runtime.js';
import { addDuration, calendarFields, checkedDuration, parseDuration, parseTimestamp, timestampFromSeconds, type CalendarFields } from './time.js';
import { FunctionSet } from './types.js';
import {
  celCompare,
  celEquals,
  CelDuration,
  CelMap,
  CelTimestamp,
  CelUint,
  formatDouble,
  formatDuration,
  formatTimestamp,
  INT64_MAX,
  INT64_MIN,
  typeOf,
  UINT64_MAX,
  type Result,
  type Value,
} from './values.js';

export function checkInt(v: bigint): bigint {
  if (v < INT64_MIN || v > INT64_MAX) fail('integer overflow');
  return v;
}

export function checkUint(v: bigint): CelUint {
  if (v < 0n || v > UINT64_MAX) fail('unsigned integer overflow');
  return new CelUint(v);
}

/** Number of Unicode code points (CEL counts characters, not UTF-16 units). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function add(a: Value, b: Value): Result {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a + b);
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  if (typeof a === 'string' && typeof b === 'string') {
    chargeCost(stringCost(a.length + b.length));
    return a + b;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    chargeCost(a.length + b.length);
    return [...a, ...b];
  }
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value + b.value);
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    chargeCost(stringCost(a.length + b.length));
    return concatBytes(a, b);
  }
  if (a instanceof CelTimestamp && b instanceof CelDuration) return addDuration(a, b);
  if (a instanceof CelDuration && b instanceof CelTimestamp) return addDuration(b, a);
  if (a instanceof CelDuration && b instanceof CelDuration) return checkedDuration(a.nanos + b.nanos);
  return noOverload('_+_', [a, b]);
}

function subtract(a: Value, b: Value): Result {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a - b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value - b.value);
  if (a instanceof CelTimestamp && b instanceof CelTimestamp) return checkedDuration(a.nanos - b.nanos);
  if (a instanceof CelTimestamp && b instanceof CelDuration) return addDuration(a, new CelDuration(-b.nanos));
  if (a instanceof CelDuration && b instanceof CelDuration) return checkedDuration(a.nanos - b.nanos);
  return noOverload('_-_', [a, b]);
}

function multiply(a: Value, b: Value): Result {
  if (typeof a === 'bigint' && typeof b === 'bigint') return checkInt(a * b);
  if (typeof a === 'number' && typeof b === 'number') return a * b;
  if (a instanceof CelUint && b instanceof CelUint) return checkUint(a.value * b.value);
  return noOverload('_*_', [a, b]);
}

function divide(a: Value, b: Value): Result {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) fail('division by zero');
    return checkInt(a / b);
  }
  if (typeof a === 'number' && typeof b === 'number') return a / b;
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) fail('division by zero');
    return new CelUint(a.value / b.value);
  }
  return noOverload('_/_', [a, b]);
}

function modulo(a: Value, b: Value): Result {
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    if (b === 0n) fail('modulus by zero');
    if (a === INT64_MIN && b === -1n) fail('integer overflow');
    return a % b;
  }
  if (a instanceof CelUint && b instanceof CelUint) {
    if (b.value === 0n) fail('modulus by zero');
    return new CelUint(a.value % b.value);
  }
  return noOverload('_%_', [a, b]);
}

function negate(a: Value): Result {
  if (typeof a === 'bigint') return checkInt(-a);
  if (typeof a === 'number') return -a;
  return noOverload('-_', [a]);
}

function not(a: Value): Result {
  if (typeof a === 'boolean') return !a;
  return noOverload('!_', [a]);
}

function comparison(name: string, accept: (c: number) => boolean) {
  return (a: Value, b: Value): Result => {
    const c = celCompare(a, b);
    if (c === undefined) return noOverload(name, [a, b]);
    return Number.isNaN(c) ? false : accept(c);
  };
}

function contains(item: Value, collection: Value): Result {
  if (Array.isArray(collection)) {
    chargeCost(collection.length);
    for (const element of collection) if (celEquals(element as Value, item)) return true;
    return false;
  }
  if (collection instanceof CelMap) return collection.has(item);
  return noOverload('@in', [item, collection]);
}

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

function toInt(v: Value): Result {
  if (typeof v === 'bigint') return v;
  if (v instanceof CelUint) {
    if (v.value > INT64_MAX) fail('int() range error: unsigned value out of int range');
    return v.value;
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= -TWO_63 || v >= TWO_63) fail('int() range error: double out of int range');
    return BigInt(Math.trunc(v));
  }
  if (typeof v === 'string') {
    if (!/^[+-]?\d+$/.test(v)) fail(`int() conversion error: '${v}' is not an integer`);
    const n = BigInt(v);
    if (n < INT64_MIN || n > INT64_MAX) fail(`int() range error: '${v}' is out of int range`);
    return n;
  }
  if (v instanceof CelTimestamp) {
    const s = v.nanos / 1_000_000_000n;
    return v.nanos < 0n && v.nanos % 1_000_000_000n !== 0n ? s - 1n : s;
  }
  return noOverload('int', [v]);
}

function toUint(v: Value): Result {
  if (v instanceof CelUint) return v;
  if (typeof v === 'bigint') {
    if (v < 0n) fail('uint() range error: negative value');
    return new CelUint(v);
  }
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= -1 || v >= TWO_64) fail('uint() range error: double out of uint range');
    return new CelUint(BigInt(Math.trunc(v)));
  }
  if (typeof v === 'string') {
    if (!/^\+?\d+$/.test(v)) fail(`uint() conversion error: '${v}' is not an unsigned integer`);
    const n = BigInt(v);
    if (n > UINT64_MAX) fail(`uint() range error: '${v}' is out of uint range`);
    return new CelUint(n);
  }
  return noOverload('uint', [v]);
}

/** Go's strconv.ParseFloat for the decimal forms and inf/infinity/nan words. */
export function parseGoFloat(s: string): number | undefined {
  const t = s.toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.startsWith('-') || t.startsWith('+') ? t.slice(1) : t;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  if (!/^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(body)) return undefined;
  return sign * Number(body);
}

function toDouble(v: Value): Result {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof CelUint) return Number(v.value);
  if (typeof v === 'string') {
    const d = parseGoFloat(v);
    if (d === undefined) fail(`double() conversion error: '${v}' is not a number`);
    return d;
  }
  return noOverload('double', [v]);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function toString(v: Value): Result {
  switch (typeof v) {
    case 'string':
      return v;
    case 'bigint':
    case 'boolean':
      return String(v);
    case 'number':
      return formatDouble(v);
    default:
      break;
  }
  if (v instanceof CelUint) return v.value.toString();
  if (v instanceof Uint8Array) {
    try {
      return utf8.decode(v);
    } catch {
      return fail('string() conversion error: invalid UTF-8 in bytes');
    }
  }
  if (v instanceof CelTimestamp) return formatTimestamp(v);
  if (v instanceof CelDuration) return formatDuration(v);
  return noOverload('string', [v]);
}

function toBytes(v: Value): Result {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return new Uint8Array(Buffer.from(v, 'utf8'));
  return noOverload('bytes', [v]);
}

const TRUE_WORDS = new Set(['1', 't', 'true', 'TRUE', 'True']);
const FALSE_WORDS = new Set(['0', 'f', 'false', 'FALSE', 'False']);

function toBool(v: Value): Result {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') {
    if (TRUE_WORDS.has(v)) return true;
    if (FALSE_WORDS.has(v)) return false;
    fail(`bool() conversion error: '${v}' is not a boolean`);
  }
  return noOverload('bool', [v]);
}

function size(v: Value): Result {
  if (typeof v === 'string') return BigInt(codePointLength(v));
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof CelMap) return BigInt(v.size);
  if (v instanceof Uint8Array) return BigInt(v.length);
  return noOverload('size', [v]);
}

export function regexMatch(text: string, pattern: string): boolean {
  let re;
  try {
    re = compileRegex(pattern);
  } catch (error) {
    if (error instanceof RegexSyntaxError) fail(error.message);
    throw error;
  }
  return re.test(text);
}

/** Compile-time check of a literal regex argument (Kubernetes validates regex literals). */
export function regexLiteralError(pattern: Value | undefined): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  try {
    compileRegex(pattern);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const accessors: Record<string, (f: CalendarFields) => number> = {
  getFullYear: (f) => f.year,
  getMonth: (f) => f.month,
  getDate: (f) => f.day,
  getDayOfMonth: (f) => f.day - 1,
  getDayOfWeek: (f) => f.weekday,
  getDayOfYear: (f) => f.dayOfYear,
  getHours: (f) => f.hours,
  getMinutes: (f) => f.minutes,
  getSeconds: (f) => f.seconds,
  getMilliseconds: (f) => f.milliseconds,
};

const durationAccessors: Record<string, (nanos: bigint) => bigint> = {
  getHours: (n) => n / 3_600_000_000_000n,
  getMinutes: (n) => n / 60_000_000_000n,
  getSeconds: (n) => n / 1_000_000_000n,
  getMilliseconds: (n) => (n % 1_000_000_000n) / 1_000_000n,
};

export function standardFunctions(): FunctionSet {
  const std = new FunctionSet();
  const numeric = ['int', 'uint', 'double'];
  for (const t of numeric) {
    std.fn('_+_', [t, t], t, add).fn('_-_', [t, t], t, subtract).fn('_*_', [t, t], t, multiply).fn('_/_', [t, t], t, divide);
  }
  std
    .fn('_+_', ['string', 'string'], 'string', add)
    .fn('_+_', ['bytes', 'bytes'], 'bytes', add)
    .fn('_+_', ['list<A>', 'list<A>'], 'list<A>', add)
    .fn('_+_', ['timestamp', 'duration'], 'timestamp', add)
    .fn('_+_', ['duration', 'timestamp'], 'timestamp', add)
    .fn('_+_', ['duration', 'duration'], 'duration', add)
    .fn('_-_', ['timestamp', 'timestamp'], 'duration', subtract)
    .fn('_-_', ['timestamp', 'duration'], 'timestamp', subtract)
    .fn('_-_', ['duration', 'duration'], 'duration', subtract)
    .fn('_%_', ['int', 'int'], 'int', modulo)
    .fn('_%_', ['uint', 'uint'], 'uint', modulo)
    .fn('-_', ['int'], 'int', negate)
    .fn('-_', ['double'], 'double', negate)
    .fn('!_', ['bool'], 'bool', not)
    // Heterogeneous equality: any two values compare (unequal types are simply not equal).
    .fn('_==_', ['dyn', 'dyn'], 'bool', (a, b) => celEquals(a, b))
    .fn('_!=_', ['dyn', 'dyn'], 'bool', (a, b) => !celEquals(a, b))
    .fn('@in', ['dyn', 'list<dyn>'], 'bool', contains)
    .fn('@in', ['dyn', 'map<dyn, dyn>'], 'bool', contains);

  const ordered: [string, string][] = [
    ['bool', 'bool'],
    ['string', 'string'],
    ['bytes', 'bytes'],
    ['timestamp', 'timestamp'],
    ['duration', 'duration'],
  ];
  for (const a of numeric) for (const b of numeric) ordered.push([a, b]);
  const ops: [string, (c: number) => boolean][] = [
    ['_<_', (c) => c < 0],
    ['_<=_', (c) => c <= 0],
    ['_>_', (c) => c > 0],
    ['_>=_', (c) => c >= 0],
  ];
  for (const [name, accept] of ops) {
    const impl = comparison(name, accept);
    for (const [a, b] of ordered) std.fn(name, [a, b], 'bool', impl);
  }

  // Conversions
  for (const t of ['int', 'uint', 'double', 'string', 'timestamp']) std.fn('int', [t], 'int', toInt);
  for (const t of ['int', 'uint', 'double', 'string']) std.fn('uint', [t], 'uint', toUint);
  for (const t of ['int', 'uint', 'double', 'string']) std.fn('double', [t], 'double', toDouble);
  for (const t of ['string', 'int', 'uint', 'double', 'bool', 'bytes', 'timestamp', 'duration']) std.fn('string', [t], 'string', toString);
  std
    .fn('bytes', ['string'], 'bytes', toBytes)
    .fn('bytes', ['bytes'], 'bytes', toBytes)
    .fn('bool', ['bool'], 'bool', toBool)
    .fn('bool', ['string'], 'bool', toBool)
    .fn('dyn', ['dyn'], 'dyn', (v) => v)
    .fn('type', ['dyn'], 'type', (v) => typeOf(v))
    .fn('timestamp', ['string'], 'timestamp', (v) => parseTimestamp(v as string))
    .fn('timestamp', ['int'], 'timestamp', (v) => timestampFromSeconds(v as bigint))
    .fn('timestamp', ['timestamp'], 'timestamp', (v) => v)
    .fn('duration', ['string'], 'duration', (v) => parseDuration(v as string))
    .fn('duration', ['duration'], 'duration', (v) => v)
    .validate('timestamp', ([arg]) => literalError(arg, (s) => parseTimestamp(s)))
    .validate('duration', ([arg]) => literalError(arg, (s) => parseDuration(s)));

  for (const t of ['string', 'bytes', 'list<dyn>', 'map<dyn, dyn>']) {
    std.fn('size', [t], 'int', size).method('size', t, [], 'int', size);
  }

  std
    .method('contains', 'string', ['string'], 'bool', (s, t) => {
      chargeCost(stringCost((s as string).length));
      return (s as string).includes(t as string);
    })
    .method('startsWith', 'string', ['string'], 'bool', (s, t) => (s as string).startsWith(t as string))
    .method('endsWith', 'string', ['string'], 'bool', (s, t) => (s as string).endsWith(t as string))
    .method('matches', 'string', ['string'], 'bool', (s, p) => regexMatch(s as string, p as string))
    .fn('matches', ['string', 'string'], 'bool', (s, p) => regexMatch(s as string, p as string))
    .validate('matches', (args) => regexLiteralError(args[args.length - 1]));

  for (const [name, get] of Object.entries(accessors)) {
    std.method(name, 'timestamp', [], 'int', (t) => BigInt(get(calendarFields(t as CelTimestamp))));
    std.method(name, 'timestamp', ['string'], 'int', (t, zone) => BigInt(get(calendarFields(t as CelTimestamp, zone as string))));
  }
  for (const [name, get] of Object.entries(durationAccessors)) {
    std.method(name, 'duration', [], 'int', (d) => get((d as CelDuration).nanos));
  }
  return std;
}

function literalError(arg: Value | undefined, parse: (s: string) => unknown): string | undefined {
  if (typeof arg !== 'string') return undefined;
  try {
    parse(arg);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
