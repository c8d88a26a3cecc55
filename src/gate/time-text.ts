/**
 * The written forms of times in gate rules and requests: `HH:MM` times of day, window edges
 * (`2026-12-20T00:00`, optionally with an offset), and RFC 3339 instants. Parsers return
 * undefined for anything malformed or out of range; callers word the complaint.
 */
import { daysInMonth, wallClockAsUtc, type WallClock } from '../model/calendar.js';

/** Minutes after midnight of an `HH:MM` time of day, 0–1439; `24:00` (1440) only where `allowEndOfDay`. */
export function parseTimeOfDay(text: string, allowEndOfDay = false): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (allowEndOfDay && hour === 24 && minute === 0) return 1440;
  if (hour > 23 || minute > 59) return undefined;
  return hour * 60 + minute;
}

function validClock(clock: WallClock): boolean {
  return (
    clock.month >= 1 && clock.month <= 12 && clock.day >= 1 && clock.day <= daysInMonth(clock.year, clock.month) && clock.hour <= 23 && clock.minute <= 59 && clock.second <= 59
  );
}

/** Minutes east of UTC of `Z` or `±HH:MM`; undefined when out of range. */
function parseOffset(text: string): number | undefined {
  if (text === 'Z' || text === 'z') return 0;
  const match = /^([+-])(\d{2}):(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** A one-off window edge: a wall-clock time, and the offset when one is written (then the zone does not matter). */
export interface WindowDateTime {
  clock: WallClock;
  offsetMinutes?: number;
}

/** `YYYY-MM-DDTHH:MM`, optionally `:SS`, optionally `Z` or `±HH:MM`. */
export function parseWindowDateTime(text: string): WindowDateTime | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(text);
  if (match === null) return undefined;
  const clock: WallClock = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? 0) };
  if (!validClock(clock)) return undefined;
  if (match[7] === undefined) return { clock };
  const offsetMinutes = parseOffset(match[7]);
  return offsetMinutes === undefined ? undefined : { clock, offsetMinutes };
}

/**
 * An RFC 3339 date-time, which always carries its offset (`2026-03-28T10:00:00Z`,
 * `2026-03-28T11:00:00.5+01:00`). `Date.parse` alone would roll 30 February over into March
 * and read a time without an offset as local to the machine, so the fields are checked here.
 */
export function parseInstant(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (match === null) return undefined;
  const clock: WallClock = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]), hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6]) };
  const offsetMinutes = parseOffset(match[8] as string);
  if (!validClock(clock) || offsetMinutes === undefined) return undefined;
  const milliseconds = match[7] === undefined ? 0 : Math.floor(Number(`0${match[7]}`) * 1000);
  return new Date(wallClockAsUtc(clock) + milliseconds - offsetMinutes * 60_000);
}
