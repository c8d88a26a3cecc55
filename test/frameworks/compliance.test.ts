import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { BUILTIN_CHECKS } from '../../src/checks/index.js';
import { frameworkChecks } from '../../src/frameworks/compliance.js';
import { renderReport } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { ROOT } from '../helpers.js';

const pod = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  hostPID: true
  containers:
  - name: app
    image: nginx:1.27
    securityContext:
      privileged: true
`;

describe('frameworks and compliance', () => {
  it('pss-baseline runs the exact evaluator and reports each control', async () => {
    const result = await scan({ sources: [{ file: 'pod.yaml', text: pod }], framework: 'pss-baseline' });
    assert.deepEqual(result.checks.map((check) => check.id), ['pss-baseline']);
    const status = Object.fromEntries(result.compliance?.controls.map((control) => [control.id, control.status]) ?? []);
    assert.equal(status['baseline:hostNamespaces'], 'fail');
    assert.equal(status['baseline:privileged'], 'fail');
    assert.equal(status['baseline:sysctls'], 'pass');
    assert.equal(status['restricted:runAsNonRoot'], undefined, 'baseline lists only baseline controls');
    assert.equal(result.compliance?.summary.failed, 2);
    assert.equal(result.compliance?.summary.coverage, 100);
  });

  it('cis runs every check mapped to CIS and shows what is not covered', async () => {
    const result = await scan({ sources: [{ file: 'pod.yaml', text: pod }], framework: 'cis' });
    assert.ok(result.checks.length > 0);
    assert.ok(result.checks.every((check) => check.meta.frameworks.some((mapping) => mapping.framework === 'CIS')));
    const controls = new Map(result.compliance?.controls.map((control) => [control.id, control]));
    assert.equal(controls.get('5.2.2')?.status, 'fail');
    assert.deepEqual(controls.get('5.2.2')?.checks.includes('privileged-container'), true);
    assert.equal(controls.get('5.2.1')?.status, 'not-covered', 'a cluster-level control no manifest check covers');
    const summary = result.compliance?.summary;
    assert.ok(summary !== undefined && summary.covered + summary.notCovered === summary.controls);
    const text = renderReport(result, 'text');
    assert.match(text, /Compliance: cis\nCONTROL +STATUS +FINDINGS +TITLE/);
    assert.match(text, /5\.2\.2 +FAIL +1 +Minimize the admission of privileged containers/);
    assert.match(renderReport(result, 'markdown'), /### Compliance: cis/);
    const validate = new Ajv2020({ strict: true }).compile(JSON.parse(readFileSync(join(ROOT, 'docs/schemas/scan-result.schema.json'), 'utf8')) as object);
    assert.ok(validate(JSON.parse(renderReport(result, 'json'))), JSON.stringify(validate.errors));
  });

  it('rejects an unknown framework', () => {
    assert.throws(() => frameworkChecks('iso27001', BUILTIN_CHECKS), /unknown framework "iso27001"/);
  });
});
