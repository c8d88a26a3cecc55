import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseSource } from '../../src/loader/parse.js';
import { DEFAULT_LIMITS } from '../../src/loader/types.js';
import { extractResources } from '../../src/model/resource.js';
import { evaluatePod, parsePssVersion, podViewOf } from '../../src/pss/index.js';
import type { PssLevel } from '../../src/pss/types.js';
import { CORPUS, HAS_CORPUS, noteMissingCorpus } from '../helpers.js';

interface Fixture {
  file: string;
  level: PssLevel;
  version: string;
  expected: 'allowed' | 'denied';
  check: string | null;
  expectedForbiddenReasonSubstring?: string;
}

/**
 * The upstream pod-security admission plugin's own fixtures: every Pod must be allowed or
 * denied exactly as upstream decides at its level and version, and a denial must carry
 * the reason substring upstream asserts. Normative: the target is 100%.
 */
describe('Pod Security Standards conformance', { skip: !HAS_CORPUS && 'corpus not present' }, () => {
  if (!HAS_CORPUS) {
    noteMissingCorpus('PSS conformance');
    return;
  }
  const root = join(CORPUS, 'pss');
  const fixtures = JSON.parse(readFileSync(join(root, 'index.json'), 'utf8')) as Fixture[];

  it('matches upstream on every fixture, level and version', () => {
    const failures: string[] = [];
    let denialsWithReason = 0;
    for (const fixture of fixtures) {
      const { documents, diagnostics } = parseSource(fixture.file, readFileSync(join(root, fixture.file), 'utf8'), DEFAULT_LIMITS);
      const resource = extractResources(documents, 'default').resources[0];
      const pod = resource ? podViewOf(resource) : undefined;
      if (pod === undefined || diagnostics.length > 0) {
        failures.push(`${fixture.file}: not loaded`);
        continue;
      }
      const result = evaluatePod(pod, { level: fixture.level, minor: parsePssVersion(fixture.version) });
      const actual = result.allowed ? 'allowed' : 'denied';
      if (actual !== fixture.expected) {
        failures.push(`${fixture.file}: expected ${fixture.expected}, got ${actual}${result.violations.length ? `: ${result.violations.map((v) => v.message).join('; ')}` : ''}`);
        continue;
      }
      const substring = fixture.expectedForbiddenReasonSubstring;
      if (fixture.expected === 'denied' && substring !== undefined) {
        if (!result.violations.some((violation) => violation.message.includes(substring))) {
          failures.push(`${fixture.file}: no violation mentions "${substring}": ${result.violations.map((v) => v.message).join('; ')}`);
        } else denialsWithReason++;
      }
    }
    const passed = fixtures.length - failures.length;
    process.stderr.write(`PSS conformance: ${passed}/${fixtures.length} fixtures (${((100 * passed) / fixtures.length).toFixed(2)}%); ${denialsWithReason} denials carry upstream's reason\n`);
    assert.ok(fixtures.length >= 4500, `${fixtures.length} fixtures`);
    assert.deepEqual(failures.slice(0, 30), [], `${failures.length} fixtures differ from upstream`);
  });
});
