/**
 * Admission results in the shapes the scan reports: one finding report per decision (check id
 * `vap/<policy>`, severity from how the binding enforces it) and one diagnostic per problem
 * in a policy or binding, placed at its line and column.
 */
import type { Diagnostic } from '../loader/types.js';
import { resourceStartLine, type Resource } from '../model/resource.js';
import { existingPrefix, formatPath, type Path } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import type { VapDecision, VapProblem, VapResourceResult } from './types.js';

/** The check id of a ValidatingAdmissionPolicy in a scan: `vap/<policy name>`. */
export function admissionPolicyCheckId(policy: string): string {
  return `${ADMISSION_CHECK_PREFIX}${policy}`;
}

/** How the check ids of ValidatingAdmissionPolicies begin. */
export const ADMISSION_CHECK_PREFIX = 'vap/';

/** What the scan needs to turn a decision into a finding with status `fail`. */
export interface VapFindingReport {
  /** `vap/<policy name>`. */
  checkId: string;
  title: string;
  /** `high` when the binding denies, `medium` when it only warns, `low` when it only audits. */
  severity: 'high' | 'medium' | 'low';
  /** The API server's text for the decision. */
  message: string;
  resource: Resource;
  /** Inside the resource: the validation's fieldPath hint, else the object itself (empty path). */
  path: Path;
  /** Tells decisions of one policy apart for fingerprints: `<binding>/validations[0]`, `<binding>/paramRef`. */
  rule: string;
  decision: VapDecision;
}

function ruleOf(decision: VapDecision): string {
  const where = decision.validationIndex !== undefined ? `validations[${decision.validationIndex}]` : formatPath(decision.bindingPath ?? decision.policyPath);
  return decision.param === undefined ? `${decision.binding}/${where}` : `${decision.binding}/${where}/${decision.param.namespace ?? ''}/${decision.param.name}`;
}

/** One report per decision that takes effect; ignored errors are left out. */
export function vapFindingReports(results: readonly VapResourceResult[]): VapFindingReport[] {
  return results.flatMap((result) =>
    result.decisions.map((decision) => ({
      checkId: admissionPolicyCheckId(decision.policy),
      title: `ValidatingAdmissionPolicy ${decision.policy}`,
      severity: decision.actions.includes('Deny') ? 'high' : decision.actions.includes('Warn') ? 'medium' : 'low',
      message: decision.message,
      resource: result.resource,
      path: decision.fieldPath ?? [],
      rule: ruleOf(decision),
      decision,
    })),
  );
}

/** Line and column of a path inside a resource, or of its nearest existing parent; the resource's first line for the object itself. */
export function positionOf(resource: Resource, path: Path): { line: number; column: number } {
  return locateField(resource.document, [...resource.basePath, ...existingPrefix(resource.object, path)]) ?? { line: resourceStartLine(resource), column: 1 };
}

/**
 * Problems as loader diagnostics (`vap-invalid-expression`, `vap-missing-policy`, …), with the
 * object and path in the message: `ValidatingAdmissionPolicy demo: spec.validations[0].expression: …`.
 */
export function vapProblemDiagnostics(problems: readonly VapProblem[]): Diagnostic[] {
  return problems.map((problem) => {
    const position = positionOf(problem.resource, problem.path);
    return {
      severity: problem.severity,
      code: `vap-${problem.code}`,
      message: `${problem.resource.kind} ${problem.resource.name}: ${formatPath(problem.path)}: ${problem.message}`,
      file: problem.resource.document.file,
      line: position.line,
      column: position.column,
    };
  });
}
