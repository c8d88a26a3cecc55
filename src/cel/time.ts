/** Timestamp and duration parsing, formatting and calendar fields with cel-go's semantics. */
import { daysInMonth, offsetOf, wallClockAsUtc, wallClockAt, type WallClock } from '../model/calendar.js';
import { CelDuration, CelEvalException, CelTimestamp } from './values.js';

const NANOS = 1_000_000_000n;

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp the way Go's time.Parse(time.RFC3339, s) does (any number of
 * fraction digits, 'Z' or a numeric offset), then applies CEL's year 1-9999 range.
 */
export function parseTimestamp(text: string): CelTimestamp {
  const m = RFC3339.exec(text);
  if (m === null) throw new CelEvalException(`timestamp parse error: '${text}' is not an RFC 3339 timestamp`);
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
    throw new CelEvalException(`timestamp parse error: '${text}' has a field out of range`);
  }
  let nanos = 0n;
  const fraction = m[7];
  if (fraction !== undefined) nanos = BigInt(fraction.slice(0, 9).padEnd(9, '0'));
  let offsetSeconds = 0n;
  const zone = m[8] as string;
  if (zone !== 'Z') {
    const oh = Number(zone.slice(1, 3));
    const om = Number(zone.slice(4, 6));
    if (oh > 23 || om > 59) throw new CelEvalException(`timestamp parse error: '${text}' has an invalid offset`);
    offsetSeconds = BigInt((oh * 60 + om) * 60) * (zone[0] === '-' ? -1n : 1n);
  }
  const total = (BigInt(wallClockAsUtc({ year, month, day, hour, minute, second }) / 1000) - offsetSeconds) * NANOS + nanos;
  if (!CelTimestamp.inRange(total)) throw new CelEvalException(`timestamp out of range: ${text}`);
  return new CelTimestamp(total);
}

export function timestampFromSeconds(seconds: bigint): CelTimestamp {
  const nanos = seconds * NANOS;
  if (!CelTimestamp.inRange(nanos)) throw new CelEvalException('timestamp out of range');
  return new CelTimestamp(nanos);
}

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n, // U+00B5 micro sign
  'μs': 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: NANOS,
  m: 60n * NANOS,
  h: 3600n * NANOS,
};

/** Parses a Go duration string ("1h30m", "-1.5s", "300ms"); the result must fit in int64 nanoseconds. */
export function parseDuration(text: string): CelDuration {
  let s = text;
  let negative = false;
  if (s.startsWith('-') || s.startsWith('+')) {
    negative = s.startsWith('-');
    s = s.slice(1);
  }
  if (s === '0') return new CelDuration(0n);
  if (s === '') throw new CelEvalException(`invalid duration '${text}'`);
  let total = 0n;
  const component = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s !== '') {
    const m = component.exec(s);
    if (m === null) throw new CelEvalException(`invalid duration '${text}'`);
    const whole = m[1] ?? '';
    const fraction = m[2] ?? '';
    if (whole === '' && fraction === '') throw new CelEvalException(`invalid duration '${text}'`);
    const unit = UNIT_NANOS[m[3] as string] as bigint;
    let value = BigInt(whole === '' ? '0' : whole) * unit;
    if (fraction !== '') value += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += value;
    if (total > 1n << 63n) throw new CelEvalException(`duration out of range: '${text}'`);
    s = s.slice(m[0].length);
  }
  if (negative) total = -total;
  if (!CelDuration.inRange(total)) throw new CelEvalException(`duration out of range: '${text}'`);
  return new CelDuration(total);
}

export function addDuration(t: CelTimestamp, d: CelDuration): CelTimestamp {
  const nanos = t.nanos + d.nanos;
  if (!CelTimestamp.inRange(nanos)) throw new CelEvalException('timestamp out of range');
  return new CelTimestamp(nanos);
}

export function checkedDuration(nanos: bigint): CelDuration {
  if (!CelDuration.inRange(nanos)) throw new CelEvalException('duration out of range');
  return new CelDuration(nanos);
}

export interface CalendarFields {
  year: number;
  /** 0-11 */
  month: number;
  /** 1-31 */
  day: number;
  /** 0 (Sunday) - 6 */
  weekday: number;
  /** 0-365 */
  dayOfYear: number;
  hours: number;
  minutes: number;
  seconds: number;
  milliseconds: number;
}

/** Offset in seconds east of UTC of a time zone at an instant; accepts IANA names and ±HH:MM. */
function zoneOffsetSeconds(zone: string, epochMs: number): number {
  const fixed = /^([+-])?(\d{2}):(\d{2})$/.exec(zone);
  if (fixed !== null) {
    const seconds = (Number(fixed[2]) * 60 + Number(fixed[3])) * 60;
    return fixed[1] === '-' ? -seconds : seconds;
  }
  if (zone === 'UTC' || zone === 'Z') return 0;
  let clock: WallClock;
  try {
    clock = wallClockAt(epochMs, zone);
  } catch {
    throw new CelEvalException(`unknown time zone '${zone}'`);
  }
  return Math.round(offsetOf(clock, epochMs) / 1000);
}

/** Calendar fields of a timestamp in UTC or the given time zone. */
export function calendarFields(t: CelTimestamp, zone?: string): CalendarFields {
  let seconds = t.nanos / NANOS;
  let nanos = t.nanos % NANOS;
  if (nanos < 0n) {
    nanos += NANOS;
    seconds -= 1n;
  }
  const epochMs = Number(seconds) * 1000;
  const offset = zone === undefined ? 0 : zoneOffsetSeconds(zone, epochMs);
  const local = new Date(epochMs + offset * 1000);
  const start = new Date(0);
  start.setUTCFullYear(local.getUTCFullYear(), 0, 1);
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    weekday: local.getUTCDay(),
    dayOfYear: Math.floor((local.getTime() - start.getTime()) / 86_400_000),
    hours: local.getUTCHours(),
    minutes: local.getUTCMinutes(),
    seconds: local.getUTCSeconds(),
    milliseconds: Number(nanos / 1_000_000n),
  };
}
