/**
 * Calendar and time-zone arithmetic shared by CEL timestamps and deployment gates: proleptic
 * Gregorian dates of any year 0–9999, and the wall-clock time of an instant in an IANA zone,
 * read with `Intl.DateTimeFormat` (Node ships full ICU).
 */

/** A wall-clock date and time, without a zone. `month` is 1–12; `year` counts 1 BC as 0. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days of a month (1–12) of a year; 0 for no such month. */
export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeap(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}

/**
 * Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. Unlike
 * `Date.UTC`, years 0–99 are those years, not 1900–1999.
 */
export function wallClockAsUtc(clock: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(clock.year, clock.month - 1, clock.day);
  date.setUTCHours(clock.hour, clock.minute, clock.second, 0);
  return date.getTime();
}

/**
 * How far ahead of UTC a zone's clock was at an instant, in milliseconds, given what the clock
 * showed then (`wallClockAt(instant, zone)`): whole seconds, as clocks show them.
 */
export function offsetOf(clock: WallClock, instant: number): number {
  return wallClockAsUtc(clock) - Math.floor(instant / 1000) * 1000;
}

// One formatter per zone: building one costs far more than using it.
const formats = new Map<string, Intl.DateTimeFormat>();

/** The formatter of a zone; throws a RangeError for a zone the runtime does not know. */
function formatFor(zone: string): Intl.DateTimeFormat {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formats.set(zone, format);
  }
  return format;
}

/** Whether the runtime knows the zone: an IANA name such as `Europe/Berlin`, or `UTC`. */
export function isTimeZone(zone: string): boolean {
  if (zone.trim() === '') return false;
  try {
    formatFor(zone);
    return true;
  } catch {
    return false;
  }
}

/** What a clock in `zone` shows at `instant` (milliseconds since the epoch). Throws a RangeError for an unknown zone. */
export function wallClockAt(instant: number, zone: string): WallClock {
  const parts = formatFor(zone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const year = field('year');
  return {
    // Formatted years count from 1 in each era: 1 BC is the year 0.
    year: parts.find((part) => part.type === 'era')?.value === 'BC' ? 1 - year : year,
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}
