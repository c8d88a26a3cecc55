/**
 * Time-zone arithmetic on IANA zone names, done with `Intl.DateTimeFormat` (Node ships full ICU):
 * the wall-clock time of an instant in a zone, and the instant of a wall-clock time.
 */

/** Days of the week as written in `bulwark.yaml`, in `Date#getUTCDay` order. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A wall-clock date and time, without a zone. `month` is 1–12. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a clock on the wall in a zone shows at an instant, and the zone's offset then. */
export interface ZonedTime extends WallClock {
  weekday: Weekday;
  /** Minutes east of UTC in force at the instant (Berlin in summer: 120). */
  offsetMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

// One formatter per zone: building one costs far more than using it.
const formats = new Map<string, Intl.DateTimeFormat>();

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

/** Milliseconds since the epoch of a wall-clock reading taken as if it were UTC. */
export function wallClockAsUtc(clock: WallClock): number {
  return Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second);
}

/** The wall-clock time in `zone` at `instant` (milliseconds since the epoch). Throws a RangeError for an unknown zone. */
export function zonedTime(instant: number, zone: string): ZonedTime {
  const parts = formatFor(zone).formatToParts(new Date(instant));
  const field = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value ?? Number.NaN);
  const clock: WallClock = { year: field('year'), month: field('month'), day: field('day'), hour: field('hour'), minute: field('minute'), second: field('second') };
  const wholeSecond = Math.floor(instant / 1000) * 1000;
  const offsetMinutes = Math.round((wallClockAsUtc(clock) - wholeSecond) / MINUTE);
  const weekday = WEEKDAYS[new Date(Date.UTC(clock.year, clock.month - 1, clock.day)).getUTCDay()] as Weekday;
  return { ...clock, weekday, offsetMinutes };
}

function offsetAt(instant: number, zone: string): number {
  return zonedTime(instant, zone).offsetMinutes;
}

/**
 * The instant at which clocks in `zone` show `clock`. Around a daylight-saving change a wall-clock
 * time can occur twice or not at all; this resolves both the way RFC 5545 and Temporal's
 * `compatible` mode do, so that a window edge written in local time behaves as people expect:
 * a repeated time means its first occurrence, and a skipped time is moved forward by the length
 * of the gap (02:30 on the night clocks jump from 02:00 to 03:00 is 03:30).
 */
export function instantOf(clock: WallClock, zone: string): number {
  const wall = wallClockAsUtc(clock);
  // Zone rules change at most once in two days: the offsets a day either side are the candidates.
  const before = offsetAt(wall - DAY, zone);
  const after = offsetAt(wall + DAY, zone);
  const candidates = [...new Set([before, after])].map((offset) => wall - offset * MINUTE).filter((instant) => offsetAt(instant, zone) * MINUTE === wall - instant);
  if (candidates.length > 0) return Math.min(...candidates);
  return wall - before * MINUTE;
}

const two = (value: number) => String(value).padStart(2, '0');

/** `+02:00`, `-05:00`, `Z` for zero. */
export function formatOffset(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${two(Math.floor(absolute / 60))}:${two(absolute % 60)}`;
}

/** RFC 3339 local time with the zone's offset at that instant: `2026-03-29T03:30:00+02:00`. */
export function formatZoned(time: ZonedTime): string {
  return `${String(time.year).padStart(4, '0')}-${two(time.month)}-${two(time.day)}T${two(time.hour)}:${two(time.minute)}:${two(time.second)}${formatOffset(time.offsetMinutes)}`;
}
