/**
 * Time-zone arithmetic of deployment gates on IANA zone names: the wall-clock time of an instant
 * in a zone with its weekday and offset, and the instant of a wall-clock time.
 */
import { isTimeZone, offsetOf, wallClockAsUtc, wallClockAt, type WallClock } from '../model/calendar.js';

export { isTimeZone };

/** Days of the week as written in `bulwark.yaml`, in `Date#getUTCDay` order. */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
/** The same, from Monday: the order days are listed in to people. */
export const WEEK_FROM_MONDAY: readonly Weekday[] = [...WEEKDAYS.slice(1), WEEKDAYS[0]];

/** What a clock on the wall in a zone shows at an instant, and the zone's offset then. */
export interface ZonedTime extends WallClock {
  weekday: Weekday;
  /** Minutes east of UTC in force at the instant (Berlin in summer: 120). */
  offsetMinutes: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The wall-clock time in `zone` at `instant` (milliseconds since the epoch). Throws a RangeError for an unknown zone. */
export function zonedTime(instant: number, zone: string): ZonedTime {
  const clock = wallClockAt(instant, zone);
  const weekday = WEEKDAYS[new Date(wallClockAsUtc(clock)).getUTCDay()] as Weekday;
  return { ...clock, weekday, offsetMinutes: offsetAt(instant, zone, clock) };
}

/** Minutes east of UTC in `zone` at `instant`, from what its clock showed then (read when not given). */
function offsetAt(instant: number, zone: string, clock: WallClock = wallClockAt(instant, zone)): number {
  return Math.round(offsetOf(clock, instant) / MINUTE);
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
