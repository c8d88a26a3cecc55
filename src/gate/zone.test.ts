import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WallClock } from '../model/calendar.js';
import { formatOffset, formatZoned, instantOf, isTimeZone, zonedTime } from './zone.js';

const clock = (text: string): WallClock => {
  const [date, time] = text.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  return { year, month, day, hour, minute, second };
};

describe('zonedTime: the clock on the wall at an instant', () => {
  // Europe/Berlin: CET (+01:00) to CEST (+02:00) at 2026-03-29T01:00Z, back at 2026-10-25T01:00Z.
  // America/New_York: EST to EDT at 2026-03-08T07:00Z, back at 2026-11-01T06:00Z.
  const cases: Array<{ instant: string; zone: string; local: string; weekday: string }> = [
    { instant: '2026-03-29T00:59:59Z', zone: 'Europe/Berlin', local: '2026-03-29T01:59:59+01:00', weekday: 'sun' },
    { instant: '2026-03-29T01:00:00Z', zone: 'Europe/Berlin', local: '2026-03-29T03:00:00+02:00', weekday: 'sun' },
    { instant: '2026-10-25T00:30:00Z', zone: 'Europe/Berlin', local: '2026-10-25T02:30:00+02:00', weekday: 'sun' },
    { instant: '2026-10-25T01:30:00Z', zone: 'Europe/Berlin', local: '2026-10-25T02:30:00+01:00', weekday: 'sun' },
    { instant: '2026-03-27T23:30:00Z', zone: 'Europe/Berlin', local: '2026-03-28T00:30:00+01:00', weekday: 'sat' },
    { instant: '2026-03-08T06:59:00Z', zone: 'America/New_York', local: '2026-03-08T01:59:00-05:00', weekday: 'sun' },
    { instant: '2026-03-08T07:00:00Z', zone: 'America/New_York', local: '2026-03-08T03:00:00-04:00', weekday: 'sun' },
    { instant: '2026-11-01T05:30:00Z', zone: 'America/New_York', local: '2026-11-01T01:30:00-04:00', weekday: 'sun' },
    { instant: '2026-11-01T06:30:00Z', zone: 'America/New_York', local: '2026-11-01T01:30:00-05:00', weekday: 'sun' },
    { instant: '2026-03-28T03:30:00Z', zone: 'America/New_York', local: '2026-03-27T23:30:00-04:00', weekday: 'fri' },
    { instant: '2025-12-31T18:30:00Z', zone: 'Asia/Kolkata', local: '2026-01-01T00:00:00+05:30', weekday: 'thu' },
    { instant: '2026-06-01T12:00:00Z', zone: 'UTC', local: '2026-06-01T12:00:00Z', weekday: 'mon' },
    // Years 0–99 are those years (Date.UTC would read 1950).
    { instant: '0050-06-01T12:00:00Z', zone: 'UTC', local: '0050-06-01T12:00:00Z', weekday: 'wed' },
  ];
  for (const { instant, zone, local, weekday } of cases) {
    it(`${instant} in ${zone} is ${local} (${weekday})`, () => {
      const time = zonedTime(Date.parse(instant), zone);
      assert.equal(formatZoned(time), local);
      assert.equal(time.weekday, weekday);
    });
  }
});

describe('instantOf: the instant of a wall-clock time', () => {
  const cases: Array<{ name: string; local: string; zone: string; instant: string }> = [
    { name: 'winter time in Berlin', local: '2026-01-15T09:00', zone: 'Europe/Berlin', instant: '2026-01-15T08:00:00.000Z' },
    { name: 'summer time in Berlin', local: '2026-07-15T09:00', zone: 'Europe/Berlin', instant: '2026-07-15T07:00:00.000Z' },
    { name: 'the last minute before the spring gap', local: '2026-03-29T01:59', zone: 'Europe/Berlin', instant: '2026-03-29T00:59:00.000Z' },
    { name: 'a time skipped in spring moves forward by the gap (02:30 is 03:30 CEST)', local: '2026-03-29T02:30', zone: 'Europe/Berlin', instant: '2026-03-29T01:30:00.000Z' },
    { name: 'the first time after the spring gap', local: '2026-03-29T03:00', zone: 'Europe/Berlin', instant: '2026-03-29T01:00:00.000Z' },
    { name: 'a time repeated in autumn is its first occurrence (CEST)', local: '2026-10-25T02:30', zone: 'Europe/Berlin', instant: '2026-10-25T00:30:00.000Z' },
    { name: 'the first time after the autumn repeat', local: '2026-10-25T03:00', zone: 'Europe/Berlin', instant: '2026-10-25T02:00:00.000Z' },
    { name: 'a time skipped in New York', local: '2026-03-08T02:30', zone: 'America/New_York', instant: '2026-03-08T07:30:00.000Z' },
    { name: 'a time repeated in New York', local: '2026-11-01T01:30', zone: 'America/New_York', instant: '2026-11-01T05:30:00.000Z' },
    { name: 'a half-hour zone', local: '2026-01-01T00:00', zone: 'Asia/Kolkata', instant: '2025-12-31T18:30:00.000Z' },
    { name: 'seconds count', local: '2026-01-01T00:00:30', zone: 'UTC', instant: '2026-01-01T00:00:30.000Z' },
  ];
  for (const { name, local, zone, instant } of cases) {
    it(name, () => assert.equal(new Date(instantOf(clock(local), zone)).toISOString(), instant));
  }

  it('gives back every instant of 2026 in Berlin and New York from its wall-clock time, but the second pass of a repeated hour', () => {
    for (const zone of ['Europe/Berlin', 'America/New_York']) {
      let repeated = 0;
      for (let instant = Date.parse('2026-01-01T00:00:00Z'); instant < Date.parse('2027-01-01T00:00:00Z'); instant += 3_600_000) {
        const back = instantOf(zonedTime(instant, zone), zone);
        if (back !== instant) {
          // The wall-clock time was also shown an hour earlier, and the earlier instant wins.
          assert.equal(back, instant - 3_600_000, `${zone} ${new Date(instant).toISOString()}`);
          repeated++;
        }
      }
      assert.equal(repeated, 1, `${zone}: one repeated hour`);
    }
  });
});

describe('zone names and offsets', () => {
  it('knows IANA names and UTC, in any case', () => {
    assert.deepEqual(
      ['Europe/Berlin', 'america/new_york', 'UTC', 'Etc/GMT-1', 'Mars/Olympus', '', ' ', '+01:00'].map(isTimeZone),
      [true, true, true, true, false, false, false, false],
    );
  });
  it('formats offsets as RFC 3339 does', () => {
    assert.deepEqual([0, 60, 120, -300, 330, -570].map(formatOffset), ['Z', '+01:00', '+02:00', '-05:00', '+05:30', '-09:30']);
  });
});
