import type { Check } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';
import { findControl } from '../frameworks/catalog.js';
import { DOCS_BASE_URL } from '../version.js';

/** The format of a command that offers text and json; a usage error for anything else. */
export function requireTextOrJson(format: string): 'text' | 'json' {
  if (format === 'text' || format === 'json') return format;
  throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${format}" for this command`, 'Use text or json.');
}

function describe(check: Check) {
  return {
    id: check.id,
    title: check.meta.title,
    severity: check.meta.severity,
    category: check.meta.category,
    scope: check.scope,
    summary: check.meta.summary,
    remediation: check.meta.remediation,
    frameworks: check.meta.frameworks,
    references: check.meta.references,
    options: check.meta.options ?? {},
    docs: `docs/checks/${check.id}.md`,
    helpUri: `${DOCS_BASE_URL}${check.id}.md`,
  };
}

/** The catalogue as a table (text) or an array (json, schema `docs/schemas/checks-list.schema.json`). */
export function listChecks(checks: readonly Check[], format: string): string {
  if (requireTextOrJson(format) === 'json') return `${JSON.stringify({ schemaVersion: '1.0.0', checks: checks.map(describe) }, null, 2)}\n`;
  const rows = checks.map((check) => [check.id, check.meta.severity, check.meta.category, check.meta.title]);
  const header = ['ID', 'SEVERITY', 'CATEGORY', 'TITLE'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: string[]) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] as number))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n\n${checks.length} checks. \`bulwark checks explain <id>\` shows one in full.\n`;
}

export function explainCheck(check: Check, format: string): string {
  const described = describe(check);
  if (requireTextOrJson(format) === 'json') return `${JSON.stringify({ schemaVersion: '1.0.0', ...described }, null, 2)}\n`;
  const out = [
    `${check.meta.title} (${check.id})`,
    `Severity: ${check.meta.severity}   Category: ${check.meta.category}`,
    '',
    check.meta.summary,
    '',
    'Remediation:',
    `  ${check.meta.remediation}`,
  ];
  if (check.meta.frameworks.length > 0) {
    out.push('', 'Frameworks:');
    for (const mapping of check.meta.frameworks) {
      const title = findControl(mapping.framework, mapping.control)?.title;
      out.push(`  ${mapping.framework} ${mapping.control}${title ? ` — ${title}` : ''}`);
    }
  }
  const options = Object.entries(check.meta.options ?? {});
  if (options.length > 0) {
    out.push('', 'Options:');
    for (const [name, option] of options) out.push(`  ${name} (${option.type}, default ${JSON.stringify(option.default)}): ${option.description}`);
  }
  if (check.meta.references.length > 0) {
    out.push('', 'References:');
    for (const reference of check.meta.references) out.push(`  ${reference}`);
  }
  out.push('', `Documentation: ${described.docs}`);
  return `${out.join('\n')}\n`;
}
