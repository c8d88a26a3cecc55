import type { Finding } from './types.js';

/**
 * Ranks of a set of texts in `localeCompare` order; texts that compare equal share a rank,
 * so comparing ranks orders exactly as comparing the texts would.
 */
function localeRanks(texts: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(texts)].sort((a, b) => a.localeCompare(b));
  const ranks = new Map<string, number>();
  let rank = 0;
  sorted.forEach((text, index) => {
    if (index > 0 && (sorted[index - 1] as string).localeCompare(text) !== 0) rank++;
    ranks.set(text, rank);
  });
  return ranks;
}

/**
 * Sorts findings in place by file, line, column, check and path: the scan's order, which reports start from.
 * Files and check ids repeat across tens of thousands of findings, so each distinct one is
 * compared once and the sort compares numbers; paths, the last tie-break, compare as text.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const fileRanks = localeRanks(findings.map((finding) => finding.file));
  const checkRanks = localeRanks(findings.map((finding) => finding.checkId));
  const keys = findings.map((finding, index) => ({
    index,
    file: fileRanks.get(finding.file) as number,
    line: finding.line,
    column: finding.column,
    check: checkRanks.get(finding.checkId) as number,
  }));
  keys.sort(
    (a, b) =>
      a.file - b.file ||
      a.line - b.line ||
      a.column - b.column ||
      a.check - b.check ||
      (findings[a.index] as Finding).path.localeCompare((findings[b.index] as Finding).path),
  );
  const original = findings.slice();
  keys.forEach((key, position) => {
    findings[position] = original[key.index] as Finding;
  });
  return findings;
}
