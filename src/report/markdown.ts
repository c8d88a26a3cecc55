import { SEVERITIES, severityRank, type Finding, type Severity } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import type { ScanResult } from '../scan.js';
import { DOCS_BASE_URL } from '../version.js';
import type { Reporter } from './index.js';
import { resourceLabel, plural } from './format.js';
import { complianceMarkdown } from './compliance.js';

/**
 * Markdown for a pull-request comment: verdict first, then a summary and the findings,
 * kept under GitHub's comment size limit however large the scan.
 */

/** GitHub rejects comment bodies over 65,536 characters; the rest is headroom for tables' ends and notes. */
export const MARKDOWN_BUDGET = 60_000;
/** More rows than this is not something a reviewer reads in a comment. */
export const MAX_FINDING_ROWS = 200;
const MAX_DIAGNOSTIC_ROWS = 50;
/** Long messages are cut so one finding cannot use up the budget. */
const MAX_CELL_LENGTH = 400;

/** Lets bots find (and update) an earlier Bulwark comment on the same pull request. */
const MARKER = '<!-- bulwark-report -->';

const ICONS: Record<Severity, string> = { critical: '🟥', high: '🟧', medium: '🟨', low: '🟦', info: '⬜' };

/**
 * Text for a table cell or a list item: markdown punctuation is backslash-escaped so input
 * cannot add links or formatting, `<` and `&` become entities so it cannot add HTML, and
 * line breaks (which would end the table row) become `<br>`.
 */
export function escapeMarkdown(value: string, maxLength = MAX_CELL_LENGTH): string {
  const chars = [...value];
  const text = chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('')}…` : value;
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`|*_[\]~>#!]/g, '\\$&')
    .replace(/\r\n|\r|\n/g, '<br>');
}

function bySeverityThenPlace(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    a.file.localeCompare(b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    a.checkId.localeCompare(b.checkId)
  );
}

function verdict(result: ScanResult): string[] {
  if (!result.trusted) {
    const lines = ['## ⚠️ Bulwark: the result cannot be trusted', '', ...result.untrustedReasons.map((reason) => `- ${escapeMarkdown(reason)}`)];
    // What did parse may still fail the gate; say so rather than hide it behind the warning.
    if (result.summary.failing > 0) lines.push('', `The part that could be scanned has ${plural(result.summary.failing, 'finding')} at or above ${result.failOn}.`);
    return lines;
  }
  if (result.summary.failing > 0) {
    return [`## ❌ Bulwark: ${plural(result.summary.failing, 'finding')} at or above ${result.failOn}`];
  }
  const threshold = result.failOn === 'none' ? 'no severity threshold set' : `no findings at or above ${result.failOn}`;
  return [`## ✅ Bulwark: passed (${threshold})`];
}

function summaryTable(result: ScanResult): string[] {
  const rows = [...SEVERITIES].reverse().map((severity) => `| ${ICONS[severity]} ${severity} | ${result.summary.bySeverity[severity]} |`);
  return ['| Severity | Findings |', '| --- | ---: |', ...rows];
}

function scope(result: ScanResult): string {
  const { summary } = result;
  const parts = [`Scanned ${plural(summary.resources, 'resource')} in ${plural(summary.files, 'file')} with ${plural(summary.checks, 'check')}.`];
  if (summary.suppressed > 0) parts.push(`${plural(summary.suppressed, 'finding')} suppressed by the baseline (not listed).`);
  const excepted = result.findings.filter((finding) => finding.status === 'excepted').length;
  if (excepted > 0) parts.push(`${plural(excepted, 'finding')} excepted by policy exceptions (not listed).`);
  return parts.join(' ');
}

function findingRow(finding: Finding, custom: ReadonlySet<string>): string {
  const check = custom.has(finding.checkId) ? escapeMarkdown(finding.checkId) : `[${escapeMarkdown(finding.checkId)}](${DOCS_BASE_URL}${encodeURIComponent(finding.checkId)}.md)`;
  const cells = [
    `${ICONS[finding.severity]} ${finding.severity}`,
    check,
    escapeMarkdown(resourceLabel(finding.resource)),
    escapeMarkdown(`${finding.file}:${finding.line}`),
    escapeMarkdown(finding.message),
  ];
  return `| ${cells.join(' | ')} |`;
}

function diagnosticRow(diagnostic: Diagnostic): string {
  const where = diagnostic.file === '' ? '' : `${diagnostic.file}${diagnostic.line !== undefined ? `:${diagnostic.line}` : ''}`;
  return `| ${diagnostic.severity} | ${escapeMarkdown(diagnostic.code)} | ${escapeMarkdown(where)} | ${escapeMarkdown(diagnostic.message)} |`;
}

/** Adds rows while they fit both the row cap and the character budget; returns how many were left out. */
function fitRows(out: string[], rows: readonly string[], maxRows: number, budget: { left: number }): number {
  let shown = 0;
  for (const row of rows) {
    if (shown >= maxRows || row.length + 1 > budget.left) break;
    out.push(row);
    budget.left -= row.length + 1;
    shown++;
  }
  return rows.length - shown;
}

const length = (lines: readonly string[]) => lines.reduce((sum, line) => sum + line.length + 1, 0);

export const renderMarkdown: Reporter = (result) => {
  const head = [MARKER, ...verdict(result), '', scope(result), '', ...summaryTable(result), ...(result.compliance ? ['', ...complianceMarkdown(result.compliance)] : [])];
  const budget = { left: MARKDOWN_BUDGET - length(head) };
  const body: string[] = [];

  const failing = result.findings.filter((finding) => finding.status === 'fail' && finding.mode !== 'audit').sort(bySeverityThenPlace);
  const custom = new Set(result.checks.filter((check) => check.meta.custom === true).map((check) => check.id));
  if (failing.length > 0) {
    body.push('', '### Findings', '', '| Severity | Check | Resource | Location | Message |', '| --- | --- | --- | --- | --- |');
    budget.left -= length(body);
    const left = fitRows(body, failing.map((finding) => findingRow(finding, custom)), MAX_FINDING_ROWS, budget);
    if (left > 0) body.push('', `_${plural(left, 'more finding')} not shown. Run Bulwark locally or use the SARIF or HTML report for the full list._`);
  }

  if (result.diagnostics.length > 0) {
    const section = ['', '### Input problems', '', '| Level | Code | Location | Message |', '| --- | --- | --- | --- |'];
    body.push(...section);
    budget.left -= length(section);
    const left = fitRows(body, result.diagnostics.map(diagnosticRow), MAX_DIAGNOSTIC_ROWS, budget);
    if (left > 0) body.push('', `_${plural(left, 'more input problem')} not shown._`);
  }

  return `${[...head, ...body].join('\n')}\n`;
};
