import { createColors } from 'picocolors';
import type { Finding, Severity } from '../findings/types.js';
import type { ScanResult } from '../scan.js';
import type { Reporter } from './index.js';
import { redactLine } from './redact.js';
import { complianceLines } from './compliance.js';
import { resourceLabel } from './format.js';

const FRAME_CONTEXT = 2;

/** Source lines around a finding, with a caret under the column; secret values masked. */
export function codeFrame(source: string, line: number, column: number, inSecret: boolean): string[] {
  const lines = source.split('\n');
  const first = Math.max(1, line - FRAME_CONTEXT);
  const last = Math.min(lines.length, line + FRAME_CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let number = first; number <= last; number++) {
    const text = redactLine((lines[number - 1] ?? '').replace(/\r$/, ''), inSecret).replace(/\t/g, ' ');
    const marker = number === line ? '>' : ' ';
    out.push(`${marker} ${String(number).padStart(width)} | ${text}`.trimEnd());
    if (number === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out;
}

/** Human-readable report: findings grouped by file, each with a code frame, then a summary. */
export const renderText: Reporter = (result: ScanResult, options) => {
  const colors = createColors(options.color);
  const paint: Record<Severity, (text: string) => string> = {
    critical: (text) => colors.bold(colors.magenta(text)),
    high: (text) => colors.bold(colors.red(text)),
    medium: colors.yellow,
    low: colors.cyan,
    info: colors.dim,
  };
  const out: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    // Audit-mode findings are recorded (json, sarif, ...) but not shown here; the summary counts them.
    if (finding.status !== 'fail' || finding.mode === 'audit') continue;
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    out.push(colors.underline(colors.bold(file)));
    const source = result.sources.get(file);
    for (const finding of findings) {
      const severity = paint[finding.severity](finding.severity.toUpperCase().padEnd(8));
      const mode = finding.mode === 'warn' ? ` ${colors.yellow('[warn]')}` : '';
      out.push(`  ${`${finding.line}:${finding.column}`.padEnd(8)} ${severity} ${colors.bold(finding.checkId)}${mode}  ${finding.message}`);
      const where = [resourceLabel(finding.resource), ...(finding.path !== '' ? [finding.path] : [])];
      if (finding.template !== undefined) where.push(`template ${finding.template}`);
      out.push(colors.dim(`           ${where.join(' · ')}`));
      if (source !== undefined) {
        for (const line of codeFrame(source, finding.line, finding.column, finding.resource.kind === 'Secret')) out.push(colors.dim(`           ${line}`));
      }
      out.push('');
    }
  }
  const diagnostics = result.diagnostics.filter((diagnostic) => diagnostic.severity !== 'note');
  if (diagnostics.length > 0) {
    out.push(colors.bold('Input problems'));
    for (const diagnostic of diagnostics) {
      const where = diagnostic.line !== undefined ? `${diagnostic.file}:${diagnostic.line}${diagnostic.column !== undefined ? `:${diagnostic.column}` : ''}` : diagnostic.file;
      const label = diagnostic.severity === 'error' ? colors.red('error') : colors.yellow('warning');
      out.push(`  ${label} ${where}  ${diagnostic.message} [${diagnostic.code}]`);
    }
    out.push('');
  }
  const notes = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'note').length;
  if (result.compliance !== undefined) out.push(...complianceLines(result.compliance), '');
  out.push(summaryLine(result, notes));
  const verdict = !result.trusted
    ? colors.red(`Result cannot be trusted: ${result.untrustedReasons.join('; ')}.`)
    : result.summary.failing > 0
      ? colors.red(`Failed: ${result.summary.failing} finding${result.summary.failing === 1 ? '' : 's'} at or above ${result.failOn}.`)
      : colors.green(result.failOn === 'none' ? 'Passed (no fail threshold).' : `Passed: nothing at or above ${result.failOn}.`);
  out.push(verdict);
  return `${out.join('\n')}\n`;
};

function summaryLine(result: ScanResult, notes: number): string {
  const { summary } = result;
  const active = result.findings.filter((finding) => finding.status === 'fail').length;
  const parts = (['critical', 'high', 'medium', 'low', 'info'] as const).filter((severity) => summary.bySeverity[severity] > 0).map((severity) => `${summary.bySeverity[severity]} ${severity}`);
  let line = `${active} finding${active === 1 ? '' : 's'}${parts.length > 0 ? ` (${parts.join(', ')})` : ''} in ${summary.resources} resource${summary.resources === 1 ? '' : 's'} from ${summary.files} file${summary.files === 1 ? '' : 's'}, ${summary.checks} check${summary.checks === 1 ? '' : 's'}`;
  if (summary.suppressed > 0) line += `; ${summary.suppressed} suppressed by the baseline`;
  const excepted = result.findings.filter((finding) => finding.status === 'excepted');
  if (excepted.length > 0) {
    const byException = new Map<string, number>();
    for (const finding of excepted) byException.set(finding.exception ?? '', (byException.get(finding.exception ?? '') ?? 0) + 1);
    line += `; ${excepted.length} excepted by policy (${[...byException].map(([id, count]) => `${id}: ${count}`).join(', ')})`;
  }
  const warned = result.findings.filter((finding) => finding.status === 'fail' && finding.mode === 'warn').length;
  const audited = result.findings.filter((finding) => finding.status === 'fail' && finding.mode === 'audit').length;
  if (warned > 0) line += `; ${warned} in warn mode (never failing)`;
  if (audited > 0) line += `; ${audited} recorded in audit mode (not listed)`;
  if (notes > 0) line += `; ${notes} document${notes === 1 ? '' : 's'} skipped (not Kubernetes objects)`;
  return `${line}.`;
}
