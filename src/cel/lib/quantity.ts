/**
 * Kubernetes quantity library (library/quantity.go) over an exact port of
 * k8s.io/apimachinery resource.Quantity parsing and arithmetic.
 *
 * A Quantity is stored like Kubernetes stores it: either a fast int64 amount (value × 10^scale)
 * or an arbitrary-precision decimal. The distinction is visible in CEL, because
 * `isInteger()`/`asInteger()` only succeed for int64 amounts with a non-negative scale, so
 * `quantity('1.0').isInteger()` is false and `quantity('1Ei').isInteger()` is false, as in
 * Kubernetes. Comparisons are exact (no floating point).
 */
import { fail } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { CelObject, CelType, INT64_MAX, INT64_MIN, type Value } from '../values.js';

const QUANTITY_TYPE = CelType.of('kubernetes.Quantity');

const FORMAT_WRONG = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const NUMERIC = 'unable to parse numeric part of quantity';
const SUFFIX = "unable to parse quantity's suffix";
/** Decimal exponents beyond this are rejected rather than expanded (Kubernetes has no such values in practice). */
const MAX_EXPONENT = 1000;

type Format = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

const fitsInt64 = (v: bigint) => v >= INT64_MIN && v <= INT64_MAX;
const pow10 = (n: number) => 10n ** BigInt(n);

export class Quantity extends CelObject {
  readonly celType = QUANTITY_TYPE;

  /**
   * value × 10^exponent. `inf` marks Kubernetes' arbitrary-precision (inf.Dec) form; otherwise
   * value fits in int64 (Kubernetes' int64Amount).
   */
  constructor(
    readonly value: bigint,
    readonly exponent: number,
    readonly inf: boolean,
  ) {
    super();
  }

  static parse(text: string): Quantity {
    return parseQuantity(text);
  }

  /** Exact three-way comparison. */
  compare(other: Quantity): number {
    const e = Math.min(this.exponent, other.exponent);
    const a = this.value * pow10(this.exponent - e);
    const b = other.value * pow10(other.exponent - e);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  sign(): number {
    return this.value > 0n ? 1 : this.value < 0n ? -1 : 0;
  }

  /** Kubernetes Quantity.AsInt64: only int64 amounts with a non-negative scale that fit. */
  asInt64(): bigint | undefined {
    if (this.inf) return undefined;
    if (this.exponent === 0) return this.value;
    if (this.exponent < 0) return undefined;
    return positiveScale(this.value, this.exponent);
  }

  /** Kubernetes AsApproximateFloat64: float(base) × 10^exponent. */
  approximateFloat(): number {
    const base = Number(this.value);
    if (this.exponent === 0) return base;
    return base * Number(`1e${this.exponent}`);
  }

  add(other: Quantity): Quantity {
    if (!this.inf && !other.inf) {
      const sum = addInt64(this, other);
      if (sum !== undefined) return sum;
    }
    return decimalSum(this, other, 1n);
  }

  subtract(other: Quantity): Quantity {
    if (!this.inf && !other.inf && other.value !== INT64_MIN) {
      const sum = addInt64(this, new Quantity(-other.value, other.exponent, false));
      if (sum !== undefined) return sum;
    }
    return decimalSum(this, other, -1n);
  }

  equals(other: Value): boolean {
    return other instanceof Quantity && this.compare(other) === 0;
  }

  toString(): string {
    if (this.value === 0n) return '0';
    const negative = this.value < 0n;
    const digits = (negative ? -this.value : this.value).toString();
    let text: string;
    if (this.exponent >= 0) text = digits + '0'.repeat(this.exponent);
    else {
      const padded = digits.padStart(-this.exponent + 1, '0');
      const point = padded.length + this.exponent;
      text = `${padded.slice(0, point)}.${padded.slice(point)}`.replace(/\.?0+$/, '');
    }
    return negative ? `-${text}` : text;
  }
}

/** value × 10^scale when it fits in int64 (resource's positiveScaleInt64). */
function positiveScale(value: bigint, scale: number): bigint | undefined {
  if (scale > 18) return value === 0n ? 0n : undefined;
  const result = value * pow10(scale);
  return fitsInt64(result) ? result : undefined;
}

/** int64Amount.Add: aligns to the smaller scale; undefined on overflow (the caller falls back to decimals). */
function addInt64(a: Quantity, b: Quantity): Quantity | undefined {
  if (b.value === 0n) return a;
  if (a.value === 0n) return b;
  if (a.exponent === b.exponent) {
    const c = a.value + b.value;
    return fitsInt64(c) ? new Quantity(c, a.exponent, false) : undefined;
  }
  if (a.exponent > b.exponent) {
    const scaled = positiveScale(a.value, a.exponent - b.exponent);
    if (scaled === undefined) return undefined;
    const c = scaled + b.value;
    return fitsInt64(c) ? new Quantity(c, b.exponent, false) : undefined;
  }
  const scaled = positiveScale(b.value, b.exponent - a.exponent);
  if (scaled === undefined) return undefined;
  const c = a.value + scaled;
  return fitsInt64(c) ? new Quantity(c, a.exponent, false) : undefined;
}

function decimalSum(a: Quantity, b: Quantity, sign: bigint): Quantity {
  const e = Math.min(a.exponent, b.exponent);
  const value = a.value * pow10(a.exponent - e) + sign * b.value * pow10(b.exponent - e);
  return new Quantity(value, e, true);
}

interface Scanned {
  positive: boolean;
  /** Numeric text before the suffix, sign included. */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

/** Port of resource.parseQuantityString, a hand-written scanner with its quirks ("." and "-" are 0). */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
  if (pos < end) {
    if (str[0] === '-') {
      positive = false;
      pos++;
    } else if (str[0] === '+') {
      pos++;
    }
  }
  // strip leading zeros
  for (;;) {
    if (pos >= end) return { positive, value: '0', num: '0', denom: '', suffix: '' };
    if (str[pos] === '0') pos++;
    else break;
  }
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i >= end) return { positive, value: str, num: str.slice(pos) || '0', denom: '', suffix: '' };
  let num = str.slice(pos, i) || '0';
  pos = i;
  let denom = '';
  if (str[pos] === '.') {
    pos++;
    i = pos;
    while (i < end && isDigit(str[i])) i++;
    denom = str.slice(pos, i);
    if (i >= end) return { positive, value: str, num, denom, suffix: '' };
    pos = i;
  }
  if (num === '') num = '0';
  const value = str.slice(0, pos);
  const suffixStart = pos;
  i = pos;
  while (i < end && 'eEinumkKMGTP'.includes(str[i] as string)) i++;
  if (i >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = i;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  i = pos;
  while (i < end && isDigit(str[i])) i++;
  if (i < end) fail(FORMAT_WRONG);
  return { positive, value, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 10 | 2; exponent: number; format: Format } {
  const decimal = DECIMAL_SUFFIXES[suffix];
  if (decimal !== undefined && Object.prototype.hasOwnProperty.call(DECIMAL_SUFFIXES, suffix)) return { base: 10, exponent: decimal, format: 'DecimalSI' };
  const binary = BINARY_SUFFIXES[suffix];
  if (binary !== undefined && Object.prototype.hasOwnProperty.call(BINARY_SUFFIXES, suffix)) return { base: 2, exponent: binary, format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    if (Math.abs(exponent) > MAX_EXPONENT) fail(`quantity exponent ${suffix.slice(1)} is outside the supported range ±${MAX_EXPONENT}`);
    return { base: 10, exponent, format: 'DecimalExponent' };
  }
  return fail(SUFFIX);
}

/** Port of resource.ParseQuantity. */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) fail(FORMAT_WRONG);
  if (str === '0') return new Quantity(0n, 0, false);
  const { positive, value, num, denom, suffix } = scan(str);
  const { base, exponent, format } = interpretSuffix(suffix);

  let precision = 0;
  let scale = 0;
  let mantissa = 1n;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom.length === 0) {
      mantissa = 1n << BigInt(exponent);
      // 1Mi (2^20) has ~6 digits of decimal precision, so exponent*3/10 - 1 is roughly the precision.
      precision = 15 - num.length - Math.trunc((exponent * 3) / 10) - 1;
    } else {
      precision = -1;
    }
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }

  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = BigInt(num + denom);
      const result = shifted * mantissa;
      if (fitsInt64(result)) return new Quantity(positive ? result : -result, scale, false);
    }
  }

  // Slow path: arbitrary-precision decimal.
  const numeric = /^[+-]?(\d*)(?:\.(\d*))?$/.exec(value);
  if (numeric === null) fail(NUMERIC);
  const intDigits = numeric[1] ?? '';
  const fracDigits = numeric[2] ?? '';
  if (intDigits === '' && fracDigits === '') fail(NUMERIC);
  let unscaled = BigInt(`${intDigits}${fracDigits}` || '0');
  let exp = -fracDigits.length;
  if (base === 10) exp += exponent;
  else unscaled *= 1n << BigInt(exponent);
  // Non-zero values round up (away from zero) to the nearest nano.
  if (unscaled !== 0n && exp < -9) {
    const divisor = pow10(-9 - exp);
    const q = unscaled / divisor;
    unscaled = unscaled % divisor === 0n ? q : q + 1n;
    exp = -9;
  }
  // BinarySI values are capped at 2^63-1.
  if (format === 'BinarySI') {
    const max = new Quantity(INT64_MAX, 0, true);
    if (new Quantity(unscaled, exp, true).compare(max) > 0) {
      unscaled = INT64_MAX;
      exp = 0;
    }
  }
  return new Quantity(positive ? unscaled : -unscaled, exp, true);
}

function q(v: Value): Quantity {
  return v as Quantity;
}

function isQuantity(text: string): boolean {
  try {
    parseQuantity(text);
    return true;
  } catch {
    return false;
  }
}

export function quantityLibrary(): FunctionSet {
  const Q = QUANTITY_TYPE.name;
  const sign = (v: Value) => BigInt(q(v).sign());
  return new FunctionSet()
    .fn('quantity', ['string'], Q, (s) => parseQuantity(s as string))
    .fn('isQuantity', ['string'], 'bool', (s) => isQuantity(s as string))
    .fn('sign', [Q], 'int', sign)
    .method('sign', Q, [], 'int', sign)
    .method('isGreaterThan', Q, [Q], 'bool', (a, b) => q(a).compare(q(b)) > 0)
    .method('isLessThan', Q, [Q], 'bool', (a, b) => q(a).compare(q(b)) < 0)
    .method('compareTo', Q, [Q], 'int', (a, b) => BigInt(q(a).compare(q(b))))
    .method('asApproximateFloat', Q, [], 'double', (a) => q(a).approximateFloat())
    .method('asInteger', Q, [], 'int', (a) => q(a).asInt64() ?? fail('cannot convert value to integer'))
    .method('isInteger', Q, [], 'bool', (a) => q(a).asInt64() !== undefined)
    .method('add', Q, [Q], Q, (a, b) => q(a).add(q(b)))
    .method('add', Q, ['int'], Q, (a, b) => q(a).add(new Quantity(b as bigint, 0, false)))
    .method('sub', Q, [Q], Q, (a, b) => q(a).subtract(q(b)))
    .method('sub', Q, ['int'], Q, (a, b) => q(a).subtract(new Quantity(b as bigint, 0, false)));
}
