import { createColors } from 'picocolors';
import { BulwarkError } from '../errors/index.js';
import { resourceLabel } from '../report/format.js';
import type { PssModeResult, PssResourceResult, PssRun } from './report.js';

/** The `bulwark pss` result as JSON: an array of resource verdicts (schema `docs/schemas/pss-result.schema.json`). */
export function renderPssJson(run: PssRun): string {
  return `${JSON.stringify(run.results, null, 2)}\n`;
}

/** The `bulwark pss` result for people: denied resources with each violation, then namespaces and a summary. */
export function renderPssText(run: PssRun, color: boolean): string {
  const colors = createColors(color);
  const out: string[] = [];
  const source = (result: PssResourceResult) =>
    result.policySource === 'option' ? '' : result.policySource === 'namespace' ? ', from the namespace label' : ', the default for unlabelled namespaces';
  const modeLine = (name: string, mode: PssModeResult | undefined) =>
    mode === undefined ? [] : [`    ${name} ${mode.level}:${mode.version}: ${mode.allowed ? 'no violations' : `${mode.violations.length} violation${mode.violations.length === 1 ? '' : 's'}`}`];
  const workloads = run.results.filter((result) => result.kind !== 'Namespace');
  for (const result of workloads) {
    const verdict = result.allowed ? colors.green('ALLOWED') : colors.red('DENIED ');
    out.push(`${verdict} ${colors.bold(resourceLabel(result))}  ${result.file}:${result.line}  ${result.level}:${result.version}${source(result)}`);
    for (const violation of result.violations) {
      out.push(`    ${violation.line}:${violation.column}  ${violation.reason}`);
      out.push(colors.dim(`          ${violation.path}`));
    }
    out.push(...modeLine('audit', result.audit), ...modeLine('warn', result.warn));
  }
  const namespaces = run.results.filter((result) => result.kind === 'Namespace');
  if (namespaces.length > 0) {
    out.push('', colors.bold('Namespaces'));
    for (const namespace of namespaces) {
      out.push(`  ${namespace.name}  enforce ${namespace.level}:${namespace.version}${namespace.policySource === 'default' ? ' (default)' : ''}`);
      for (const note of namespace.notes ?? []) out.push(colors.yellow(`    ${note}`));
    }
  }
  const problems = run.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (problems.length > 0) {
    out.push('', colors.bold('Input problems'));
    for (const problem of problems) out.push(`  ${colors.red('error')} ${problem.file}${problem.line !== undefined ? `:${problem.line}:${problem.column ?? 1}` : ''}  ${problem.message}`);
  }
  const denied = workloads.filter((result) => !result.allowed).length;
  out.push('', `${workloads.length} workload${workloads.length === 1 ? '' : 's'} evaluated, ${denied} denied.`);
  if (!run.trusted) out.push(colors.red(`Result cannot be trusted: ${run.untrustedReasons.join('; ')}.`));
  return `${out.join('\n')}\n`;
}

export function renderPss(run: PssRun, format: string, color: boolean): string {
  if (format === 'json') return renderPssJson(run);
  if (format === 'text') return renderPssText(run, color);
  throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${format}" for bulwark pss`, 'Use text or json.');
}
