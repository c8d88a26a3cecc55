import type { RbacAnalysis } from './analysis.js';
import { compareText } from './analysis.js';
import type { BindingDef, Grant, RoleDef, RuleRef } from './model.js';
import type { AccessQuery } from './query.js';
import { ruleAllows } from './rules.js';
import { principalKey, serviceAccountUserName } from './subjects.js';
import { isNonResourceRequest, type Subject } from './types.js';
import type { WorkloadIdentity } from './workloads.js';
import { rememberedPer } from '../model/memo.js';

/** A subject named by bindings, with every binding that gives it the access asked about. */
export interface SubjectAccess {
  subject: Subject;
  /** One per binding: the binding, its role and the first of the role's rules that allows the request. */
  grants: Grant[];
}

/** A workload whose ServiceAccount holds the access, directly or through its groups. */
export interface WorkloadAccess {
  workload: WorkloadIdentity;
  grants: Grant[];
}

/** The answer to "who can do this?". */
export interface WhoCanResult {
  query: AccessQuery;
  subjects: SubjectAccess[];
  workloads: WorkloadAccess[];
}

/**
 * Whether a binding can allow the request asked about: ClusterRoleBindings always;
 * RoleBindings only for a resource request in their namespace, or (for a namespaced resource
 * asked about without a namespace) in any namespace.
 */
export function bindingAppliesTo(binding: BindingDef, query: AccessQuery): boolean {
  if (binding.kind === 'ClusterRoleBinding') return true;
  if (isNonResourceRequest(query.request)) return false;
  if (query.request.namespace !== undefined) return binding.namespace === query.request.namespace;
  return query.anyNamespace;
}

/** The `principalKey`s of the subjects that may name a workload's identity in a binding: its user, and its groups. */
const workloadKeys = rememberedPer((workload: WorkloadIdentity): readonly string[] => {
  const { name, groups } = workload.identity;
  return [...(name === undefined ? [] : [principalKey({ kind: 'User', name })]), ...groups.map((group) => principalKey({ kind: 'Group', name: group }))];
});

const KIND_ORDER: Record<Subject['kind'], number> = { User: 0, Group: 1, ServiceAccount: 2 };

const sortName = (subject: Subject) => (subject.kind === 'ServiceAccount' ? serviceAccountUserName(subject.namespace, subject.name) : subject.name);

/** Users, then groups, then ServiceAccounts, each by name. */
export function compareSubjects(a: Subject, b: Subject): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || compareText(sortName(a), sortName(b));
}

/** Items sorted by their subjects in the order of `compareSubjects`, each subject's name worked out once. */
export function sortBySubject<T>(items: readonly T[], subjectOf: (item: T) => Subject): T[] {
  return items
    .map((item) => {
      const subject = subjectOf(item);
      return { item, order: KIND_ORDER[subject.kind], name: sortName(subject) };
    })
    .sort((a, b) => a.order - b.order || compareText(a.name, b.name))
    .map((entry) => entry.item);
}

/**
 * Who may make a request: every subject the bindings name (groups as groups, built-in ones
 * such as `system:authenticated` or `system:serviceaccounts:<ns>` included) with each binding
 * and rule that allows it, and every workload whose ServiceAccount is allowed, also through
 * the groups every ServiceAccount is in.
 */
export function whoCan(analysis: RbacAnalysis, query: AccessQuery): WhoCanResult {
  const { model } = analysis;
  // Each subject's access, with the last binding it has a grant from.
  const bySubject = new Map<string, { access: SubjectAccess; last: BindingDef | undefined }>();
  // Many bindings share a role (view, edit, admin): match each role's rules once.
  const allowing = new Map<RoleDef, RuleRef | undefined>();
  const firstAllowing = (role: RoleDef): RuleRef | undefined => {
    if (allowing.has(role)) return allowing.get(role);
    const rule = model.effectiveRules(role).find((candidate) => ruleAllows(candidate.rule, query.request));
    allowing.set(role, rule);
    return rule;
  };
  const request = query.request;
  // Only ClusterRoleBindings allow URLs and cluster-scoped resources; only those and the namespace's RoleBindings a request in a namespace.
  // These are exactly the bindings `bindingAppliesTo` accepts.
  const scope = isNonResourceRequest(request) ? null : request.namespace !== undefined ? request.namespace : query.anyNamespace ? undefined : null;
  for (const binding of model.bindingsInScope(scope)) {
    if (binding.role === undefined) continue;
    const rule = firstAllowing(binding.role);
    if (rule === undefined) continue;
    for (const subject of binding.subjects) {
      if (subject.principal === undefined) continue;
      let entry = bySubject.get(subject.principal);
      if (entry === undefined) {
        entry = { access: { subject: subject.subject, grants: [] }, last: undefined };
        bySubject.set(subject.principal, entry);
      }
      // A binding that names the same principal twice (a ServiceAccount and its user name) grants once: bindings come one at a time.
      if (entry.last === binding) continue;
      entry.last = binding;
      entry.access.grants.push({ binding, subject, role: binding.role, rule, namespace: binding.namespace });
    }
  }
  const workloads: WorkloadAccess[] = [];
  for (const workload of analysis.workloads) {
    // Only a workload whose user or one of whose groups a granting binding names can hold the access.
    if (!workloadKeys(workload).some((key) => bySubject.has(key))) continue;
    // Per binding the workload's identity holds, the first rule of its role that allows the request.
    const grants: Grant[] = [];
    for (const { binding, subject } of model.bindingsFor(workload.identity)) {
      if (!bindingAppliesTo(binding, query)) continue;
      const rule = firstAllowing(binding.role);
      if (rule !== undefined) grants.push({ binding, subject, role: binding.role, rule, namespace: binding.namespace });
    }
    if (grants.length > 0) workloads.push({ workload, grants });
  }
  const subjects = sortBySubject(
    [...bySubject.values()].map((entry) => entry.access),
    (access) => access.subject,
  );
  workloads.sort(
    (a, b) =>
      compareText(a.workload.resource.namespace ?? '', b.workload.resource.namespace ?? '') ||
      compareText(a.workload.resource.kind, b.workload.resource.kind) ||
      compareText(a.workload.resource.name, b.workload.resource.name),
  );
  return { query, subjects, workloads };
}
