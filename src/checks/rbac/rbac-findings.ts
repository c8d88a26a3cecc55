import type { Report } from '../../engine/types.js';
import { isStringList, type Resource } from '../../model/resource.js';
import {
  buildRbacModel,
  describeBinding,
  describeMatches,
  describeRole,
  describeScope,
  describeSubject,
  isFullWildcardRule,
  risksOfRule,
  type BindingDef,
  type Grant,
  type PolicyRule,
  type RbacModel,
  type RiskId,
  type RiskMatch,
  type ResolvedBindingSubject,
  type RoleDef,
} from '../../rbac/index.js';
import { rememberedPer } from '../../model/memo.js';

/** Namespaces where reading Secrets counts as risky besides reading them cluster-wide, unless a check's option names others. */
export const SENSITIVE_NAMESPACES: readonly string[] = ['kube-system'];

/** A check's `sensitiveNamespaces` option: a list of names, else the default. */
export function sensitiveNamespacesOption(value: unknown): readonly string[] {
  return isStringList(value) ? value : SENSITIVE_NAMESPACES;
}

/** The RBAC model of a scan's resources, built once for all the RBAC checks of the scan. */
export const rbacModel: (resources: readonly Resource[]) => RbacModel = rememberedPer((resources) => buildRbacModel(resources));

/** A Role or ClusterRole of the input. */
export type InputRole = RoleDef & { resource: Resource };

/**
 * The roles of the input whose written rules are what the cluster uses. The `rules` of an
 * aggregated ClusterRole are overwritten by the aggregation controller, so they are skipped:
 * the rules that count are in the roles it aggregates, and are judged there.
 */
export function inputRoles(model: RbacModel): InputRole[] {
  return model.roles.filter((role): role is InputRole => role.resource !== undefined && role.aggregationSelectors === undefined);
}

/** A rule of an input role that grants a risky permission, and to whom it is effectively granted. */
export interface RiskyRule {
  role: InputRole;
  index: number;
  rule: PolicyRule;
  /** The risky permissions the rule grants and someone (or, for an unbound role, whoever it gets bound to) can use. */
  matches: RiskMatch[];
  /** The grants that make them usable; empty for an unbound role. */
  grants: Grant[];
  /** No binding in the input grants the role, directly or through an aggregated ClusterRole. */
  unbound: boolean;
}

export interface RiskyRuleOptions {
  /**
   * Whether a grant makes a match count, beyond the authorizer's own limit (cluster-scoped
   * permissions only through ClusterRoleBindings), e.g. "only cluster-wide or in kube-system".
   */
  counts?: (grant: Grant, match: RiskMatch) => boolean;
  /** Report rules of roles no binding of the input grants (their scope is then unknown). Default true. */
  includeUnbound?: boolean;
}

/**
 * The rules of input roles that grant a risk. A rule whose role is bound is kept when at
 * least one binding makes the permission usable: a cluster-scoped permission in a Role, or in a
 * ClusterRole bound only by RoleBindings, is dead and not reported. A rule of an unbound role
 * is kept (unless told otherwise) when some binding could make it usable.
 */
export function riskyRules(model: RbacModel, risk: RiskId, options: RiskyRuleOptions = {}): RiskyRule[] {
  const out: RiskyRule[] = [];
  for (const role of inputRoles(model)) {
    const unbound = !model.isGranted(role);
    role.rules.forEach((rule, index) => {
      if (rule === undefined) return;
      const candidates = risksOfRule(rule, risk);
      if (candidates.length === 0) return;
      if (unbound) {
        if (options.includeUnbound === false) return;
        const matches = candidates.filter((match) => !(match.permission.clusterScoped && role.kind === 'Role'));
        if (matches.length > 0) out.push({ role, index, rule, matches, grants: [], unbound });
        return;
      }
      const grants = new Set<Grant>();
      const matches: RiskMatch[] = [];
      for (const match of candidates) {
        const usable = model.grantsOfRule(role, index).filter((grant) => (!match.permission.clusterScoped || grant.namespace === undefined) && (options.counts?.(grant, match) ?? true));
        if (usable.length === 0) continue;
        matches.push(match);
        for (const grant of usable) grants.add(grant);
      }
      if (matches.length > 0) out.push({ role, index, rule, matches, grants: [...grants], unbound });
    });
  }
  return out;
}

/** Per model: the bindings found for each list of sensitive namespaces, by the list's text. */
const sensitiveByModel = rememberedPer((_model: RbacModel) => new Map<string, readonly BindingDef[]>());

/**
 * The bindings of the input, with a role, that grant cluster-wide or in one of these namespaces:
 * a RoleBinding grants only in its namespace, so outside the sensitive ones its role's rules need
 * not be expanded. Worked out once per model and list (several checks ask).
 */
function sensitiveBindings(model: RbacModel, sensitiveNamespaces: readonly string[]): readonly BindingDef[] {
  const byList = sensitiveByModel(model);
  const key = JSON.stringify(sensitiveNamespaces);
  let bindings = byList.get(key);
  if (bindings === undefined) {
    bindings = model.bindings.filter((binding) => binding.resource !== undefined && binding.role !== undefined && (binding.namespace === undefined || sensitiveNamespaces.includes(binding.namespace)));
    byList.set(key, bindings);
  }
  return bindings;
}

/** A binding of the input that gives a subject a risky permission written in a built-in role. */
export interface RiskyBuiltinGrant {
  binding: BindingDef & { resource: Resource; role: RoleDef };
  subject: ResolvedBindingSubject;
  matches: RiskMatch[];
  grants: Grant[];
}

/**
 * Risky permissions that bindings of the input give through built-in roles (`admin`, `edit`,
 * `system:kubelet-api-admin`, …), whose rules are not in the input to report on. Only grants
 * cluster-wide or in a sensitive namespace count: binding `admin` or `edit` in a namespace is
 * what those roles are for. cluster-admin is left to `rbac-cluster-admin-binding`.
 */
export function riskyBuiltinGrants(model: RbacModel, risk: RiskId, sensitiveNamespaces: readonly string[] = SENSITIVE_NAMESPACES): RiskyBuiltinGrant[] {
  const out: RiskyBuiltinGrant[] = [];
  for (const binding of sensitiveBindings(model, sensitiveNamespaces)) {
    const bySubject = new Map<ResolvedBindingSubject, { matches: RiskMatch[]; grants: Grant[] }>();
    for (const grant of model.grantsOfBinding(binding)) {
      if (!grant.rule.role.builtin || isFullWildcardRule(grant.rule.rule)) continue;
      const matches = risksOfRule(grant.rule.rule, risk).filter((match) => !match.permission.clusterScoped || grant.namespace === undefined);
      if (matches.length === 0) continue;
      const entry = bySubject.get(grant.subject) ?? { matches: [], grants: [] };
      bySubject.set(grant.subject, entry);
      entry.matches.push(...matches);
      entry.grants.push(grant);
    }
    for (const [subject, entry] of bySubject) out.push({ binding: binding as RiskyBuiltinGrant['binding'], subject, ...entry });
  }
  return out;
}

/**
 * Reports risky permissions given through built-in roles on the binding subject that receives
 * them: `ClusterRoleBinding "x" grants ClusterRole "edit" (built-in) to Group "g": get, list,
 * watch on secrets cluster-wide`, followed by the check's account of the impact.
 */
export function reportBuiltinGrants(
  found: readonly RiskyBuiltinGrant[],
  severityOf: (entry: RiskyBuiltinGrant) => Report['severity'],
  impact: (entry: RiskyBuiltinGrant) => string,
  report: (resource: Resource, report: Report) => void,
): void {
  for (const entry of found) {
    const scope = describeScope(entry.binding.namespace);
    const sources = [...new Set(entry.grants.filter((grant) => grant.rule.role !== grant.role).map((grant) => describeRole(grant.rule.role)))];
    const through = sources.length > 0 ? ` (from ${joinList(sources)})` : '';
    const severity = severityOf(entry);
    report(entry.binding.resource, {
      path: ['subjects', entry.subject.index],
      ...(severity === undefined ? {} : { severity }),
      message: `${describeBinding(entry.binding)} grants ${describeRole(entry.binding.role)} to ${describeSubject(entry.subject.subject)}, that is ${describeMatches(entry.matches)} ${scope}${through}: ${impact(entry)}`,
    });
  }
}

/** Whether any of the grants applies in every namespace (a ClusterRoleBinding). */
export function isClusterWide(grants: readonly Grant[]): boolean {
  return grants.some((grant) => grant.namespace === undefined);
}

/** `ServiceAccount "shop/web" cluster-wide (ClusterRoleBinding "x")`: one recipient of a grant. */
export function describeRecipient(grant: Grant): string {
  const scope = describeScope(grant.namespace);
  const through = grant.rule.role === grant.role ? '' : ` through ${describeRole(grant.role)}`;
  return `${describeSubject(grant.subject.subject)} ${scope} (${describeBinding(grant.binding)}${through})`;
}

/** The recipients of some grants, without repeats, the first few named. */
export function describeRecipients(grants: readonly Grant[], limit = 3): string {
  const seen = new Set<string>();
  const recipients: string[] = [];
  for (const grant of grants) {
    const text = describeRecipient(grant);
    if (seen.has(text)) continue;
    seen.add(text);
    recipients.push(text);
  }
  if (recipients.length <= limit) return joinList(recipients);
  return `${recipients.slice(0, limit).join(', ')} and ${recipients.length - limit} more`;
}

/** What to say about who gets a risky rule: its recipients, or that the input binds it to no one. */
export function describeAudience(model: RbacModel, risky: { role: InputRole; grants: readonly Grant[]; unbound: boolean }): string {
  if (!risky.unbound) return `to ${describeRecipients(risky.grants)}`;
  const aggregators = model.aggregatedInto(risky.role);
  const via = aggregators.length > 0 ? `; it is aggregated into ${joinList(aggregators.map(describeRole))}` : '';
  return `to whoever it is bound to (no binding in the input grants it yet${via})`;
}

/** `ClusterRole "x" grants list, watch on secrets to ServiceAccount "a/b" cluster-wide (ClusterRoleBinding "y")`. */
export function describeRiskyRule(model: RbacModel, risky: RiskyRule): string {
  return `${describeRole(risky.role)} grants ${describeMatches(risky.matches)} ${describeAudience(model, risky)}`;
}

/** The pronoun for a rule's subjects in a message: known ones, or whoever the role gets bound to. */
export function holders(risky: Pick<RiskyRule, 'unbound'>): string {
  return risky.unbound ? 'whoever holds it' : 'they';
}

/** `get, list on pods, services of the core group`, `get on /healthz`: one rule in words. */
export function describeRule(rule: PolicyRule): string {
  const verbs = rule.verbs.join(', ');
  if (rule.resources.length === 0) return `${verbs} on ${rule.nonResourceURLs.join(', ')}`;
  const groups = rule.apiGroups.map((group) => (group === '' ? 'the core group' : group)).join(', ');
  return `${verbs} on ${rule.resources.join(', ')}${rule.resourceNames.length > 0 ? ` (only ${rule.resourceNames.map((name) => `"${name}"`).join(', ')})` : ''} of ${groups}`;
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`;
}
