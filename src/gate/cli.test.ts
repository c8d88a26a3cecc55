import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { registerGateCommand } from '../cli/gate.js';
import { BUILTIN_CHECKS } from '../checks/index.js';
import { parsePolicy } from '../policy/load.js';
import type { LoadedPolicy } from '../policy/types.js';
import { runRegistered } from '../../test/cli-harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const validateResult = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(
  JSON.parse(readFileSync(new URL('../../docs/schemas/gate-result.schema.json', import.meta.url), 'utf8')) as object,
);

const POLICY = `extends: recommended
gate:
  timeZone: Europe/Berlin
  blackouts:
    - name: weekend
      days: [sat, sun]
environments:
  - name: staging
    match:
      namespaces: [staging]
  - name: prod
    match:
      namespaces: [prod]
    gate:
      branches: [main]
      requireApproval: true
      maintenance:
        - name: weeknights
          days: [mon, tue, wed, thu]
          start: "22:00"
          end: "02:00"
`;

const work = mkdtempSync(join(tmpdir(), 'bulwark-gate-'));
after(() => rmSync(work, { recursive: true, force: true }));
const policyFile = join(work, 'bulwark.yaml');
writeFileSync(policyFile, POLICY);

/** The policy as `bulwark gate` reads it, through the policy loader. */
function policyWithGates(file: string, text = readFileSync(file, 'utf8')): LoadedPolicy {
  return parsePolicy(file, text, BUILTIN_CHECKS);
}

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  configFlags: Array<string | false | undefined>;
}

/** Runs `bulwark gate …` with the given policy loader, recording the --config values it is asked for. */
async function gate(args: string[], loadPolicyFor: (config: string | false | undefined) => LoadedPolicy | undefined = () => policyWithGates(policyFile)): Promise<Run> {
  const configFlags: Run['configFlags'] = [];
  const run = await runRegistered(
    (program, io, state) =>
      registerGateCommand(program, io, state, (config) => {
        configFlags.push(config);
        return loadPolicyFor(config);
      }),
    ['gate', ...args],
  );
  return { ...run, configFlags };
}

describe('bulwark gate', () => {
  it('allows main, approved, on a weeknight: exit 0, each rule with its line', async () => {
    const run = await gate(['--env', 'prod', '--branch', 'main', '--approved', '--time', '2026-03-30T20:30:00Z']);
    assert.equal(run.exitCode, 0, run.stderr);
    assert.equal(run.stderr, `bulwark: policy ${policyFile}\n`);
    assert.equal(
      run.stdout,
      [
        'ALLOWED deployment to prod: all 4 rules allow it',
        '  at 2026-03-30T20:30:00.000Z, mon 2026-03-30T22:30:00+02:00 in Europe/Berlin',
        '  allow  branch       branch "main" may deploy to prod (matches "main")',
        `                      ${policyFile}:15  environments[1].gate.branches[0]`,
        '  allow  approval     the deployment is approved',
        `                      ${policyFile}:16  environments[1].gate.requireApproval`,
        '  allow  blackout     outside every blackout window ("weekend")',
        `                      ${policyFile}:4  gate.blackouts`,
        '  allow  maintenance  inside maintenance window "weeknights" (mon, tue, wed, thu 22:00-02:00 in Europe/Berlin)',
        `                      ${policyFile}:18  environments[1].gate.maintenance[0]`,
        '',
      ].join('\n'),
    );
  });

  it('denies a Saturday deployment of an unapproved feature branch: exit 1, every reason', async () => {
    const run = await gate(['--env', 'prod', '--branch', 'feature/x', '--time', '2026-03-28T10:00:00+01:00']);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.equal(
      run.stdout.split('\n').filter((line) => !line.startsWith('    ')).join('\n'),
      [
        'DENIED deployment to prod: 4 of 4 rules deny it',
        '  at 2026-03-28T09:00:00.000Z, sat 2026-03-28T10:00:00+01:00 in Europe/Berlin',
        '  deny   branch       branch "feature/x" may not deploy to prod: only main may',
        '  deny   approval     prod requires an approved deployment, and this one is not marked approved',
        '  deny   blackout     inside blackout window "weekend" (sat, sun in Europe/Berlin)',
        '  deny   maintenance  outside every maintenance window ("weeknights"): prod accepts deployments only inside one',
        '',
      ].join('\n'),
    );
  });

  it('--format json: the decision, valid against docs/schemas/gate-result.schema.json', async () => {
    const run = await gate(['--env', 'staging', '--time', '2026-03-28T10:00:00Z', '--format', 'json', '--config', policyFile]);
    assert.equal(run.exitCode, 1, run.stderr);
    const result = JSON.parse(run.stdout) as unknown;
    assert.ok(validateResult(result), JSON.stringify(validateResult.errors));
    assert.deepEqual(result, {
      schemaVersion: '1.0.0',
      policy: policyFile,
      environment: 'staging',
      allowed: false,
      request: { time: '2026-03-28T10:00:00.000Z', approved: false },
      evaluatedAt: '2026-03-28T10:00:00.000Z',
      localTime: { timeZone: 'Europe/Berlin', dateTime: '2026-03-28T11:00:00+01:00', weekday: 'sat' },
      reasons: [{ rule: 'blackout', allowed: false, message: 'inside blackout window "weekend" (sat, sun in Europe/Berlin)', window: 'weekend', path: 'gate.blackouts[0]', line: 5 }],
    });
    assert.deepEqual(run.configFlags, [policyFile]);
  });

  it('the JSON of an allowed request is valid too, and the schema rejects a malformed one', async () => {
    const run = await gate(['--env', 'prod', '--branch', 'refs/heads/main', '--approved', '--time', '2026-03-31T23:00:00Z', '-f', 'json']);
    assert.equal(run.exitCode, 0, run.stderr);
    const result = JSON.parse(run.stdout) as { request: unknown; reasons: Array<{ allowed: boolean }> };
    assert.ok(validateResult(result), JSON.stringify(validateResult.errors));
    assert.deepEqual(result.request, { branch: 'refs/heads/main', time: '2026-03-31T23:00:00.000Z', approved: true });
    assert.deepEqual(result.reasons.map((reason) => reason.allowed), [true, true, true, true]);
    assert.equal(validateResult({ ...result, reasons: [{ rule: 'weather', allowed: true, message: 'sunny', path: 'gate' }] }), false);
  });

  const usage: Array<{ name: string; args: string[]; stderr: RegExp; policy?: () => LoadedPolicy | undefined }> = [
    { name: 'an unknown environment, listing the known ones', args: ['--env', 'production'], stderr: /BULWARK_E_USAGE: unknown environment "production": .*bulwark\.yaml defines the environments staging, prod\n/ },
    {
      name: 'an environment in a policy that defines none',
      args: ['--env', 'prod'],
      stderr: /unknown environment "prod": .* defines no environments\n/,
      policy: () => ({ ...policyWithGates(policyFile), config: { ...policyWithGates(policyFile).config, environments: [] } }) as LoadedPolicy,
    },
    { name: 'a time without an offset', args: ['--env', 'prod', '--time', '2026-03-28T10:00:00'], stderr: /--time must be an RFC 3339 time with an offset, such as 2026-03-28T10:00:00Z, not "2026-03-28T10:00:00"/ },
    { name: 'a date that does not exist', args: ['--env', 'prod', '--time', '2026-02-30T10:00:00Z'], stderr: /--time must be an RFC 3339 time/ },
    { name: 'a format other than text or json', args: ['--env', 'prod', '--format', 'sarif'], stderr: /BULWARK_E_UNKNOWN_FORMAT: unknown format "sarif"/ },
    { name: 'no --env', args: ['--branch', 'main'], stderr: /required option '-e, --env <name>' not specified/ },
    { name: 'no policy file', args: ['--env', 'prod'], stderr: /BULWARK_E_CONFIG: no policy found/, policy: () => undefined },
  ];
  for (const { name, args, stderr, policy } of usage) {
    it(`exit 2 for ${name}`, async () => {
      const run = await gate(args, policy);
      assert.equal(run.exitCode, 2);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, stderr);
    });
  }

  it('exit 2 for a gate it cannot read, naming the problem', async () => {
    const broken = join(work, 'broken.yaml');
    writeFileSync(broken, 'environments:\n  - name: prod\n    match: {namespaces: [prod]}\n    gate:\n      timeZone: Europe/Berlln\n');
    const run = await gate(['--env', 'prod', '--config', broken], (config) => policyWithGates(config as string));
    assert.equal(run.exitCode, 2);
    assert.match(run.stderr, /BULWARK_E_CONFIG: .*broken\.yaml is not a valid policy \(1 problem\):\n {2}.*broken\.yaml:5:7 {2}environments\[0\]\.gate\.timeZone: unknown time zone "Europe\/Berlln".* \[gate-time-zone\]/);
  });

  it('without --time, decides for the current time', async () => {
    const before = Date.now();
    const run = await gate(['--env', 'staging', '--format', 'json']);
    const evaluatedAt = Date.parse((JSON.parse(run.stdout) as { evaluatedAt: string }).evaluatedAt);
    assert.ok(evaluatedAt >= before - 1000 && evaluatedAt <= Date.now(), run.stdout);
    assert.deepEqual(run.configFlags, [undefined]);
  });
});

describe('docs/guides/deployment-gates.md', () => {
  const guide = readFileSync(new URL('../../docs/guides/deployment-gates.md', import.meta.url), 'utf8');
  /** The first fenced block of a language after a marker in the guide. */
  const block = (marker: string, language: string): string => {
    const start = guide.indexOf(`\`\`\`${language}\n`, guide.indexOf(marker));
    assert.ok(guide.includes(marker) && start !== -1, `no ${language} block after "${marker}"`);
    const body = start + language.length + 4;
    return guide.slice(body, guide.indexOf('```', body));
  };
  const fromGuide = () => policyWithGates('bulwark.yaml', block('### Levels', 'yaml'));

  it('the opening example is what the command prints for the policy under "Levels"', async () => {
    const command = block('# Deployment gates', 'sh').trim().split(' ');
    assert.deepEqual(command.slice(0, 2), ['bulwark', 'gate']);
    const run = await gate(command.slice(2), fromGuide);
    assert.equal(run.exitCode, 0, run.stderr);
    const printed = guide.indexOf('ALLOWED deployment to prod');
    assert.equal(run.stdout, guide.slice(printed, guide.indexOf('```', printed)));
  });

  it('the JSON example is what the command prints for staging on a Saturday', async () => {
    const run = await gate(['--env', 'staging', '--time', '2026-03-28T10:00:00Z', '--format', 'json'], fromGuide);
    assert.equal(run.exitCode, 1, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), JSON.parse(block('## JSON output', 'json')));
  });

  it('the CI examples call the command with flags it has', async () => {
    const ci = guide.slice(guide.indexOf('## In CI'));
    const steps = [...ci.matchAll(/npx bulwark gate (.*)$/gm)].map((match) =>
      (match[1] as string).replace(/"\$(GITHUB_REF_NAME|CI_COMMIT_REF_NAME)"/, 'main').replace('"$(date -u +%FT%TZ)"', '2026-03-30T20:30:00Z').split(' '),
    );
    assert.equal(steps.length, 2);
    for (const args of steps) {
      assert.deepEqual(args, ['--env', 'prod', '--branch', 'main', '--time', '2026-03-30T20:30:00Z', '--approved']);
      assert.equal((await gate(args, fromGuide)).exitCode, 0);
    }
  });
});
