import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { createBaseline } from '../../src/findings/baseline.js';
import { renderReport } from '../../src/report/index.js';
import { scan } from '../../src/scan.js';
import { ROOT, CORE_CHECKS } from '../helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(join(ROOT, 'docs/schemas/scan-result.schema.json'), 'utf8')) as object;
const validate = addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(schema);

const insecure = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          privileged: true
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: reader
rules: []
---
kind: [
`;

describe('json reporter', () => {
  it('matches its published schema, with findings, diagnostics and suppressions', async () => {
    const first = await scan({ sources: [{ file: 'k8s/app.yaml', text: insecure }], checks: CORE_CHECKS });
    const withBaseline = await scan({ sources: [{ file: 'k8s/app.yaml', text: insecure }], checks: CORE_CHECKS, baseline: createBaseline(first.findings.slice(0, 1)) });
    for (const result of [first, withBaseline, await scan({ sources: [] })]) {
      const output = JSON.parse(renderReport(result, 'json')) as unknown;
      assert.ok(validate(output), JSON.stringify(validate.errors, null, 2));
    }
    const output = JSON.parse(renderReport(withBaseline, 'json')) as {
      schemaVersion: string;
      summary: { suppressed: number };
      findings: Array<{ checkId: string; line: number; column: number; status: string; resource: { namespace?: string } }>;
      diagnostics: Array<{ code: string; line: number }>;
    };
    assert.equal(output.schemaVersion, '1.0.0');
    assert.equal(output.summary.suppressed, 1);
    assert.equal(output.findings.filter((finding) => finding.status === 'suppressed').length, 1);
    const privileged = output.findings.find((finding) => finding.checkId === 'privileged-container');
    assert.deepEqual([privileged?.line, privileged?.column, privileged?.resource.namespace], [13, 11, 'shop']);
    assert.deepEqual(output.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.line]), [['yaml-syntax', 21]]);
  });

  it('the schema rejects what it should (it is not vacuous)', () => {
    assert.equal(validate({ schemaVersion: '1.0.0' }), false);
    assert.equal(validate({}), false);
  });
});
