import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { explainCheck, listChecks } from '../src/cli/checks.js';
import { createBaseline } from '../src/findings/baseline.js';
import { scan } from '../src/scan.js';
import { ROOT } from './helpers.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

function validator(name: string) {
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs/schemas', name), 'utf8')) as object;
  return addFormats(new Ajv2020({ allErrors: true, strict: true })).compile(schema);
}

describe('published JSON schemas describe the outputs', () => {
  it('checks list and checks explain', () => {
    const validate = validator('checks.schema.json');
    const list = JSON.parse(listChecks(BUILTIN_CHECKS, 'json')) as unknown;
    assert.ok(validate(list), JSON.stringify(validate.errors));
    for (const check of BUILTIN_CHECKS) {
      const explained = JSON.parse(explainCheck(check, 'json')) as unknown;
      assert.ok(validate(explained), `${check.id}: ${JSON.stringify(validate.errors)}`);
    }
    assert.equal(validate({ schemaVersion: '1.0.0', checks: [{ id: 'x' }] }), false);
  });

  it('baseline files', async () => {
    const validate = validator('baseline.schema.json');
    const result = await scan({ paths: [join(ROOT, 'examples/insecure-app')] });
    const baseline = createBaseline(result.findings);
    assert.ok(baseline.entries.length > 0);
    assert.ok(validate(JSON.parse(JSON.stringify(baseline))), JSON.stringify(validate.errors));
    assert.equal(validate({ schemaVersion: '1', createdAt: 'yesterday', entries: [] }), false);
  });
});
