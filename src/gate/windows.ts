import { parseTimeOfDay, parseWindowDateTime, type WindowDateTime } from './time-text.js';
import type { GateConfig, GateWindow } from './types.js';
import { wallClockAsUtc } from '../model/calendar.js';
import { instantOf, WEEKDAYS, zonedTime } from './zone.js';

/** The zone a window's local times are read in: its own, that of the gate object it was written in, the environment's, else UTC. */
export function windowTimeZone(window: GateWindow, gate: GateConfig): string {
  return window.timeZone ?? window.defaultTimeZone ?? gate.timeZone ?? 'UTC';
}

/** The instant of a one-off window edge: its own offset when it has one, else its wall-clock time in `zone`. */
export function edgeInstant(edge: WindowDateTime, zone: string): number {
  return edge.offsetMinutes === undefined ? instantOf(edge.clock, zone) : wallClockAsUtc(edge.clock) - edge.offsetMinutes * 60_000;
}

/**
 * Whether `instant` falls inside the window, read in `zone`. The window must be valid
 * (`gateProblems` finds none). Recurring windows follow the wall clock: `22:00`–`02:00` on
 * `mon` is Monday 22:00 to Tuesday 02:00 local time whatever the offset, so a window edge
 * moves with daylight saving, and a time skipped by the clock change never occurs.
 */
export function windowContains(window: GateWindow, instant: number, zone: string): boolean {
  if (window.days === undefined) {
    const from = parseWindowDateTime(window.from ?? '');
    const to = parseWindowDateTime(window.to ?? '');
    if (from === undefined || to === undefined) return false;
    return edgeInstant(from, zone) <= instant && instant < edgeInstant(to, zone);
  }
  const local = zonedTime(instant, zone);
  const minute = local.hour * 60 + local.minute;
  const start = window.start === undefined ? 0 : (parseTimeOfDay(window.start) ?? 0);
  const end = window.end === undefined ? 1440 : (parseTimeOfDay(window.end, true) ?? 1440);
  const today = window.days.includes(local.weekday);
  if (end > start) return today && start <= minute && minute < end;
  // Passes midnight: the evening of a listed day, or the early hours of the day after one.
  const yesterday = window.days.includes(WEEKDAYS[(WEEKDAYS.indexOf(local.weekday) + 6) % 7] as string);
  return (today && minute >= start) || (yesterday && minute < end);
}

/** The window in a few words, for messages: `sat, sun in Europe/Berlin`, `mon, tue 22:00-02:00 in UTC`. */
export function describeWindow(window: GateWindow, zone: string): string {
  if (window.days === undefined) {
    const hasOffset = (text: string | undefined) => text !== undefined && parseWindowDateTime(text)?.offsetMinutes !== undefined;
    return `${window.from ?? '?'} to ${window.to ?? '?'}${hasOffset(window.from) && hasOffset(window.to) ? '' : ` in ${zone}`}`;
  }
  const hours = window.start === undefined && window.end === undefined ? '' : ` ${window.start ?? '00:00'}-${window.end ?? '24:00'}`;
  return `${window.days.join(', ')}${hours} in ${zone}`;
}
