import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, it } from 'node:test';
import { scan } from '../../src/scan.js';
import { CORPUS, filesUnder, HAS_CORPUS, noteMissingCorpus } from '../helpers.js';

describe('real-world manifests', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  if (!HAS_CORPUS) {
    noteMissingCorpus('real-world scans');
    return;
  }
  const files = filesUnder(`${CORPUS}/real-world`, ['.yaml', '.yml', '.json']);

  it('finds the corpus', () => assert.ok(files.length >= 20, `${files.length} files`));

  for (const file of files) {
    const name = relative(CORPUS, file);
    it(`scans ${name} without a parse problem`, async () => {
      const result = await scan({ sources: [{ file: name, text: readFileSync(file, 'utf8') }], failOn: 'none' });
      const problems = result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'note');
      assert.deepEqual(problems, [], 'valid files must produce no diagnostics');
      if (name.endsWith('kustomization.yaml')) {
        assert.equal(result.summary.resources, 0);
        assert.equal(result.diagnostics[0]?.code, 'not-kubernetes');
      } else {
        assert.ok(result.summary.resources > 0, 'every manifest holds resources');
        // A file of kinds no check applies to (a lone Service) is honestly "nothing evaluated".
        const nothingApplied = result.summary.findings === 0 && result.untrustedReasons.join() === 'no check applied to any resource in the input';
        assert.ok(result.exitCode === 0 || nothingApplied, result.untrustedReasons.join('; '));
      }
      for (const finding of result.findings) {
        assert.ok(finding.line >= 1 && finding.column >= 1, `${finding.checkId} has a position`);
      }
    });
  }

  it('scans the whole directory in one run', async () => {
    const result = await scan({ paths: [`${CORPUS}/real-world`], failOn: 'none' });
    assert.equal(result.summary.files, files.length);
    assert.ok(result.summary.resources >= 160, `${result.summary.resources} resources`);
    assert.equal(result.summary.errors, 0);
  });
});
