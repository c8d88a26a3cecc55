import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { formatPath } from '../yaml/path.js';
import { gateProblems, normaliseGate, resolveGate, resolvedGateProblems } from './config.js';
import { GUIDE_EXAMPLE } from './examples.cases.js';
import { GATE_SCHEMA } from './schema.js';
import type { GateConfig } from './types.js';

/** A YAML mapping read the way bulwark.yaml is read. */
function yaml(text: string): Record<string, unknown> {
  const { documents, diagnostics } = parseSource('bulwark.yaml', text, DEFAULT_LIMITS);
  assert.deepEqual(diagnostics, []);
  return documents[0]?.value as Record<string, unknown>;
}

describe('normaliseGate', () => {
  it('types the gate object and records where each field is written', () => {
    assert.deepEqual(normaliseGate(yaml(GUIDE_EXAMPLE).gate), {
      branches: ['main', 'release/*'],
      requireApproval: true,
      timeZone: 'Europe/Berlin',
      blackouts: [
        { name: 'weekend', days: ['sat', 'sun'], defaultTimeZone: 'Europe/Berlin' },
        { name: 'year-end freeze', from: '2026-12-20T00:00', to: '2027-01-04T00:00', timeZone: 'America/New_York', defaultTimeZone: 'Europe/Berlin' },
      ],
      maintenance: [{ name: 'weeknights', days: ['mon', 'tue', 'wed', 'thu'], start: '22:00', end: '02:00', defaultTimeZone: 'Europe/Berlin' }],
      paths: {
        branches: ['gate', 'branches'],
        requireApproval: ['gate', 'requireApproval'],
        timeZone: ['gate', 'timeZone'],
        blackouts: ['gate', 'blackouts'],
        maintenance: ['gate', 'maintenance'],
      },
    });
  });
  it('points at an environment when told where the object is', () => {
    const environments = yaml('environments:\n  - name: prod\n    gate:\n      requireApproval: false\n').environments as Array<Record<string, unknown>>;
    assert.deepEqual(normaliseGate(environments[0]?.gate, ['environments', 0, 'gate']), {
      requireApproval: false,
      paths: { requireApproval: ['environments', 0, 'gate', 'requireApproval'] },
    });
  });
  it('is undefined for anything but an object, and drops values of the wrong type', () => {
    assert.equal(normaliseGate(undefined), undefined);
    assert.equal(normaliseGate(['main']), undefined);
    assert.deepEqual(normaliseGate({ requireApproval: 'yes please', branches: 'main', blackouts: [{ days: 'sat' }] }), {
      blackouts: [{ name: '' }],
      paths: { blackouts: ['gate', 'blackouts'] },
    });
  });
});

describe('resolveGate: an environment overrides the top-level gate field by field', () => {
  const global = normaliseGate(yaml(GUIDE_EXAMPLE).gate) as GateConfig;
  const environment = (text: string) => normaliseGate(yaml(text).gate, ['environments', 1, 'gate']) as GateConfig;

  it('keeps the fields the environment leaves out, with their paths', () => {
    const resolved = resolveGate(global, environment('gate:\n  requireApproval: false\n  branches: [main]\n')) as GateConfig;
    assert.deepEqual(resolved.branches, ['main']);
    assert.equal(resolved.requireApproval, false);
    assert.equal(resolved.timeZone, 'Europe/Berlin');
    assert.equal(resolved.blackouts, global.blackouts);
    assert.equal(resolved.maintenance, global.maintenance);
    assert.deepEqual(resolved.paths, {
      branches: ['environments', 1, 'gate', 'branches'],
      requireApproval: ['environments', 1, 'gate', 'requireApproval'],
      timeZone: ['gate', 'timeZone'],
      blackouts: ['gate', 'blackouts'],
      maintenance: ['gate', 'maintenance'],
    });
  });
  it('replaces lists whole: an empty list clears the inherited windows', () => {
    const resolved = resolveGate(global, environment('gate:\n  maintenance: []\n  blackouts:\n    - name: nights\n      days: [mon]\n')) as GateConfig;
    assert.deepEqual(resolved.maintenance, []);
    assert.deepEqual(resolved.blackouts, [{ name: 'nights', days: ['mon'] }]);
    assert.deepEqual(resolved.paths.blackouts, ['environments', 1, 'gate', 'blackouts']);
  });
  it('a timeZone set by the environment does not move the windows written beside the top-level one', () => {
    const resolved = resolveGate(global, environment('gate:\n  timeZone: America/Los_Angeles\n')) as GateConfig;
    assert.equal(resolved.timeZone, 'America/Los_Angeles');
    assert.equal(resolved.blackouts?.[0]?.defaultTimeZone, 'Europe/Berlin');
  });
  it('with one level missing, is the other', () => {
    const own = environment('gate:\n  requireApproval: true\n');
    assert.equal(resolveGate(undefined, own), own);
    assert.equal(resolveGate(global, undefined), global);
    assert.equal(resolveGate(undefined, undefined), undefined);
  });
});

describe('gateProblems', () => {
  const cases: Array<{ name: string; gate: string; problems: Array<[string, string, string]> }> = [
    { name: 'the example of the docs is valid', gate: GUIDE_EXAMPLE, problems: [] },
    {
      name: 'an unknown time zone, at the gate and at a window',
      gate: 'gate:\n  timeZone: Europe/Berlln\n  blackouts:\n    - name: w\n      days: [sat]\n      timeZone: CEST+1\n',
      problems: [
        ['gate.timeZone', 'gate-time-zone', 'unknown time zone "Europe/Berlln": use an IANA name such as Europe/Berlin, America/New_York or UTC'],
        ['gate.blackouts[0].timeZone', 'gate-time-zone', 'unknown time zone "CEST+1": use an IANA name such as Europe/Berlin, America/New_York or UTC'],
      ],
    },
    {
      name: 'times of day out of range or not HH:MM',
      gate: 'gate:\n  maintenance:\n    - name: nights\n      days: [mon]\n      start: "25:00"\n      end: "2:00"\n',
      problems: [
        ['gate.maintenance[0].start', 'gate-time-of-day', 'start "25:00" is not a time of day: write HH:MM from 00:00 to 23:59'],
        ['gate.maintenance[0].end', 'gate-time-of-day', 'end "2:00" is not a time of day: write HH:MM from 00:00 to 24:00'],
      ],
    },
    {
      name: '24:00 is an end, not a start',
      gate: 'gate:\n  maintenance:\n    - name: late\n      days: [mon]\n      start: "24:00"\n    - name: evening\n      days: [mon]\n      start: "18:00"\n      end: "24:00"\n',
      problems: [['gate.maintenance[0].start', 'gate-time-of-day', 'start "24:00" is not a time of day: write HH:MM from 00:00 to 23:59']],
    },
    {
      name: 'a window that starts and ends at the same time',
      gate: 'gate:\n  blackouts:\n    - name: odd\n      days: [fri]\n      start: "18:00"\n      end: "18:00"\n',
      problems: [['gate.blackouts[0].end', 'gate-range', 'window "odd" starts and ends at the same time: for whole days leave out start and end']],
    },
    {
      name: 'empty, unknown and repeated days',
      gate: 'gate:\n  blackouts:\n    - name: none\n      days: []\n    - name: typo\n      days: [sat, sunday, sat]\n',
      problems: [
        ['gate.blackouts[0].days', 'gate-days', 'window "none" names no day: list days of the week (mon, tue, wed, thu, fri, sat, sun)'],
        ['gate.blackouts[1].days[1]', 'gate-days', '"sunday" is not a day of the week: use mon, tue, wed, thu, fri, sat, sun'],
        ['gate.blackouts[1].days[2]', 'gate-days', '"sat" is listed twice in window "typo"'],
      ],
    },
    {
      name: 'to before from, and to equal to from',
      gate: 'gate:\n  blackouts:\n    - name: backwards\n      from: "2027-01-04T00:00"\n      to: "2026-12-20T00:00"\n    - name: empty\n      from: "2026-12-20T00:00"\n      to: "2026-12-20T00:00"\n',
      problems: [
        ['gate.blackouts[0].to', 'gate-range', 'window "backwards" ends (2026-12-20T00:00) before or when it starts (2027-01-04T00:00)'],
        ['gate.blackouts[1].to', 'gate-range', 'window "empty" ends (2026-12-20T00:00) before or when it starts (2026-12-20T00:00)'],
      ],
    },
    {
      name: 'from and to compared as instants: 01:30 in New York is after 06:00 in Berlin',
      gate: 'gate:\n  blackouts:\n    - name: across zones\n      from: "2026-12-20T01:30-05:00"\n      to: "2026-12-20T06:00+01:00"\n',
      problems: [['gate.blackouts[0].to', 'gate-range', 'window "across zones" ends (2026-12-20T06:00+01:00) before or when it starts (2026-12-20T01:30-05:00)']],
    },
    {
      name: 'malformed dates, and a one-off window without its end',
      gate: 'gate:\n  blackouts:\n    - name: freeze\n      from: "2026-12-20"\n      to: "2026-02-30T00:00"\n    - name: open\n      from: "2026-12-20T00:00"\n',
      problems: [
        ['gate.blackouts[0].from', 'gate-date-time', 'from "2026-12-20" is not a date and time: write YYYY-MM-DDTHH:MM, optionally with :SS and an offset (Z, +01:00)'],
        ['gate.blackouts[0].to', 'gate-date-time', 'to "2026-02-30T00:00" is not a date and time: write YYYY-MM-DDTHH:MM, optionally with :SS and an offset (Z, +01:00)'],
        ['gate.blackouts[1]', 'gate-window-kind', 'one-off window "open" needs both from and to'],
      ],
    },
    {
      name: 'windows that are neither or both kinds',
      gate: 'gate:\n  maintenance:\n    - name: nothing\n    - name: both\n      days: [mon]\n      from: "2026-12-20T00:00"\n      to: "2026-12-21T00:00"\n    - name: hours only\n      start: "22:00"\n',
      problems: [
        ['gate.maintenance[0]', 'gate-window-kind', 'window "nothing" has neither days (recurring) nor from and to (one-off)'],
        ['gate.maintenance[1]', 'gate-window-kind', 'window "both" mixes days/start/end (recurring) with from/to (one-off): split it in two'],
        ['gate.maintenance[2].days', 'gate-days', 'window "hours only" names no day: list days of the week (mon, tue, wed, thu, fri, sat, sun)'],
      ],
    },
    {
      name: 'duplicate window names within a list; the same name in the other list is fine',
      gate: 'gate:\n  blackouts:\n    - name: nights\n      days: [sat]\n    - name: nights\n      days: [sun]\n  maintenance:\n    - name: nights\n      days: [mon]\n',
      problems: [['gate.blackouts[1].name', 'gate-duplicate-window', 'blackout window "nights" is defined twice']],
    },
  ];
  for (const { name, gate, problems } of cases) {
    it(name, () => {
      const found = gateProblems(normaliseGate(yaml(gate).gate) as GateConfig, ['gate']);
      assert.deepEqual(
        found.map((problem) => [formatPath(problem.path), problem.code, problem.message]),
        problems,
      );
    });
  }
  it('reports at the path given for the gate object', () => {
    const gate = normaliseGate({ timeZone: 'Nowhere' }) as GateConfig;
    assert.deepEqual(gateProblems(gate, ['environments', 3, 'gate']).map((problem) => problem.path), [['environments', 3, 'gate', 'timeZone']]);
  });
  it('a resolved gate reports each problem at the level its field came from', () => {
    const global = normaliseGate({ timeZone: 'Nowhere' }) as GateConfig;
    const environment = normaliseGate({ blackouts: [{ name: 'x', days: [] }] }, ['environments', 0, 'gate']) as GateConfig;
    assert.deepEqual(resolvedGateProblems(resolveGate(global, environment) as GateConfig).map((problem) => problem.path), [
      ['gate', 'timeZone'],
      ['environments', 0, 'gate', 'blackouts', 0, 'days'],
    ]);
  });
  it('a window edge without an offset is read in the zone of the gate it is written in', () => {
    // 01:00 in New York is 07:00 in Berlin: written beside a Berlin zone, 06:00 to 01:00 is backwards.
    const gate = normaliseGate({ timeZone: 'Europe/Berlin', blackouts: [{ name: 'w', from: '2026-12-20T06:00', to: '2026-12-20T01:00-05:00' }] }) as GateConfig;
    assert.deepEqual(gateProblems(gate, ['gate']), []);
    const utc = normaliseGate({ blackouts: [{ name: 'w', from: '2026-12-20T06:30', to: '2026-12-20T01:00-05:00' }] }) as GateConfig;
    assert.deepEqual(gateProblems(utc, ['gate']).map((problem) => problem.code), ['gate-range']);
  });
});

describe('GATE_SCHEMA', () => {
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { gate: GATE_SCHEMA, environments: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, gate: GATE_SCHEMA } } } },
  });
  const errors = () => (validate.errors ?? []).map((error) => `${error.instancePath} ${error.keyword} ${JSON.stringify(error.params)}`);

  it('accepts the documented example at the top level and in an environment', () => {
    const example = yaml(GUIDE_EXAMPLE);
    assert.ok(validate(example), errors().join('\n'));
    assert.ok(validate({ environments: [{ name: 'prod', gate: example.gate }] }), errors().join('\n'));
  });
  const invalid: Array<{ name: string; value: unknown; errors: string[] }> = [
    { name: 'an unknown key in the gate', value: { gate: { approvers: 2 } }, errors: ['/gate additionalProperties {"additionalProperty":"approvers"}'] },
    { name: 'an unknown key in a window', value: { gate: { blackouts: [{ name: 'w', days: ['sat'], until: '10:00' }] } }, errors: ['/gate/blackouts/0 additionalProperties {"additionalProperty":"until"}'] },
    { name: 'a window without a name', value: { gate: { maintenance: [{ days: ['sat'] }] } }, errors: ['/gate/maintenance/0 required {"missingProperty":"name"}'] },
    { name: 'a day that is not a day', value: { gate: { blackouts: [{ name: 'w', days: ['saturday'] }] } }, errors: ['/gate/blackouts/0/days/0 enum {"allowedValues":["mon","tue","wed","thu","fri","sat","sun"]}'] },
    { name: 'an empty list of days', value: { gate: { blackouts: [{ name: 'w', days: [] }] } }, errors: ['/gate/blackouts/0/days minItems {"limit":1}'] },
    { name: 'approval as a word', value: { environments: [{ name: 'prod', gate: { requireApproval: 'yes please' } }] }, errors: ['/environments/0/gate/requireApproval type {"type":"boolean"}'] },
    { name: 'one branch as a string', value: { gate: { branches: 'main' } }, errors: ['/gate/branches type {"type":"array"}'] },
  ];
  for (const testCase of invalid) {
    it(`rejects ${testCase.name}`, () => {
      assert.equal(validate(testCase.value), false);
      assert.deepEqual(errors(), testCase.errors);
    });
  }
});

describe('the examples of docs/guides/deployment-gates.md', () => {
  const guide = readFileSync(new URL('../../docs/guides/deployment-gates.md', import.meta.url), 'utf8');
  const yamlAfter = (marker: string) => {
    const start = guide.indexOf('```yaml\n', guide.indexOf(marker)) + '```yaml\n'.length;
    return yaml(guide.slice(start, guide.indexOf('```', start)));
  };
  const validate = new Ajv2020({ allErrors: true, strict: true }).compile(GATE_SCHEMA);

  it('the rules example is valid and is the example these tests use', () => {
    const gate = yamlAfter('## The rules').gate;
    assert.ok(validate(gate), JSON.stringify(validate.errors));
    const normalised = normaliseGate(gate) as GateConfig;
    assert.deepEqual(gateProblems(normalised, ['gate']), []);
    assert.deepEqual(normalised, normaliseGate(yaml(GUIDE_EXAMPLE).gate));
  });
  it('the gates of the levels example are valid', () => {
    const policy = yamlAfter('### Levels') as { gate: unknown; environments: Array<{ gate?: unknown }> };
    const gates = [policy.gate, ...policy.environments.map((environment) => environment.gate).filter((gate) => gate !== undefined)];
    assert.equal(gates.length, 2);
    for (const gate of gates) {
      assert.ok(validate(gate), JSON.stringify(validate.errors));
      assert.deepEqual(gateProblems(normaliseGate(gate) as GateConfig, ['gate']), []);
    }
  });
});
