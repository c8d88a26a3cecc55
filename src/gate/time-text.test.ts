import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInstant, parseTimeOfDay, parseWindowDateTime } from './time-text.js';

describe('parseTimeOfDay', () => {
  const cases: Array<{ text: string; endOfDay?: boolean; minutes: number | undefined }> = [
    { text: '00:00', minutes: 0 },
    { text: '22:00', minutes: 1320 },
    { text: '23:59', minutes: 1439 },
    { text: '07:05', minutes: 425 },
    { text: '24:00', minutes: undefined },
    { text: '24:00', endOfDay: true, minutes: 1440 },
    { text: '24:01', endOfDay: true, minutes: undefined },
    { text: '25:00', minutes: undefined },
    { text: '12:60', minutes: undefined },
    { text: '7:00', minutes: undefined },
    { text: '07:00:00', minutes: undefined },
    { text: '', minutes: undefined },
  ];
  for (const { text, endOfDay, minutes } of cases) {
    it(`"${text}"${endOfDay ? ' as an end' : ''} is ${minutes ?? 'not a time of day'}`, () => assert.equal(parseTimeOfDay(text, endOfDay), minutes));
  }
});

describe('parseWindowDateTime', () => {
  const wall = { year: 2026, month: 12, day: 20, hour: 0, minute: 0, second: 0 };
  const cases: Array<{ text: string; parsed: ReturnType<typeof parseWindowDateTime> }> = [
    { text: '2026-12-20T00:00', parsed: { clock: wall } },
    { text: '2026-12-20T00:00:45', parsed: { clock: { ...wall, second: 45 } } },
    { text: '2026-12-20T00:00Z', parsed: { clock: wall, offsetMinutes: 0 } },
    { text: '2026-12-20T00:00+01:00', parsed: { clock: wall, offsetMinutes: 60 } },
    { text: '2026-12-20T00:00:00-05:30', parsed: { clock: wall, offsetMinutes: -330 } },
    { text: '2026-12-20', parsed: undefined },
    { text: '2026-12-20 00:00', parsed: undefined },
    { text: '2026-02-29T00:00', parsed: undefined },
    { text: '2028-02-29T00:00', parsed: { clock: { ...wall, year: 2028, month: 2, day: 29 } } },
    { text: '2026-13-01T00:00', parsed: undefined },
    { text: '2026-12-20T24:00', parsed: undefined },
    { text: '2026-12-20T00:00+25:00', parsed: undefined },
    { text: '2026-12-20T00:00Europe/Berlin', parsed: undefined },
  ];
  for (const { text, parsed } of cases) it(`"${text}"`, () => assert.deepEqual(parseWindowDateTime(text), parsed));
});

describe('parseInstant (RFC 3339)', () => {
  const cases: Array<{ text: string; iso: string | undefined }> = [
    { text: '2026-03-28T10:00:00Z', iso: '2026-03-28T10:00:00.000Z' },
    { text: '2026-03-28t10:00:00z', iso: '2026-03-28T10:00:00.000Z' },
    { text: '2026-03-28 10:00:00Z', iso: '2026-03-28T10:00:00.000Z' },
    { text: '2026-03-28T11:00:00+01:00', iso: '2026-03-28T10:00:00.000Z' },
    { text: '2026-03-28T05:00:00.25-05:00', iso: '2026-03-28T10:00:00.250Z' },
    { text: '2026-03-28T10:00:00', iso: undefined },
    { text: '2026-03-28T10:00Z', iso: undefined },
    { text: '2026-02-30T10:00:00Z', iso: undefined },
    { text: '2026-03-28', iso: undefined },
    { text: 'now', iso: undefined },
    { text: '1774692000', iso: undefined },
  ];
  for (const { text, iso } of cases) it(`"${text}"`, () => assert.equal(parseInstant(text)?.toISOString(), iso));
});
