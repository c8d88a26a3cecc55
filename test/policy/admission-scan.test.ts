import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { BulwarkError } from '../../src/errors/index.js';
import { parsePolicy } from '../../src/policy/load.js';
import { renderReport } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers.js';

const DIR = join(ROOT, 'test/scenarios/inputs/admission');
const APP = join(DIR, 'app.yaml');
const POLICY = join(DIR, 'replica-limit-policy.yaml');
const NOW = new Date('2026-11-22T12:00:00Z');
const DENIAL = "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= params.maxReplicas";

describe('scan --policy: ValidatingAdmissionPolicies evaluated offline as checks', () => {
  it('reports what the API server would deny, at the resource, besides the chosen checks', async () => {
    const result = await scan({ paths: [APP], admissionPolicies: [POLICY], checks: ['privileged-container'], now: NOW });
    assert.deepEqual(
      result.findings.map((finding) => [finding.checkId, finding.resource.name, finding.line, finding.column, finding.severity, finding.message]),
      [
        ['vap/demo-policy.example.com', 'web', 7, 1, 'high', DENIAL],
        ['vap/demo-policy.example.com', 'api', 20, 1, 'high', DENIAL],
      ],
    );
    assert.deepEqual(result.checks.map((check) => check.id), ['privileged-container', 'vap/demo-policy.example.com']);
    assert.equal(result.exitCode, 1);
    const sarif = JSON.parse(renderReport(result, 'sarif')) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex: number }> }> };
    const run = sarif.runs[0];
    assert.ok(run);
    assert.equal(run.tool.driver.rules[run.results[0]?.ruleIndex ?? -1]?.id, 'vap/demo-policy.example.com');
  });

  it('takes exceptions and modes from bulwark.yaml like any check', async () => {
    const policy = parsePolicy(
      'bulwark.yaml',
      `environments:
  - name: shop
    match: {namespaces: [shop]}
    checks:
      vap/demo-policy.example.com: {mode: warn}
exceptions:
  - id: EXC-9
    checks: [vap/demo-policy.example.com]
    scope: {name: api}
    reason: scaled by the HPA
    owner: shop-team
    expires: "2027-01-31"
`,
      BUILTIN_CHECKS,
      NOW,
    );
    const result = await scan({ paths: [APP], admissionPolicies: [POLICY], checks: ['privileged-container'], policy, now: NOW });
    assert.deepEqual(
      result.findings.map((finding) => [finding.resource.name, finding.mode, finding.status, finding.exception]),
      [
        ['web', 'warn', 'fail', undefined],
        ['api', 'warn', 'excepted', 'EXC-9'],
      ],
    );
    assert.equal(result.exitCode, 0);
  });

  it('an unreadable policy file or one without policies is a configuration error', async () => {
    await assert.rejects(scan({ paths: [APP], admissionPolicies: [join(DIR, 'missing.yaml')] }), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_CONFIG' && /cannot read the admission policies/.test(error.message));
    await assert.rejects(scan({ paths: [APP], admissionPolicies: [APP] }), (error: unknown) => error instanceof BulwarkError && /no ValidatingAdmissionPolicy found/.test(error.message));
  });
});
