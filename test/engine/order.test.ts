import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sortFindings } from '../../src/findings/order.js';
import type { Finding } from '../../src/findings/types.js';

/** The order every report uses, written as plainly as possible. */
function reference(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.checkId.localeCompare(b.checkId) || a.path.localeCompare(b.path);
}

function finding(file: string, line: number, column: number, checkId: string, path: string, tag: number): Finding {
  return {
    checkId,
    title: checkId,
    severity: 'low',
    status: 'fail',
    message: `#${tag}`,
    resource: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' },
    path,
    file,
    line,
    column,
    fingerprint: String(tag),
  };
}

describe('finding order', () => {
  it('orders by file, line, column, check and path exactly as a text comparison does, and keeps ties in place', () => {
    // Mixed case, accents, a decomposed accent that compares equal to the composed one, digits.
    const files = ['b.yaml', 'B.yaml', 'a/x.yaml', 'A/x.yaml', 'é.yaml', 'e\u0301.yaml', 'z10.yaml', 'z9.yaml', '_.yaml'];
    const checks = ['image-latest-tag', 'Image-latest-tag', 'pss-restricted', 'pss-baseline', 'a'];
    const paths = ['spec.a', 'spec.B', 'spec.b', 'spec.é', 'spec.e\u0301', ''];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const findings = Array.from({ length: 3000 }, (_, tag) =>
      finding(files[next(files.length)] as string, 1 + next(4), 1 + next(3), checks[next(checks.length)] as string, paths[next(paths.length)] as string, tag),
    );
    const expected = findings.slice().sort(reference).map((item) => item.message);
    const sorted = sortFindings(findings);
    assert.equal(sorted, findings, 'sorted in place');
    assert.deepEqual(
      sorted.map((item) => item.message),
      expected,
    );
  });

  it('leaves an empty list empty', () => {
    assert.deepEqual(sortFindings([]), []);
  });
});
