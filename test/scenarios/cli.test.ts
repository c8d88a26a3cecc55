import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { VERSION } from '../../src/version.js';
import { ROOT } from '../helpers.js';

/**
 * Golden CLI scenarios: the built binary, real arguments and inputs, compared on exit code
 * and output. `UPDATE_GOLDEN=1 npm run test:unit` rewrites the golden files after a
 * deliberate change; review the diff before committing it.
 */
const CLI = join(ROOT, 'dist', 'cli', 'bulwark.js');
const GOLDEN = join(ROOT, 'test', 'scenarios', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
/** The policy in examples/ has exceptions with expiry dates: goldens are taken as of a fixed day. */
const NOW = '2026-11-22';
const work = mkdtempSync(join(tmpdir(), 'bulwark-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], input?: string): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', CI: 'true' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Output made independent of the version and the clock, so goldens survive releases. */
function normalize(text: string): string {
  return text.split(VERSION).join('<version>').replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g, '<time>');
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  const normalized = normalize(actual);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) assert.fail(`golden file ${name} is missing: run UPDATE_GOLDEN=1 npm run test:unit and review it`);
    writeFileSync(file, normalized);
    return;
  }
  assert.equal(normalized, readFileSync(file, 'utf8'), `output differs from test/scenarios/golden/${name}`);
}

describe('cli scenarios', { skip: !existsSync(CLI) && 'dist/ not built: run npm run build' }, () => {
  describe('reporters on the insecure example', () => {
    for (const [format, extension] of [
      ['text', 'txt'],
      ['json', 'json'],
      ['sarif', 'sarif'],
      ['junit', 'xml'],
      ['markdown', 'md'],
      ['html', 'html'],
    ] as const) {
      it(`--format ${format} exits 1 and matches its golden output`, () => {
        const result = run(['scan', 'examples/insecure-app', '--format', format, '--now', NOW]);
        assert.equal(result.status, 1, result.stderr);
        golden(`insecure-app.${extension}`, result.stdout);
      });
    }
  });

  it('the hardened example passes: exit 0', () => {
    const result = run(['scan', 'examples/hardened-app', '--now', NOW]);
    assert.equal(result.status, 0, result.stdout + result.stderr);
    golden('hardened-app.txt', result.stdout);
  });

  it('a broken document: exit 3, diagnostics with file:line:column, findings from the rest', () => {
    const result = run(['scan', 'test/scenarios/inputs/broken.yaml']);
    assert.equal(result.status, 3);
    golden('broken.txt', result.stdout);
    assert.match(result.stderr, /cannot be trusted/);
  });

  it('nothing to evaluate: exit 3, never 0', () => {
    const result = run(['scan', 'test/scenarios/inputs/values.yaml', '--format', 'json']);
    assert.equal(result.status, 3);
    const json = JSON.parse(result.stdout) as { trusted: boolean; summary: { resources: number } };
    assert.equal(json.trusted, false);
    assert.equal(json.summary.resources, 0);
  });

  it('Helm output: findings name the template', () => {
    const result = run(['scan', 'test/scenarios/inputs/helm-rendered.yaml', '--format', 'json']);
    assert.equal(result.status, 1);
    const json = JSON.parse(result.stdout) as { findings: Array<{ checkId: string; template?: string; line: number }> };
    const privileged = json.findings.find((finding) => finding.checkId === 'privileged-container');
    assert.equal(privileged?.template, 'shop/templates/deployment.yaml');
    assert.equal(privileged?.line, 24);
  });

  it('reads standard input with -', () => {
    const result = run(['scan', '-', '--format', 'json'], readFileSync(join(ROOT, 'examples/insecure-app/node-agent.yaml'), 'utf8'));
    assert.equal(result.status, 1);
    const json = JSON.parse(result.stdout) as { findings: Array<{ file: string }> };
    assert.ok(json.findings.length > 0);
    assert.ok(json.findings.every((finding) => finding.file === '<stdin>'));
  });

  describe('usage errors exit 2', () => {
    for (const args of [
      ['scan', '--bogus', 'examples'],
      ['scan', 'examples', '--fail-on', 'extreme'],
      ['scan', 'examples', '--checks', 'no-such-check'],
      ['scan', 'examples', '--format', 'xml'],
      ['scan', 'examples', '--baseline', 'missing-baseline.json'],
      ['scan', 'examples', '--format', 'json', '--format', 'sarif'],
      ['scan'],
      ['checks', 'explain', 'no-such-check'],
      ['no-such-command'],
      [],
    ]) {
      it(`bulwark ${args.join(' ')}`, () => {
        const result = run(args);
        assert.equal(result.status, 2, result.stdout + result.stderr);
        assert.ok(result.stderr.length > 0, 'says what is wrong on stderr');
        assert.equal(result.stdout, '', 'nothing on stdout');
      });
    }
  });

  it('--fail-on sets the threshold', () => {
    assert.equal(run(['scan', 'examples/insecure-app', '--fail-on', 'critical']).status, 1, 'the docker socket mount is critical');
    assert.equal(run(['scan', 'examples/insecure-app', '--checks', 'image-latest-tag', '--fail-on', 'high']).status, 0);
    assert.equal(run(['scan', 'examples/insecure-app', '--fail-on', 'none']).status, 0);
    assert.equal(run(['scan', 'examples/hardened-app', '--fail-on', 'info']).status, 0);
    assert.equal(run(['scan', 'examples/insecure-app', '--fail-on', 'low']).status, 1);
  });

  it('--checks runs only the named checks', () => {
    const result = run(['scan', 'examples/insecure-app', '--checks', 'image-latest-tag', '--format', 'json']);
    const json = JSON.parse(result.stdout) as { findings: Array<{ checkId: string }>; summary: { checks: number } };
    assert.equal(json.summary.checks, 1);
    assert.ok(json.findings.length > 0 && json.findings.every((finding) => finding.checkId === 'image-latest-tag'));
    assert.equal(result.status, 0, 'medium findings do not reach the default high threshold');
  });

  it('baseline: create, then only new findings fail', () => {
    const baseline = join(work, 'baseline.json');
    const created = run(['baseline', 'create', '-o', baseline, 'examples/insecure-app']);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stderr, /wrote \d+ findings to baseline/);
    const again = run(['scan', 'examples/insecure-app', '--baseline', baseline, '--format', 'json']);
    assert.equal(again.status, 0, again.stderr);
    const json = JSON.parse(again.stdout) as { summary: { suppressed: number; failing: number } };
    assert.ok(json.summary.suppressed > 0);
    assert.equal(json.summary.failing, 0);
    const text = run(['scan', 'examples/insecure-app', '--baseline', baseline]);
    assert.match(text.stdout, /\d+ suppressed by the baseline/);
    // A new problem is not in the baseline and fails the gate.
    const changed = join(work, 'changed.yaml');
    writeFileSync(changed, readFileSync(join(ROOT, 'examples/insecure-app/shop.yaml'), 'utf8').replace('allowPrivilegeEscalation: true', 'privileged: true'));
    const withNew = run(['scan', changed, join(ROOT, 'examples/insecure-app/node-agent.yaml'), '--baseline', baseline, '--format', 'json']);
    const newJson = JSON.parse(withNew.stdout) as { findings: Array<{ checkId: string; status: string }> };
    assert.equal(withNew.status, 1);
    assert.ok(newJson.findings.some((finding) => finding.checkId === 'privileged-container' && finding.status === 'fail'));
  });

  it('writes several formats in one run', () => {
    const json = join(work, 'out', 'report.json');
    const sarif = join(work, 'out', 'report.sarif');
    const result = run(['scan', 'examples/insecure-app', '--format', 'json', '--output', json, '--format', 'sarif', '--output', sarif, '--format', 'text']);
    assert.equal(result.status, 1);
    assert.match(result.stdout, /privileged-container/);
    assert.equal((JSON.parse(readFileSync(json, 'utf8')) as { schemaVersion: string }).schemaVersion, '1.0.0');
    assert.equal((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version, '2.1.0');
    const byExtension = join(work, 'out', 'report.html');
    assert.equal(run(['scan', 'examples/insecure-app', '-o', byExtension]).status, 1);
    assert.match(readFileSync(byExtension, 'utf8'), /<html/i);
  });

  it('checks list and explain', () => {
    const list = run(['checks', 'list']);
    assert.equal(list.status, 0);
    golden('checks-list.txt', list.stdout);
    const json = JSON.parse(run(['checks', 'list', '--format', 'json']).stdout) as { checks: Array<{ id: string }> };
    assert.ok(json.checks.some((check) => check.id === 'privileged-container'));
    const explain = run(['checks', 'explain', 'privileged-container']);
    assert.equal(explain.status, 0);
    golden('explain-privileged-container.txt', explain.stdout);
  });

  it('pss: namespace labels decide; --level evaluates everything; exit 1 on denial', () => {
    const labelled = run(['pss', 'examples/hardened-app']);
    assert.equal(labelled.status, 0, labelled.stdout + labelled.stderr);
    assert.match(labelled.stdout, /ALLOWED Deployment shop\/web .* restricted:latest, from the namespace label/);
    const restricted = run(['pss', '--level', 'restricted', 'examples/insecure-app', '--format', 'json']);
    assert.equal(restricted.status, 1);
    const items = JSON.parse(restricted.stdout) as Array<{ name: string; allowed: boolean; violations: Array<{ check: string }> }>;
    assert.ok(items.length === 4 && items.every((item) => !item.allowed));
    golden('pss-insecure-restricted.txt', run(['pss', '--level', 'restricted', '--version', 'v1.24', 'examples/insecure-app']).stdout);
    assert.equal(run(['pss', '--level', 'extreme', 'examples']).status, 2);
    assert.equal(run(['pss', '--version', 'v1.30', 'examples']).status, 2);
    assert.equal(run(['pss', '--level', 'baseline', '--version', '1.30', 'examples']).status, 2);
    assert.equal(run(['pss', 'test/scenarios/inputs/values.yaml']).status, 3);
  });

  it('policy: found beside the inputs, applied by level, explained, audited', () => {
    const scanned = run(['scan', 'examples/insecure-app', '--format', 'json', '--now', NOW]);
    assert.match(scanned.stderr, /policy .*examples\/bulwark\.yaml/);
    const json = JSON.parse(scanned.stdout) as { findings: Array<{ checkId: string; status: string; exception?: string; severity: string; resource: { name: string } }>; exceptions: Array<{ id: string; state: string; used: number }> };
    assert.deepEqual(json.exceptions, [{ id: 'EXC-001', owner: 'platform-team@example.com', reason: 'The log agent reads container logs from the node until the logging sidecar lands.', ticket: 'SEC-142', expires: '2027-03-31', state: 'active', used: 2 }]);
    assert.ok(json.findings.some((finding) => finding.status === 'excepted' && finding.exception === 'EXC-001'));
    assert.ok(!json.findings.some((finding) => finding.checkId === 'liveness-probe-missing'), 'the legacy environment turns probes off');
    assert.equal(json.findings.find((finding) => finding.checkId === 'host-pid')?.severity, 'medium', 'the node-agent application lowers host-pid');
    const without = JSON.parse(run(['scan', 'examples/insecure-app', '--format', 'json', '--no-config']).stdout) as { findings: Array<{ checkId: string }> };
    assert.ok(without.findings.some((finding) => finding.checkId === 'liveness-probe-missing'));
    // After the expiry date the exception stops applying and audit fails.
    const expired = run(['policy', 'audit', 'examples/insecure-app', '--now', '2027-04-01']);
    assert.equal(expired.status, 1);
    assert.match(expired.stdout, /EXPIRED +EXC-001/);
    const audit = run(['policy', 'audit', 'examples/insecure-app', '--now', NOW]);
    assert.equal(audit.status, 0);
    assert.match(audit.stdout, /active {4}EXC-001 .* covers 2 findings/);
    const explain = run(['policy', 'explain', 'examples/insecure-app']);
    assert.equal(explain.status, 0);
    assert.match(explain.stdout, /Levels: global → environment legacy → application node-agent/);
    const policyLines = readFileSync(join(ROOT, 'examples/bulwark.yaml'), 'utf8').split('\n');
    const lineOf = (text: string) => policyLines.findIndex((line) => line.trim() === text) + 1;
    assert.match(explain.stdout, new RegExp(`host-pid +on {3}medium +application node-agent \\(.*bulwark\\.yaml:${lineOf('host-pid: medium')}\\)`));
    assert.match(explain.stdout, new RegExp(`liveness-probe-missing +off +environment legacy \\(.*bulwark\\.yaml:${lineOf('liveness-probe-missing: off')}\\)`));
  });

  it('gate: the example policy allows main with approval and denies a feature branch in the freeze', () => {
    const allowed = run(['gate', '--config', 'examples/bulwark.yaml', '--env', 'production', '--branch', 'main', '--approved', '--time', '2026-11-23T10:00:00Z']);
    assert.equal(allowed.status, 0, allowed.stderr);
    assert.match(allowed.stdout, /^ALLOWED deployment to production: all 3 rules allow it\n/);
    const denied = run(['gate', '--config', 'examples/bulwark.yaml', '--env', 'production', '--branch', 'feature/x', '--time', '2026-12-22T10:00:00Z', '--format', 'json']);
    assert.equal(denied.status, 1);
    const decision = JSON.parse(denied.stdout) as { allowed: boolean; reasons: Array<{ rule: string; allowed: boolean }> };
    assert.equal(decision.allowed, false);
    assert.deepEqual(decision.reasons.map((reason) => [reason.rule, reason.allowed]), [['branch', false], ['approval', false], ['blackout', false]]);
    const unknown = run(['gate', '--config', 'examples/bulwark.yaml', '--env', 'prod']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown environment "prod": .* defines the environments production, legacy/);
  });

  it('scan --policy: a ValidatingAdmissionPolicy denial fails the gate; an unreadable policy file is exit 2', () => {
    const inputs = 'test/scenarios/inputs/admission';
    const denied = run(['scan', `${inputs}/app.yaml`, '--policy', `${inputs}/replica-limit-policy.yaml`, '--checks', 'privileged-container', '--no-config']);
    assert.equal(denied.status, 1, denied.stderr);
    assert.match(denied.stdout, /7:1 +HIGH +vap\/demo-policy\.example\.com {2}ValidatingAdmissionPolicy 'demo-policy\.example\.com' with binding 'demo-binding-test\.example\.com' denied request: failed expression: object\.spec\.replicas <= params\.maxReplicas/);
    const missing = run(['scan', `${inputs}/app.yaml`, '--policy', `${inputs}/no-such-file.yaml`, '--no-config']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /BULWARK_E_CONFIG: cannot read the admission policies/);
  });

  it('an invalid policy is a configuration error: exit 2 with every problem', () => {
    const file = join(work, 'bad-policy.yaml');
    writeFileSync(file, 'failOn: severe\nchecks:\n  no-such-check: off\nextra: 1\n');
    const result = run(['scan', 'examples/hardened-app', '--config', file]);
    assert.equal(result.status, 2);
    assert.match(result.stderr, /bad-policy\.yaml:1:1 {2}failOn: must be equal to one of the allowed values \[schema-enum\]/);
    assert.match(result.stderr, /bad-policy\.yaml:4:1 {2}extra: unknown key "extra" \[unknown-key\]/);
    assert.equal(result.stdout, '');
  });

  it('--help and --version exit 0', () => {
    assert.equal(run(['--help']).status, 0);
    assert.equal(run(['scan', '--help']).status, 0);
    const version = run(['--version']);
    assert.equal(version.status, 0);
    assert.equal(version.stdout.trim(), VERSION);
  });

  it('never prints secret values', () => {
    for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'html']) {
      const result = run(['scan', 'examples/insecure-app', '--format', format, '--fail-on', 'none']);
      assert.ok(!result.stdout.includes('s3cr3t-passw0rd'), `${format} output shows a secret value`);
    }
  });
});
