import { plural } from '../report/format.js';
import { bindingJson, RBAC_SCHEMA_VERSION, roleJson, ruleJson, subjectJson } from './json.js';
import { bindingLocation, bindingSubjectLocation, describeLocation } from './locations.js';
import { describeBinding, describeRole, describeScope } from './model.js';
import { ruleText } from './render-text.js';
import { describeSubject } from './subjects.js';
import { unusedRules, type BindingUse, type UnusedReport } from './unused.js';

function usedCount(use: BindingUse): number {
  return use.uses.filter((count) => count > 0).length;
}

/**
 * `bulwark rbac unused` for people: per subject with grants the log did not use, each binding
 * with the rules no request used (all of them in one line when the binding was not used at all).
 * Subjects whose every grant was used are counted at the end.
 */
export function renderUnusedText(report: UnusedReport, logFile: string): string {
  const bindings = new Set(report.subjects.flatMap((subject) => subject.bindings.map((use) => use.binding)));
  const out = [`Unused permissions: ${plural(report.requests, 'request')} by ${report.identities} ${report.identities === 1 ? 'identity' : 'identities'} in ${logFile}, against ${plural(bindings.size, 'binding')} of the input`];
  let grants = 0;
  let unused = 0;
  const fullyUsed: string[] = [];
  for (const subject of report.subjects) {
    const lines: string[] = [];
    for (const use of subject.bindings) {
      const rules = unusedRules(use);
      grants += use.rules.length;
      unused += rules.length;
      if (rules.length === 0) continue;
      const head = `  ${describeBinding(use.binding)} (${describeLocation(bindingLocation(use.binding))}) ${describeScope(use.binding.namespace)} → ${describeRole(use.binding.role)}`;
      if (usedCount(use) === 0) {
        lines.push(`${head}: not used (${plural(use.rules.length, 'rule')})`);
        continue;
      }
      lines.push(`${head}: ${usedCount(use)} of ${plural(use.rules.length, 'rule')} used; never used:`);
      for (const rule of rules) lines.push(`    ${ruleText(rule)}`);
    }
    if (lines.length === 0) {
      fullyUsed.push(describeSubject(subject.subject));
      continue;
    }
    out.push('', `${describeSubject(subject.subject)}: ${subject.requests === 0 ? 'no request in the log' : plural(subject.requests, 'request')}`, ...lines);
  }
  if (fullyUsed.length > 0) out.push('', `Every grant used: ${fullyUsed.join(', ')}`);
  out.push('', `${unused} of ${plural(grants, 'rule grant')} (a rule of a binding, for one of its subjects) never used.`);
  return `${out.join('\n')}\n`;
}

/** `bulwark rbac unused --format json` (schema `docs/schemas/rbac-unused.schema.json`). */
export function unusedJson(report: UnusedReport, logFile: string): Record<string, unknown> {
  let grants = 0;
  let unused = 0;
  const subjects = report.subjects.map((subject) => ({
    subject: subjectJson(subject.subject),
    requests: subject.requests,
    bindings: subject.bindings.map((use) => {
      grants += use.rules.length;
      const never = unusedRules(use);
      unused += never.length;
      const location = bindingSubjectLocation(use.binding, use.subjectIndex);
      return {
        binding: bindingJson(use.binding),
        subjectIndex: use.subjectIndex,
        ...(location !== undefined ? { subjectLocation: location } : {}),
        role: roleJson(use.binding.role),
        rules: use.rules.length,
        used: use.rules.flatMap((rule, index) => ((use.uses[index] ?? 0) > 0 ? [{ rule: ruleJson(rule), requests: use.uses[index] }] : [])),
        unused: never.map(ruleJson),
      };
    }),
  }));
  return { schemaVersion: RBAC_SCHEMA_VERSION, log: { file: logFile, requests: report.requests, identities: report.identities }, subjects, summary: { ruleGrants: grants, unused } };
}
