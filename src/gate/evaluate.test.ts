import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../errors/index.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { formatPath } from '../yaml/path.js';
import { normaliseGate, resolveGate } from './config.js';
import { evaluateGate } from './evaluate.js';
import { GUIDE_EXAMPLE } from './examples.cases.js';
import type { GateConfig, GateRequest } from './types.js';

function gateOf(text: string): GateConfig {
  const { documents, diagnostics } = parseSource('bulwark.yaml', text, DEFAULT_LIMITS);
  assert.deepEqual(diagnostics, []);
  return normaliseGate((documents[0]?.value as Record<string, unknown>).gate) as GateConfig;
}

/** Each reason as [rule, allowed, window, path]: the messages have their own tests. */
function verdicts(gate: GateConfig | undefined, request: Partial<Omit<GateRequest, 'time'>> & { time: string }): { allowed: boolean; reasons: Array<[string, boolean, string, string]> } {
  const decision = evaluateGate(gate, { environment: 'prod', approved: true, branch: 'main', ...request, time: new Date(request.time) });
  return { allowed: decision.allowed, reasons: decision.reasons.map((reason) => [reason.rule, reason.allowed, reason.window ?? '', formatPath(reason.path)]) };
}

const FULL = gateOf(GUIDE_EXAMPLE);

describe('evaluateGate: branches, approval, blackouts and maintenance together', () => {
  type Case = { name: string; request: Partial<Omit<GateRequest, 'time'>> & { time: string }; allowed: boolean; reasons: Array<[string, boolean, string, string]> };
  const allowedBranch: [string, boolean, string, string] = ['branch', true, '', 'gate.branches[0]'];
  const approved: [string, boolean, string, string] = ['approval', true, '', 'gate.requireApproval'];
  const noBlackout: [string, boolean, string, string] = ['blackout', true, '', 'gate.blackouts'];
  const inWeeknights: [string, boolean, string, string] = ['maintenance', true, 'weeknights', 'gate.maintenance[0]'];
  const outsideMaintenance: [string, boolean, string, string] = ['maintenance', false, '', 'gate.maintenance'];
  const cases: Case[] = [
    { name: 'Monday 22:30 in Berlin (summer time) from main, approved', request: { time: '2026-03-30T20:30:00Z' }, allowed: true, reasons: [allowedBranch, approved, noBlackout, inWeeknights] },
    { name: 'Thursday night runs into Friday: 01:30 Friday in Berlin', request: { time: '2026-03-27T00:30:00Z' }, allowed: true, reasons: [allowedBranch, approved, noBlackout, inWeeknights] },
    { name: 'the end is exclusive: 02:00 Friday in Berlin', request: { time: '2026-03-27T01:00:00Z' }, allowed: false, reasons: [allowedBranch, approved, noBlackout, outsideMaintenance] },
    { name: 'Friday night is not a weeknight', request: { time: '2026-03-27T21:30:00Z' }, allowed: false, reasons: [allowedBranch, approved, noBlackout, outsideMaintenance] },
    {
      name: 'Friday 23:30 UTC is already Saturday in Berlin: the weekend blackout',
      request: { time: '2026-03-27T23:30:00Z' },
      allowed: false,
      reasons: [allowedBranch, approved, ['blackout', false, 'weekend', 'gate.blackouts[0]'], outsideMaintenance],
    },
    {
      name: 'Sunday 22:30 UTC is Monday 00:30 in Berlin: no blackout, and Sunday night is not a weeknight',
      request: { time: '2026-03-29T22:30:00Z' },
      allowed: false,
      reasons: [allowedBranch, approved, noBlackout, outsideMaintenance],
    },
    {
      name: 'a feature branch, unapproved, in the year-end freeze: every reason is listed',
      request: { time: '2026-12-22T22:30:00Z', branch: 'feature/login', approved: false },
      allowed: false,
      reasons: [['branch', false, '', 'gate.branches'], ['approval', false, '', 'gate.requireApproval'], ['blackout', false, 'year-end freeze', 'gate.blackouts[1]'], inWeeknights],
    },
    { name: 'release/* matches one path segment', request: { time: '2026-03-30T20:30:00Z', branch: 'release/1.4' }, allowed: true, reasons: [['branch', true, '', 'gate.branches[1]'], approved, noBlackout, inWeeknights] },
    { name: 'release/* does not match release/1/hotfix', request: { time: '2026-03-30T20:30:00Z', branch: 'release/1/hotfix' }, allowed: false, reasons: [['branch', false, '', 'gate.branches'], approved, noBlackout, inWeeknights] },
    { name: 'refs/heads/main is main', request: { time: '2026-03-30T20:30:00Z', branch: 'refs/heads/main' }, allowed: true, reasons: [allowedBranch, approved, noBlackout, inWeeknights] },
    { name: 'a request without a branch is denied when branches are listed', request: { time: '2026-03-30T20:30:00Z', branch: undefined }, allowed: false, reasons: [['branch', false, '', 'gate.branches'], approved, noBlackout, inWeeknights] },
    { name: 'a weekend inside the freeze: both blackouts', request: { time: '2026-12-26T12:00:00Z' }, allowed: false, reasons: [allowedBranch, approved, ['blackout', false, 'weekend', 'gate.blackouts[0]'], ['blackout', false, 'year-end freeze', 'gate.blackouts[1]'], outsideMaintenance] },
  ];
  for (const { name, request, allowed, reasons } of cases) it(name, () => assert.deepEqual(verdicts(FULL, request), { allowed, reasons }));
});

describe('evaluateGate: recurring windows follow the wall clock across daylight saving', () => {
  const inside = (gate: GateConfig, time: string) => verdicts(gate, { time }).allowed === false;
  const blackout = (window: string, timeZone = 'Europe/Berlin') => gateOf(`gate:\n  timeZone: ${timeZone}\n  blackouts:\n    - name: w\n${window}`);
  const cases: Array<{ name: string; gate: GateConfig; times: Array<[string, boolean]> }> = [
    {
      // Clocks jump from 02:00 to 03:00 at 01:00Z: 01:30 CET to 03:30 CEST is one real hour.
      name: 'Berlin, spring forward (2026-03-29): Sunday 01:30-03:30 lasts one hour',
      gate: blackout('      days: [sun]\n      start: "01:30"\n      end: "03:30"\n'),
      times: [['2026-03-29T00:29:59Z', false], ['2026-03-29T00:30:00Z', true], ['2026-03-29T00:59:59Z', true], ['2026-03-29T01:00:00Z', true], ['2026-03-29T01:29:59Z', true], ['2026-03-29T01:30:00Z', false]],
    },
    {
      name: 'Berlin, spring forward: a window inside the skipped hour never opens',
      gate: blackout('      days: [sun]\n      start: "02:00"\n      end: "03:00"\n'),
      times: [['2026-03-29T00:59:59Z', false], ['2026-03-29T01:00:00Z', false], ['2026-03-29T01:30:00Z', false]],
    },
    {
      // Clocks go back from 03:00 to 02:00 at 01:00Z: 02:00-03:00 happens twice.
      name: 'Berlin, fall back (2026-10-25): Sunday 02:00-03:00 lasts two hours',
      gate: blackout('      days: [sun]\n      start: "02:00"\n      end: "03:00"\n'),
      times: [['2026-10-24T23:59:59Z', false], ['2026-10-25T00:00:00Z', true], ['2026-10-25T00:59:59Z', true], ['2026-10-25T01:00:00Z', true], ['2026-10-25T01:59:59Z', true], ['2026-10-25T02:00:00Z', false]],
    },
    {
      name: 'Berlin: a whole weekend ends at local midnight in summer and in winter time',
      gate: blackout('      days: [sat, sun]\n'),
      times: [['2026-03-27T22:59:59Z', false], ['2026-03-27T23:00:00Z', true], ['2026-03-29T21:59:59Z', true], ['2026-03-29T22:00:00Z', false], ['2026-10-23T21:59:59Z', false], ['2026-10-23T22:00:00Z', true], ['2026-10-25T22:59:59Z', true], ['2026-10-25T23:00:00Z', false]],
    },
    {
      // 01:00 EST is 06:00Z; 02:00-03:00 is skipped; 03:00 EDT is 07:00Z.
      name: 'New York, spring forward (2026-03-08): Sunday 01:00-03:00 lasts one hour',
      gate: blackout('      days: [sun]\n      start: "01:00"\n      end: "03:00"\n', 'America/New_York'),
      times: [['2026-03-08T05:59:59Z', false], ['2026-03-08T06:00:00Z', true], ['2026-03-08T06:59:59Z', true], ['2026-03-08T07:00:00Z', false]],
    },
    {
      // 01:00 EDT is 05:00Z; 01:00-02:00 happens twice; 02:00 EST is 07:00Z.
      name: 'New York, fall back (2026-11-01): Sunday 01:00-02:00 lasts two hours',
      gate: blackout('      days: [sun]\n      start: "01:00"\n      end: "02:00"\n', 'America/New_York'),
      times: [['2026-11-01T04:59:59Z', false], ['2026-11-01T05:00:00Z', true], ['2026-11-01T06:30:00Z', true], ['2026-11-01T06:59:59Z', true], ['2026-11-01T07:00:00Z', false]],
    },
    {
      name: 'a window past midnight on Saturday runs into Sunday, across the Berlin spring change',
      gate: blackout('      days: [sat]\n      start: "23:00"\n      end: "04:00"\n'),
      // Saturday 23:00 CET = 22:00Z; Sunday 04:00 CEST = 02:00Z.
      times: [['2026-03-28T21:59:59Z', false], ['2026-03-28T22:00:00Z', true], ['2026-03-29T01:59:59Z', true], ['2026-03-29T02:00:00Z', false], ['2026-03-29T22:00:00Z', false]],
    },
    {
      name: 'past midnight on Sunday runs into Monday: the week wraps',
      gate: blackout('      days: [sun]\n      start: "22:00"\n      end: "01:00"\n', 'UTC'),
      times: [['2026-04-05T21:59:59Z', false], ['2026-04-05T22:00:00Z', true], ['2026-04-06T00:59:59Z', true], ['2026-04-06T01:00:00Z', false], ['2026-04-06T22:30:00Z', false]],
    },
    {
      name: 'end 24:00 is midnight, start alone runs to midnight',
      gate: gateOf('gate:\n  blackouts:\n    - name: a\n      days: [mon]\n      start: "18:00"\n      end: "24:00"\n    - name: b\n      days: [tue]\n      start: "18:00"\n'),
      times: [['2026-04-06T17:59:59Z', false], ['2026-04-06T23:59:59Z', true], ['2026-04-07T00:00:00Z', false], ['2026-04-07T18:00:00Z', true], ['2026-04-08T00:00:00Z', false]],
    },
  ];
  for (const { name, gate, times } of cases) {
    it(name, () => assert.deepEqual(times.map(([time]) => [time, inside(gate, time)]), times));
  }
});

describe('evaluateGate: one-off windows', () => {
  const inside = (gate: GateConfig, time: string) => verdicts(gate, { time }).allowed === false;
  const cases: Array<{ name: string; gate: GateConfig; times: Array<[string, boolean]> }> = [
    {
      // 2026-12-20T00:00 in New York is 05:00Z; 2027-01-04T00:00 too.
      name: 'local to the window zone (America/New_York), end exclusive',
      gate: gateOf('gate:\n  timeZone: Europe/Berlin\n  blackouts:\n    - name: freeze\n      from: "2026-12-20T00:00"\n      to: "2027-01-04T00:00"\n      timeZone: America/New_York\n'),
      times: [['2026-12-20T04:59:59Z', false], ['2026-12-20T05:00:00Z', true], ['2027-01-04T04:59:59Z', true], ['2027-01-04T05:00:00Z', false]],
    },
    {
      name: 'local to the gate zone when the window names none',
      gate: gateOf('gate:\n  timeZone: Europe/Berlin\n  blackouts:\n    - name: freeze\n      from: "2026-12-20T00:00"\n      to: "2027-01-04T00:00"\n'),
      times: [['2026-12-19T22:59:59Z', false], ['2026-12-19T23:00:00Z', true], ['2027-01-03T22:59:59Z', true], ['2027-01-03T23:00:00Z', false]],
    },
    {
      name: 'UTC when nothing names a zone',
      gate: gateOf('gate:\n  blackouts:\n    - name: freeze\n      from: "2026-12-20T00:00"\n      to: "2026-12-21T00:00:30"\n'),
      times: [['2026-12-19T23:59:59Z', false], ['2026-12-20T00:00:00Z', true], ['2026-12-21T00:00:29Z', true], ['2026-12-21T00:00:30Z', false]],
    },
    {
      name: 'explicit offsets win over every zone',
      gate: gateOf('gate:\n  timeZone: Asia/Tokyo\n  blackouts:\n    - name: cutover\n      from: "2026-03-29T01:00+01:00"\n      to: "2026-03-29T04:00+02:00"\n      timeZone: America/New_York\n'),
      times: [['2026-03-28T23:59:59Z', false], ['2026-03-29T00:00:00Z', true], ['2026-03-29T01:59:59Z', true], ['2026-03-29T02:00:00Z', false]],
    },
    {
      // 02:30 does not exist on 2026-03-29 in Berlin: it is read as 03:30 CEST (01:30Z).
      name: 'an edge in the Berlin spring gap moves forward by the gap',
      gate: gateOf('gate:\n  timeZone: Europe/Berlin\n  blackouts:\n    - name: w\n      from: "2026-03-29T02:30"\n      to: "2026-03-29T05:00"\n'),
      times: [['2026-03-29T01:29:59Z', false], ['2026-03-29T01:30:00Z', true], ['2026-03-29T02:59:59Z', true], ['2026-03-29T03:00:00Z', false]],
    },
    {
      // 02:30 happens twice on 2026-10-25 in Berlin: the first time (CEST, 00:30Z) is meant.
      name: 'an edge in the repeated Berlin autumn hour is its first occurrence',
      gate: gateOf('gate:\n  timeZone: Europe/Berlin\n  blackouts:\n    - name: w\n      from: "2026-10-25T02:30"\n      to: "2026-10-25T04:00"\n'),
      times: [['2026-10-25T00:29:59Z', false], ['2026-10-25T00:30:00Z', true], ['2026-10-25T02:59:59Z', true], ['2026-10-25T03:00:00Z', false]],
    },
  ];
  for (const { name, gate, times } of cases) {
    it(name, () => assert.deepEqual(times.map(([time]) => [time, inside(gate, time)]), times));
  }
});

describe('evaluateGate: messages, local time, levels', () => {
  it('says what decided, in words', () => {
    const decision = evaluateGate(FULL, { environment: 'prod', branch: 'feature/login', time: new Date('2026-12-26T12:00:00Z'), approved: false });
    assert.deepEqual(
      decision.reasons.map((reason) => reason.message),
      [
        'branch "feature/login" may not deploy to prod: only main, release/* may',
        'prod requires an approved deployment, and this one is not marked approved',
        'inside blackout window "weekend" (sat, sun in Europe/Berlin)',
        'inside blackout window "year-end freeze" (2026-12-20T00:00 to 2027-01-04T00:00 in America/New_York)',
        'outside every maintenance window ("weeknights"): prod accepts deployments only inside one',
      ],
    );
    const allowed = evaluateGate(FULL, { environment: 'prod', branch: 'release/2.0', time: new Date('2026-03-30T20:30:00Z'), approved: true });
    assert.deepEqual(
      allowed.reasons.map((reason) => reason.message),
      [
        'branch "release/2.0" may deploy to prod (matches "release/*")',
        'the deployment is approved',
        'outside every blackout window ("weekend", "year-end freeze")',
        'inside maintenance window "weeknights" (mon, tue, wed, thu 22:00-02:00 in Europe/Berlin)',
      ],
    );
    const noBranch = evaluateGate(FULL, { environment: 'prod', time: new Date('2026-03-30T20:30:00Z'), approved: true });
    assert.equal(noBranch.reasons[0]?.message, 'the request names no branch, and prod accepts deployments only from main, release/*');
  });

  it('gives the time in UTC and on the clocks of the gate zone', () => {
    const decision = evaluateGate(FULL, { environment: 'prod', branch: 'main', time: new Date('2026-03-27T23:30:00Z'), approved: true });
    assert.equal(decision.evaluatedAt, '2026-03-27T23:30:00.000Z');
    assert.deepEqual(decision.localTime, { timeZone: 'Europe/Berlin', dateTime: '2026-03-28T00:30:00+01:00', weekday: 'sat' });
    assert.deepEqual(evaluateGate(undefined, { environment: 'dev', time: new Date('2026-03-27T23:30:00Z'), approved: false }).localTime, {
      timeZone: 'UTC',
      dateTime: '2026-03-27T23:30:00Z',
      weekday: 'fri',
    });
  });

  it('no gate, or a gate with only empty lists, allows everything', () => {
    for (const gate of [undefined, gateOf('gate:\n  branches: []\n  requireApproval: false\n  blackouts: []\n  maintenance: []\n')]) {
      assert.deepEqual(verdicts(gate, { time: '2026-03-28T12:00:00Z', branch: 'anything', approved: false }), { allowed: true, reasons: [] });
    }
  });

  it('an environment that clears the maintenance windows and keeps the blackouts', () => {
    const environment = normaliseGate({ maintenance: [], requireApproval: false }, ['environments', 0, 'gate']);
    assert.deepEqual(verdicts(resolveGate(FULL, environment), { time: '2026-03-27T21:30:00Z', approved: false }), {
      allowed: true,
      reasons: [['branch', true, '', 'gate.branches[0]'], ['blackout', true, '', 'gate.blackouts']],
    });
  });

  it('windows written beside the top-level zone keep it when an environment sets its own', () => {
    // Friday 23:30 UTC: Saturday in Berlin (where the weekend was written), still Friday in New York.
    const environment = normaliseGate({ timeZone: 'America/New_York', blackouts: [{ name: 'ny weekend', days: ['sat', 'sun'] }] }, ['environments', 0, 'gate']);
    const global = gateOf('gate:\n  timeZone: Europe/Berlin\n  blackouts:\n    - name: weekend\n      days: [sat, sun]\n');
    assert.deepEqual(verdicts(resolveGate(global, undefined), { time: '2026-03-27T23:30:00Z' }).allowed, false);
    const onlyZone = normaliseGate({ timeZone: 'America/New_York' }, ['environments', 0, 'gate']);
    assert.deepEqual(verdicts(resolveGate(global, onlyZone), { time: '2026-03-27T23:30:00Z' }).reasons, [['blackout', false, 'weekend', 'gate.blackouts[0]']]);
    assert.deepEqual(verdicts(resolveGate(global, environment), { time: '2026-03-27T23:30:00Z' }).reasons, [['blackout', true, '', 'environments[0].gate.blackouts']]);
  });

  it('windows written without any zone take the environment zone', () => {
    const global = gateOf('gate:\n  blackouts:\n    - name: weekend\n      days: [sat, sun]\n');
    const tokyo = normaliseGate({ timeZone: 'Asia/Tokyo' }, ['environments', 0, 'gate']);
    // Friday 15:00 UTC is Saturday 00:00 in Tokyo.
    assert.equal(verdicts(resolveGate(global, tokyo), { time: '2026-03-27T15:00:00Z' }).allowed, false);
    assert.equal(verdicts(global, { time: '2026-03-27T15:00:00Z' }).allowed, true);
  });

  it('refuses to decide on a gate with problems, and on an invalid time', () => {
    const broken = normaliseGate({ timeZone: 'Europe/Berlln', blackouts: [{ name: 'w', days: ['sat'], start: '9:00' }] }, ['environments', 2, 'gate']);
    assert.throws(
      () => evaluateGate(broken, { environment: 'prod', time: new Date('2026-03-28T12:00:00Z'), approved: true }),
      (error: unknown) =>
        error instanceof BulwarkError &&
        error.code === 'BULWARK_E_CONFIG' &&
        error.message ===
          'the gate of prod is not valid:\n' +
            '  environments[2].gate.timeZone: unknown time zone "Europe/Berlln": use an IANA name such as Europe/Berlin, America/New_York or UTC [gate-time-zone]\n' +
            '  environments[2].gate.blackouts[0].start: start "9:00" is not a time of day: write HH:MM from 00:00 to 23:59 [gate-time-of-day]',
    );
    assert.throws(() => evaluateGate(FULL, { environment: 'prod', time: new Date('soon'), approved: true }), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_USAGE');
  });
});
