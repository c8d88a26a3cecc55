import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as source from '../../src/index.js';
import { CORPUS, filesUnder, HAS_CORPUS, noteMissingCorpus, ROOT } from '../helpers.js';

/**
 * The tests run the TypeScript sources; users run dist/, which the build compiles with its own
 * transform (scripts/indexed-loops.ts). The two must scan alike: every finding, diagnostic and
 * count, on the examples and on every external corpus, with every check enabled.
 */
const BUILT = join(ROOT, 'dist', 'index.js');

/** Why the comparison cannot run: no build, or one older than the sources (`npm test` builds first). */
function notComparable(): string | false {
  if (!existsSync(BUILT)) return 'dist/ not built: run npm run build';
  const built = statSync(BUILT).mtimeMs;
  const newer = filesUnder(join(ROOT, 'src'), ['.ts']).find((file) => !file.endsWith('.test.ts') && statSync(file).mtimeMs > built);
  return newer === undefined ? false : `dist/ is older than ${newer}: run npm run build`;
}

describe('the built library', { skip: notComparable() }, () => {
  it('was compiled with the build transform', () => {
    // The engine's loop over the resources, as the transform writes it.
    assert.match(readFileSync(join(ROOT, 'dist', 'engine', 'run.js'), 'utf8'), /for \(let index_\d+ = 0; index_\d+ < list_\d+\.length; index_\d+\+\+\)/);
  });

  it('scans exactly as the sources do', async () => {
    const built = (await import(pathToFileURL(BUILT).href)) as typeof source;
    if (!HAS_CORPUS) noteMissingCorpus('the comparison of the built library on the external corpora');
    const paths = [join(ROOT, 'examples'), ...(HAS_CORPUS ? [CORPUS] : [])];
    const checks = source.BUILTIN_CHECKS.map((check) => check.id);
    assert.deepEqual(
      built.BUILTIN_CHECKS.map((check) => check.id),
      checks,
    );
    const expected = await source.scan({ paths, checks });
    const actual = await built.scan({ paths, checks });
    assert.ok(expected.findings.length > (HAS_CORPUS ? 100_000 : 100), `only ${expected.findings.length} findings: the inputs are missing`);
    assert.equal(actual.findings.length, expected.findings.length);
    // One finding at a time, so that a difference names the finding rather than a 100 MB text.
    for (let index = 0; index < expected.findings.length; index++) {
      assert.equal(JSON.stringify(actual.findings[index]), JSON.stringify(expected.findings[index]), `finding ${index}`);
    }
    assert.deepEqual(actual.diagnostics, expected.diagnostics);
    assert.deepEqual(actual.summary, expected.summary);
    assert.equal(actual.trusted, expected.trusted);
  });
});
