import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import { checkFiles, loadCases, renderCheckIndex, renderCheckPage, withReadmeCatalogue } from '../scripts/check-docs.js';
import { BUILTIN_CHECKS } from '../src/checks/index.js';
import { findControl } from '../src/frameworks/catalog.js';
import { POLICY_SCHEMA } from '../src/policy/schema.js';
import { ROOT } from './helpers.js';

const DOCS = join(ROOT, 'docs', 'checks');

describe('generated check documentation', () => {
  for (const check of BUILTIN_CHECKS) {
    it(`docs/checks/${check.id}.md is up to date (npm run docs:generate)`, async () => {
      const file = join(DOCS, `${check.id}.md`);
      assert.ok(existsSync(file), `${file} is missing`);
      assert.equal(readFileSync(file, 'utf8'), await renderCheckPage(check));
    });
  }

  it('docs/schemas/bulwark-config.schema.json matches the schema the policy loader uses', () => {
    assert.deepEqual(JSON.parse(readFileSync(join(ROOT, 'docs/schemas/bulwark-config.schema.json'), 'utf8')), JSON.parse(JSON.stringify(POLICY_SCHEMA)));
  });

  it('the README catalogue is up to date', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.equal(readme, withReadmeCatalogue(readme));
  });

  it('docs/checks/README.md is up to date and no page is stale', () => {
    assert.equal(readFileSync(join(DOCS, 'README.md'), 'utf8'), renderCheckIndex());
    const expected = new Set(['README.md', ...BUILTIN_CHECKS.map((check) => `${check.id}.md`)]);
    const stale = readdirSync(DOCS).filter((name) => !expected.has(name));
    assert.deepEqual(stale, []);
  });
});

describe('check catalogue conventions', () => {
  const ids = new Set<string>();
  for (const check of BUILTIN_CHECKS) {
    it(`${check.id}: module, cases, prose and test beside it; complete meta`, async () => {
      assert.match(check.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
      assert.ok(!ids.has(check.id), 'ids are unique');
      ids.add(check.id);
      const files = checkFiles(check);
      for (const path of Object.values(files)) assert.ok(existsSync(path), `${path} exists (file names follow the id)`);
      const module = (await import(pathToFileURL(files.module).href)) as Record<string, unknown>;
      assert.ok(Object.values(module).includes(check), 'the module named after the id exports the check');
      const prose = readFileSync(files.prose, 'utf8');
      assert.match(prose, /^## Why it matters$/m);
      const cases = await loadCases(check);
      assert.ok(cases.valid.length >= 1, 'at least one valid case');
      assert.ok(cases.invalid.length >= 1, 'at least one invalid case');
      const { meta } = check;
      for (const field of ['title', 'summary', 'category', 'remediation'] as const) assert.ok(meta[field].trim().length > 0, `meta.${field}`);
      assert.ok(meta.frameworks.length > 0, 'maps to at least one framework control');
      for (const mapping of meta.frameworks) assert.ok(findControl(mapping.framework, mapping.control), `${mapping.framework} ${mapping.control} is a known control (src/frameworks/catalog.ts)`);
      assert.ok(meta.references.length > 0 && meta.references.every((reference) => /^https:\/\//.test(reference)), 'references are https URLs');
      assert.ok(readFileSync(files.test, 'utf8').includes('testCheck('), 'the test runs the case table');
    });
  }
});
