import { plural, resourceLabel } from '../report/format.js';
import type { CanResult } from './can.js';
import type { EscalationState, StepPermission } from './escalation-state.js';
import { describeState } from './escalation-state.js';
import type { EscalationReport, EscalationStart } from './escalation.js';
import { bindingLocation, bindingSubjectLocation, describeLocation, resourceLocation, ruleLocation } from './locations.js';
import type { AccessMatrix, MatrixEntry } from './matrix.js';
import { describeBinding, describeRole, describeScope, type Grant, type RuleRef } from './model.js';
import type { AccessQuery } from './query.js';
import { describeRequest } from './rules.js';
import { describeSubject } from './subjects.js';
import { isNonResourceRequest, WILDCARD, type AccessRequest, type PolicyRule } from './types.js';
import type { WhoCanResult } from './who-can.js';
import type { WorkloadIdentity } from './workloads.js';

/** `create, delete on pods, deployments in API groups "", "apps" named "a"`: one rule as written. */
export function describeRuleText(rule: PolicyRule): string {
  const verbs = rule.verbs.join(', ');
  if (rule.resources.length === 0) return `${verbs} on ${rule.nonResourceURLs.join(', ')}`;
  const groups = rule.apiGroups.map((group) => `"${group}"`).join(', ');
  const names = rule.resourceNames.length > 0 ? ` named ${rule.resourceNames.map((name) => `"${name}"`).join(', ')}` : '';
  return `${verbs} on ${rule.resources.join(', ')} in API group${rule.apiGroups.length === 1 ? '' : 's'} ${groups}${names}`;
}

/** `Role "shop/deployer" rules[0] (k8s/rbac.yaml:8): …`, naming the role the rule is written in when aggregated. */
export function ruleText(rule: RuleRef): string {
  return `${describeRole(rule.role)} rules[${rule.index}] (${describeLocation(ruleLocation(rule.role, rule.index))}): ${describeRuleText(rule.rule)}`;
}

/** Two lines: the binding with its scope, then the role and the rule. */
function grantLines(grant: Grant, indent: string): string[] {
  const aggregated = grant.rule.role === grant.role ? '' : `, which aggregates ${describeRole(grant.rule.role)}`;
  return [
    `${indent}${describeBinding(grant.binding)} (${describeLocation(bindingLocation(grant.binding))}) ${describeScope(grant.namespace)} → ${describeRole(grant.role)}${aggregated}`,
    `${indent}  ${ruleText(grant.rule)}`,
  ];
}

/** `create pods/exec in namespace "shop"`, `get /healthz`, `list secrets in any namespace`. */
export function describeQuery(query: AccessQuery, acrossAllNamespaces = false): string {
  const request = query.request;
  const text = describeRequest(request);
  if (isNonResourceRequest(request)) return text;
  if (request.namespace !== undefined) return `${text} in namespace "${request.namespace}"`;
  if (!query.namespaced) return `${text} (cluster-scoped)`;
  return acrossAllNamespaces ? `${text} across all namespaces` : `${text} in any namespace`;
}

function workloadLine(workload: WorkloadIdentity): string {
  const token = workload.token.held ? (workload.token.via === 'projected-volume' ? 'token projected' : 'token mounted') : 'token not mounted';
  return `${resourceLabel(workload.resource)} (${describeLocation(resourceLocation(workload.resource))}) as ServiceAccount "${workload.serviceAccount.namespace}/${workload.serviceAccount.name}", ${token}`;
}

/** `bulwark rbac who-can` for people. */
export function renderWhoCanText(result: WhoCanResult): string {
  const out = [`Who can ${describeQuery(result.query)}`];
  for (const note of result.query.notes) out.push(`  note: ${note}`);
  out.push('', `Subjects (${result.subjects.length})`);
  if (result.subjects.length === 0) out.push('  none: no binding of the input allows it');
  for (const entry of result.subjects) {
    out.push(`  ${describeSubject(entry.subject)}`);
    for (const grant of entry.grants) out.push(...grantLines(grant, '    '));
  }
  out.push('', `Workloads (${result.workloads.length})`);
  if (result.workloads.length === 0) out.push('  none: no workload of the input runs as a ServiceAccount that is allowed it');
  for (const entry of result.workloads) {
    out.push(`  ${workloadLine(entry.workload)}`);
    for (const grant of entry.grants) {
      out.push(`    through ${describeSubject(grant.subject.subject)}:`);
      out.push(...grantLines(grant, '      '));
    }
  }
  return `${out.join('\n')}\n`;
}

/** `bulwark rbac can` for people: yes or no, and why. */
export function renderCanText(result: CanResult): string {
  const who = describeSubject(result.subject);
  const what = describeQuery(result.query, true);
  const out: string[] = [];
  if (result.bypass !== undefined) out.push(`yes: ${who} may ${what}`, '  member of system:masters, which the API server allows everything without consulting RBAC');
  else if (result.allowed) {
    out.push(`yes: ${who} may ${what}`);
    const [first, ...others] = result.grants;
    if (first !== undefined) {
      out.push(`  allowed (as ${describeSubject(first.subject.subject)}) by:`);
      out.push(...grantLines(first, '    '));
    }
    if (others.length > 0) {
      out.push(`  also allowed by (each would still allow it without the first):`);
      for (const grant of others) out.push(...grantLines(grant, '    '));
    }
  } else {
    out.push(`no: ${who} may not ${what}: no rule grants it`);
    if (result.allowedInNamespaces.length > 0) out.push(`  allowed only in namespace${result.allowedInNamespaces.length === 1 ? '' : 's'} ${result.allowedInNamespaces.join(', ')}: ask with -n NAMESPACE`);
  }
  for (const note of result.query.notes) out.push(`  note: ${note}`);
  return `${out.join('\n')}\n`;
}

/** `pods`, `deployments.apps/scale`, `*.*`, `/metrics`: a matrix entry's resource as kubectl writes it. */
export function matrixResourceText(entry: Pick<MatrixEntry, 'apiGroup' | 'resource' | 'nonResource' | 'resourceNames'>): string {
  if (entry.nonResource) return entry.resource;
  const names = entry.resourceNames.length > 0 ? ` [${entry.resourceNames.join(', ')}]` : '';
  const [resource, subresource] = entry.resource.split('/', 2);
  return `${resource}${entry.apiGroup === '' ? '' : `.${entry.apiGroup}`}${subresource === undefined ? '' : `/${subresource}`}${names}`;
}

/** `bulwark rbac matrix --format text`: per subject, one line per scope and resource with its verbs. */
export function renderMatrixText(matrix: AccessMatrix): string {
  const out = [`Access matrix${matrix.namespace === undefined ? '' : ` for namespace "${matrix.namespace}"`}: ${matrix.entries.length} ${matrix.entries.length === 1 ? 'entry' : 'entries'}`];
  let current = '';
  const scopeWidth = Math.max(12, ...matrix.entries.map((entry) => describeScope(entry.namespace).length));
  const resourceWidth = Math.max(8, ...matrix.entries.map((entry) => matrixResourceText(entry).length));
  for (const entry of matrix.entries) {
    const subject = describeSubject(entry.subject);
    if (subject !== current) {
      out.push('', subject);
      current = subject;
    }
    out.push(`  ${describeScope(entry.namespace).padEnd(scopeWidth)}  ${matrixResourceText(entry).padEnd(resourceWidth)}  ${entry.verbs.join(' ')}`);
  }
  return `${out.join('\n')}\n`;
}

function requestText(request: AccessRequest): string {
  if (!isNonResourceRequest(request) && request.verb === WILDCARD && request.group === WILDCARD && request.resource === WILDCARD) return 'every verb on every resource';
  const text = describeRequest(request);
  if (isNonResourceRequest(request) || request.namespace === undefined) return text;
  return `${text} in "${request.namespace}"`;
}

/** `create pods in "kube-system": RoleBinding "…" (file:line) → Role "…" rules[0] (file:line): …` */
function permissionLine(permission: StepPermission): string {
  const request = requestText(permission.request);
  if (permission.rule === undefined) return `${request}: every permission ${describeScope(permission.namespace)}, from an earlier step`;
  if (permission.binding === undefined) return `${request}: ${ruleText(permission.rule)}, bound ${describeScope(permission.namespace)} by an earlier step`;
  const role = permission.role !== undefined && permission.role !== permission.rule.role ? ` → ${describeRole(permission.role)}` : '';
  return `${request}: ${describeBinding(permission.binding)} (${describeLocation(bindingLocation(permission.binding))}) ${describeScope(permission.namespace)}${role} → ${ruleText(permission.rule)}`;
}

/** Who acts in a step: the subject, or "with the role it bound, it". */
function actor(state: EscalationState): string {
  return state.kind === 'subject' ? describeSubject(state.subject) : `With ${describeState(state)}, it`;
}

function startLines(start: EscalationStart): string[] {
  const out: string[] = [];
  for (const { binding, index } of start.bindings.slice(0, 3)) out.push(`  named in ${describeBinding(binding)} subjects[${index}] (${describeLocation(bindingSubjectLocation(binding, index))})`);
  if (start.bindings.length > 3) out.push(`  and in ${plural(start.bindings.length - 3, 'more binding')}`);
  for (const workload of start.workloads) out.push(`  run by ${workloadLine(workload)}`);
  return out;
}

/** `bulwark rbac paths --format text`: per subject, its chains to cluster-admin-equivalent power, step by step with the rules that allow each. */
export function renderPathsText(report: EscalationReport): string {
  const out: string[] = [];
  for (const result of report.results) {
    const who = describeSubject(result.start.subject);
    if (result.paths.length === 0) {
      out.push(`${who}: no path to cluster-admin-equivalent power within ${plural(report.maxDepth, 'step')}`, ...startLines(result.start), '');
      continue;
    }
    out.push(`${who} can reach cluster-admin-equivalent power`, ...startLines(result.start));
    result.paths.forEach((path, number) => {
      const length = path.steps.length === 0 ? 'already' : plural(path.steps.length, 'step');
      out.push(`  Path ${number + 1} (${length}) to ${describeState(path.reached)}: ${path.goal.description}`);
      path.steps.forEach((step, index) => {
        out.push(`    ${index + 1}. ${actor(step.from)} ${step.action}`);
        for (const permission of step.permissions) out.push(`         ${permissionLine(permission)}`);
      });
      for (const permission of path.goal.permissions) out.push(`    ⇒ ${permissionLine(permission)}`);
    });
    if (result.more > 0) out.push(`  and ${plural(result.more, 'more chain')} (to other targets through the same permissions, or beyond --max-paths)`);
    out.push('');
  }
  const found = report.results.filter((result) => result.paths.length > 0).length;
  out.push(`${found} of ${plural(report.searched, 'subject')} searched can reach cluster-admin-equivalent power (chains of at most ${plural(report.maxDepth, 'step')}).`);
  return `${out.join('\n')}\n`;
}
