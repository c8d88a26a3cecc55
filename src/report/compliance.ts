import type { ComplianceReport, ControlStatus } from '../frameworks/compliance.js';

const STATUS_TEXT: Record<ControlStatus, string> = { pass: 'pass', fail: 'FAIL', 'not-covered': 'not covered' };

/** The compliance table as aligned text lines. */
export function complianceLines(report: ComplianceReport): string[] {
  const rows = report.controls.map((control) => [control.id, STATUS_TEXT[control.status], control.findings > 0 ? String(control.findings) : '', control.title]);
  const header = ['CONTROL', 'STATUS', 'FINDINGS', 'TITLE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');
  const { summary } = report;
  return [
    `Compliance: ${report.framework}`,
    line(header),
    ...rows.map(line),
    `${summary.passed} of ${summary.covered} covered controls pass (${summary.passRate}%); ${summary.covered} of ${summary.controls} controls covered by checks (${summary.coverage}%), ${summary.notCovered} not covered.`,
  ];
}

/** The compliance table in Markdown. */
export function complianceMarkdown(report: ComplianceReport): string[] {
  const { summary } = report;
  return [
    `### Compliance: ${report.framework}`,
    '',
    `${summary.passed} of ${summary.covered} covered controls pass (${summary.passRate}%); ${summary.coverage}% of ${summary.controls} controls covered.`,
    '',
    '| Control | Status | Findings | Title |',
    '| --- | --- | ---: | --- |',
    ...report.controls.map((control) => `| ${control.id} | ${STATUS_TEXT[control.status]} | ${control.findings} | ${control.title.replace(/\|/g, '\\|')} |`),
  ];
}
