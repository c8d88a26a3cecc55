/**
 * Runtime values of the CEL engine.
 *
 * CEL type      JavaScript representation
 * ------------  ---------------------------------------------------------------
 * null_type     null
 * bool          boolean
 * int           bigint (always within int64; arithmetic checks overflow)
 * uint          CelUint (a boxed bigint, so `1u` and `1` stay distinguishable)
 * double        number
 * string        string
 * bytes         Uint8Array
 * list          readonly Value[]
 * map           CelMap (keys normalised so 1, 1u and 1.0 address the same entry)
 * timestamp     CelTimestamp (nanoseconds since the epoch, bigint)
 * duration      CelDuration (nanoseconds, bigint, int64 range like Go's time.Duration)
 * type          CelType
 * optional      CelOptional
 * library types CelObject subclasses (Quantity, URL, IP, CIDR, ...)
 *
 * Errors are values too (CelError) inside the interpreter so that `&&`, `||` and the
 * comprehension macros can absorb them the way CEL specifies; they never escape the
 * public API as values.
 */

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;
export const UINT64_MAX = (1n << 64n) - 1n;

export class CelUint {
  constructor(readonly value: bigint) {}
  toString(): string {
    return `${this.value}u`;
  }
}

export class CelType {
  private static readonly interned = new Map<string, CelType>();
  private constructor(readonly name: string) {}
  /** Types are interned so that identity comparison works. */
  static of(name: string): CelType {
    let type = CelType.interned.get(name);
    if (type === undefined) {
      type = new CelType(name);
      CelType.interned.set(name, type);
    }
    return type;
  }
  toString(): string {
    return this.name;
  }
}

export const TYPE = {
  null: CelType.of('null_type'),
  bool: CelType.of('bool'),
  int: CelType.of('int'),
  uint: CelType.of('uint'),
  double: CelType.of('double'),
  string: CelType.of('string'),
  bytes: CelType.of('bytes'),
  list: CelType.of('list'),
  map: CelType.of('map'),
  timestamp: CelType.of('google.protobuf.Timestamp'),
  duration: CelType.of('google.protobuf.Duration'),
  type: CelType.of('type'),
  optional: CelType.of('optional_type'),
} as const;

/** Timestamps carry nanoseconds; CEL's range is 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z. */
export class CelTimestamp {
  static readonly MIN = -62135596800n * 1_000_000_000n;
  static readonly MAX = 253402300799n * 1_000_000_000n + 999_999_999n;
  constructor(readonly nanos: bigint) {}
  static inRange(nanos: bigint): boolean {
    return nanos >= CelTimestamp.MIN && nanos <= CelTimestamp.MAX;
  }
}

/** Durations follow cel-go, which stores them as Go time.Duration: int64 nanoseconds. */
export class CelDuration {
  constructor(readonly nanos: bigint) {}
  static inRange(nanos: bigint): boolean {
    return nanos >= INT64_MIN && nanos <= INT64_MAX;
  }
}

export class CelOptional {
  static readonly NONE = new CelOptional(false, null);
  private constructor(
    readonly present: boolean,
    readonly inner: Value,
  ) {}
  static of(value: Value): CelOptional {
    return new CelOptional(true, value);
  }
}

/** Base class of the opaque types libraries add (Quantity, URL, IP, ...). */
export abstract class CelObject {
  abstract readonly celType: CelType;
  /** CEL equality with another value of any type; other types compare unequal. */
  abstract equals(other: Value): boolean;
  /** Text used by string formatting and error messages. */
  abstract toString(): string;
}

/** A normalised map key: strings stay strings, int and uint become bigint, bools stay bools. */
export type MapKey = string | bigint | boolean;

/**
 * CEL map. Keys may be string, int, uint or bool; numeric keys are normalised so that
 * `{1: 'a'}[1u]` and `{1: 'a'}[1.0]` find the entry, while the original key (and its
 * type) is kept for iteration.
 */
export class CelMap {
  protected readonly entries_: Map<MapKey, readonly [Value, Value]>;

  constructor(entries?: Map<MapKey, readonly [Value, Value]>) {
    this.entries_ = entries ?? new Map();
  }

  /** Builds a map from JS string-keyed data without copying key normalisation logic. */
  static fromStringEntries(entries: Iterable<readonly [string, Value]>): CelMap {
    const map = new Map<MapKey, readonly [Value, Value]>();
    for (const [key, value] of entries) map.set(key, [key, value]);
    return new CelMap(map);
  }

  get size(): number {
    return this.entries_.size;
  }

  /** Undefined when the key is absent or of a type that can never be a key. */
  get(key: Value): Value | undefined {
    const normalised = lookupKey(key);
    if (normalised === undefined) return undefined;
    return this.entries_.get(normalised)?.[1];
  }

  has(key: Value): boolean {
    const normalised = lookupKey(key);
    return normalised !== undefined && this.entries_.has(normalised);
  }

  *keys(): IterableIterator<Value> {
    for (const entry of this.entries_.values()) yield entry[0];
  }

  *entries(): IterableIterator<readonly [Value, Value]> {
    yield* this.entries_.values();
  }
}

/** Key used to store an entry; undefined for values that cannot be map keys. */
export function storageKey(key: Value): MapKey | undefined {
  switch (typeof key) {
    case 'string':
    case 'bigint':
    case 'boolean':
      return key;
    case 'object':
      if (key instanceof CelUint) return key.value;
      return undefined;
    default:
      return undefined;
  }
}

/** Like storageKey, but a double with an integral value may address an int/uint key. */
function lookupKey(key: Value): MapKey | undefined {
  if (typeof key === 'number') return Number.isInteger(key) ? BigInt(key) : undefined;
  return storageKey(key);
}

export type Value =
  | null
  | boolean
  | bigint
  | number
  | string
  | Uint8Array
  | CelUint
  | readonly Value[]
  | CelMap
  | CelTimestamp
  | CelDuration
  | CelType
  | CelOptional
  | CelObject;

/**
 * An error value. Errors flow through the interpreter as values (like cel-go's types.Err)
 * so that the logical operators can ignore an error when the other operand decides the result.
 */
export class CelError {
  constructor(
    readonly message: string,
    /** Offset in the expression of the node that produced the error, when known. */
    public offset?: number,
  ) {}
}

/** Thrown (not returned) by library code; converted to a CelError at the call boundary. */
export class CelEvalException extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CelEvalException';
  }
}

export type Result = Value | CelError;

/** The CEL type of a runtime value. */
export function typeOf(value: Value): CelType {
  switch (typeof value) {
    case 'boolean':
      return TYPE.bool;
    case 'bigint':
      return TYPE.int;
    case 'number':
      return TYPE.double;
    case 'string':
      return TYPE.string;
    case 'object':
      if (value === null) return TYPE.null;
      if (Array.isArray(value)) return TYPE.list;
      if (value instanceof CelMap) return TYPE.map;
      if (value instanceof Uint8Array) return TYPE.bytes;
      if (value instanceof CelUint) return TYPE.uint;
      if (value instanceof CelTimestamp) return TYPE.timestamp;
      if (value instanceof CelDuration) return TYPE.duration;
      if (value instanceof CelType) return TYPE.type;
      if (value instanceof CelOptional) return TYPE.optional;
      if (value instanceof CelObject) return value.celType;
      return TYPE.null;
    default:
      return TYPE.null;
  }
}

/** Short type name for error messages and overload dispatch. */
export function kindOf(value: Value): string {
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'double';
    case 'string':
      return 'string';
    default:
      return typeOf(value).name;
  }
}

// ---------------------------------------------------------------------------
// Equality and ordering
// ---------------------------------------------------------------------------

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

/**
 * Compares an int or uint with a double the way cel-go does: outside the integer range the
 * double decides by magnitude, inside it both are compared as doubles (so 2^63-1 and 2^63.0
 * are equal, a documented lossy corner of CEL). NaN means unordered.
 */
export function compareIntDouble(i: bigint, d: number): number {
  if (Number.isNaN(d)) return NaN;
  const unsigned = i > INT64_MAX;
  if (d < (unsigned ? 0 : -TWO_63)) return 1;
  if (d > (unsigned ? TWO_64 : TWO_63)) return -1;
  const x = Number(i);
  return x < d ? -1 : x > d ? 1 : 0;
}

function numericValue(value: Value): bigint | number | undefined {
  if (typeof value === 'bigint' || typeof value === 'number') return value;
  if (value instanceof CelUint) return value.value;
  return undefined;
}

/** Three-way comparison of two numbers of any CEL numeric type (NaN when unordered). */
export function compareNumbers(a: bigint | number, b: bigint | number): number {
  if (typeof a === 'bigint') {
    if (typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    return compareIntDouble(a, b);
  }
  if (typeof b === 'bigint') return -compareIntDouble(b, a);
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** CEL equality: heterogeneous numeric equality, structural for lists and maps, false across types. */
export function celEquals(a: Value, b: Value): boolean {
  if (a === b) return typeof a !== 'number' || !Number.isNaN(a);
  const na = numericValue(a);
  if (na !== undefined) {
    const nb = numericValue(b);
    return nb !== undefined && compareNumbers(na, nb) === 0;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!celEquals(a[i] as Value, b[i] as Value)) return false;
    return true;
  }
  if (a instanceof CelMap) {
    if (!(b instanceof CelMap) || a.size !== b.size) return false;
    for (const [key, value] of a.entries()) {
      const other = b.get(key);
      if (other === undefined || !celEquals(value, other)) return false;
    }
    return true;
  }
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEqual(a, b);
  if (a instanceof CelTimestamp) return b instanceof CelTimestamp && a.nanos === b.nanos;
  if (a instanceof CelDuration) return b instanceof CelDuration && a.nanos === b.nanos;
  if (a instanceof CelType) return b instanceof CelType && a.name === b.name;
  if (a instanceof CelOptional) {
    if (!(b instanceof CelOptional) || a.present !== b.present) return false;
    return !a.present || celEquals(a.inner, b.inner);
  }
  if (a instanceof CelObject) return a.equals(b);
  return false;
}

/** Compares strings by Unicode code point (JS compares UTF-16 units, which differs above U+FFFF). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above every BMP unit, so they order after U+E000-U+FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/**
 * Ordering for `<`, `<=`, `>`, `>=`, min/max and sorting: -1, 0, 1, NaN (unordered doubles),
 * or undefined when the two values are not comparable with each other.
 */
export function celCompare(a: Value, b: Value): number | undefined {
  const na = numericValue(a);
  if (na !== undefined) {
    const nb = numericValue(b);
    return nb === undefined ? undefined : compareNumbers(na, nb);
  }
  if (typeof a === 'string') return typeof b === 'string' ? compareStrings(a, b) : undefined;
  if (typeof a === 'boolean') return typeof b === 'boolean' ? (a === b ? 0 : a ? 1 : -1) : undefined;
  if (a instanceof Uint8Array) return b instanceof Uint8Array ? compareBytes(a, b) : undefined;
  if (a instanceof CelTimestamp) return b instanceof CelTimestamp ? (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0) : undefined;
  if (a instanceof CelDuration) return b instanceof CelDuration ? (a.nanos < b.nanos ? -1 : a.nanos > b.nanos ? 1 : 0) : undefined;
  return undefined;
}

// ---------------------------------------------------------------------------
// Conversion from and to plain JavaScript / JSON data
// ---------------------------------------------------------------------------

const converted = new WeakMap<object, Value>();

/**
 * Converts parsed JSON/YAML data into CEL values, the way Kubernetes converts unstructured
 * objects: JSON integers become `int`, other numbers `double`, objects `map<string, dyn>`.
 * Integer-valued numbers are ints because JSON.parse cannot tell `1` from `1.0`; Kubernetes
 * reads both as int64 too once YAML has gone through sigs.k8s.io/yaml.
 * Objects are converted once and cached by identity, so do not mutate them afterwards.
 */
export function toCelValue(data: unknown): Value {
  switch (typeof data) {
    case 'string':
    case 'boolean':
      return data;
    case 'bigint':
      if (data < INT64_MIN || data > INT64_MAX) throw new TypeError(`integer ${data} does not fit in a CEL int`);
      return data;
    case 'number':
      if (Number.isInteger(data) && data >= -TWO_63 && data < TWO_63) return BigInt(data);
      return data;
    case 'undefined':
      return null;
    case 'object': {
      if (data === null) return null;
      if (isCelRuntimeValue(data)) return data as Value;
      const cached = converted.get(data);
      if (cached !== undefined) return cached;
      let value: Value;
      if (Array.isArray(data)) {
        value = data.map((item: unknown) => toCelValue(item));
      } else if (data instanceof Date) {
        value = dateToRfc3339(data);
      } else if (data instanceof Map) {
        const map = new Map<MapKey, readonly [Value, Value]>();
        for (const [k, v] of data as Map<unknown, unknown>) {
          const key = toCelValue(k);
          const normalised = storageKey(key);
          if (normalised === undefined) throw new TypeError(`unsupported map key of type ${kindOf(key)}`);
          map.set(normalised, [key, toCelValue(v)]);
        }
        value = new CelMap(map);
      } else {
        const map = new Map<MapKey, readonly [Value, Value]>();
        for (const key of Object.keys(data)) {
          const v = (data as Record<string, unknown>)[key];
          if (v === undefined) continue; // JSON has no undefined: an absent field
          map.set(key, [key, toCelValue(v)]);
        }
        value = new CelMap(map);
      }
      converted.set(data, value);
      return value;
    }
    default:
      throw new TypeError(`cannot convert a ${typeof data} to a CEL value`);
  }
}

function isCelRuntimeValue(data: object): boolean {
  return (
    data instanceof CelMap ||
    data instanceof Uint8Array ||
    data instanceof CelUint ||
    data instanceof CelTimestamp ||
    data instanceof CelDuration ||
    data instanceof CelType ||
    data instanceof CelOptional ||
    data instanceof CelObject
  );
}

/** YAML loaders may produce Date objects; the API server sees RFC 3339 strings. */
function dateToRfc3339(date: Date): string {
  const iso = date.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

/**
 * Converts a CEL value back to plain JSON-compatible data: ints become numbers when they fit
 * exactly (otherwise decimal strings), bytes base64, timestamps RFC 3339 strings, durations
 * like "1.5s", library types their string form, optionals their value (or null).
 */
export function celToJson(value: Value): unknown {
  switch (typeof value) {
    case 'bigint':
      return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value.toString();
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'string':
    case 'boolean':
      return value;
    default:
      break;
  }
  if (value === null) return null;
  if (Array.isArray(value)) return value.map((item: Value) => celToJson(item));
  if (value instanceof CelMap) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries()) {
      const key = k instanceof CelUint ? k.value.toString() : String(k);
      Object.defineProperty(out, key, { value: celToJson(v), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  if (value instanceof CelUint) return value.value <= 2n ** 53n ? Number(value.value) : value.value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof CelOptional) return value.present ? celToJson(value.inner) : null;
  if (value instanceof CelType) return value.name;
  return displayValue(value as Value);
}

// ---------------------------------------------------------------------------
// Text forms
// ---------------------------------------------------------------------------

/**
 * Formats a double the way Go's strconv.FormatFloat(d, 'g', -1, 64) does, which is what
 * cel-go's string(double) returns: shortest digits, exponent form below 1e-4 and from 1e6.
 */
export function formatDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return '+Inf';
  if (d === -Infinity) return '-Inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  const exp = d.toExponential(); // shortest round-trip digits, e.g. "1.2345e+6"
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp);
  if (match === null) return String(d);
  const sign = match[1] ?? '';
  const digits = (match[2] ?? '') + (match[3] ?? '');
  const e = Number(match[4]);
  // Go's shortest %g switches to exponent form when the exponent is < -4 or >= 6.
  if (e < -4 || e >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expText = Math.abs(e) < 10 ? `0${Math.abs(e)}` : String(Math.abs(e));
    return `${sign}${mantissa}e${e < 0 ? '-' : '+'}${expText}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  if (digits.length <= e + 1) return `${sign}${digits}${'0'.repeat(e + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
}

const NANOS_PER_SECOND = 1_000_000_000n;

export function formatDuration(d: CelDuration): string {
  const negative = d.nanos < 0n;
  const abs = negative ? -d.nanos : d.nanos;
  const seconds = abs / NANOS_PER_SECOND;
  const nanos = abs % NANOS_PER_SECOND;
  let text = seconds.toString();
  if (nanos !== 0n) text += `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${negative ? '-' : ''}${text}s`;
}

export function formatTimestamp(t: CelTimestamp): string {
  let seconds = t.nanos / NANOS_PER_SECOND;
  let nanos = t.nanos % NANOS_PER_SECOND;
  if (nanos < 0n) {
    nanos += NANOS_PER_SECOND;
    seconds -= 1n;
  }
  const date = new Date(Number(seconds) * 1000);
  const year = date.getUTCFullYear();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  let text = `${pad(year, 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  if (nanos !== 0n) text += `.${nanos.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${text}Z`;
}

/** Human-readable text of a value, for messages and errors (`%s` formats with its own rules: `formatString` in lib/strings.ts). */
export function displayValue(value: Value): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'bigint':
    case 'boolean':
      return String(value);
    case 'number':
      return formatDouble(value);
    default:
      break;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item: Value) => displayValue(item)).join(', ')}]`;
  if (value instanceof CelMap) {
    const parts: string[] = [];
    for (const [k, v] of value.entries()) parts.push(`${displayValue(k)}: ${displayValue(v)}`);
    return `{${parts.join(', ')}}`;
  }
  if (value instanceof CelUint) return value.value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (value instanceof CelTimestamp) return formatTimestamp(value);
  if (value instanceof CelDuration) return formatDuration(value);
  if (value instanceof CelType) return value.name;
  if (value instanceof CelOptional) return value.present ? `optional.of(${displayValue(value.inner)})` : 'optional.none()';
  return (value as CelObject).toString();
}
