import { labelsOf, selectorMatches, type Labels } from '../checks/shared/selectors.js';
import { apiGroup, isRecord, type Resource } from '../model/resource.js';
import { BUILTIN_CLUSTER_ROLE_BINDINGS, BUILTIN_CLUSTER_ROLES } from './builtin.js';
import { appendTo } from '../model/lists.js';
import { parsePolicyRules, ruleAllows } from './rules.js';
import { describeSubject, identityOf, principalKey, SYSTEM_MASTERS, subjectApplies } from './subjects.js';
import { isNonResourceRequest, RBAC_API_GROUP, type AccessRequest, type PolicyRule, type Subject, type UserInfo } from './types.js';

/** A Role or ClusterRole: from the input, or one of the cluster's built-in ClusterRoles. */
export interface RoleDef {
  kind: 'Role' | 'ClusterRole';
  name: string;
  /** Undefined for ClusterRoles. */
  namespace: string | undefined;
  /** The input object; undefined for built-in roles. */
  resource: Resource | undefined;
  builtin: boolean;
  labels: Labels;
  /** `rules` as written, by index; an entry that is not an object keeps its slot as undefined. */
  rules: readonly (PolicyRule | undefined)[];
  /**
   * `aggregationRule.clusterRoleSelectors` of an aggregated ClusterRole. Such a role's written
   * `rules` do not count: the aggregation controller replaces them with the rules of the
   * ClusterRoles the selectors match.
   */
  aggregationSelectors: readonly Record<string, unknown>[] | undefined;
}

/** One rule and where it is written: `role.rules[index]`. */
export interface RuleRef {
  role: RoleDef;
  index: number;
  rule: PolicyRule;
}

/** An entry of a binding's `subjects`, whether or not it applies to anyone. */
interface SubjectEntry {
  /** Index in the binding's `subjects`. */
  index: number;
  /**
   * `namespace-defaulted`: a ServiceAccount of a RoleBinding written without namespace, taken in
   * the binding's namespace as the authorizer does (the API server accepts this only for
   * RoleBindings). `namespace-missing`: the same in a ClusterRoleBinding, which the API server
   * rejects and the authorizer would never match. `unknown-kind`, `invalid`: not a subject.
   */
  note?: 'namespace-defaulted' | 'namespace-missing' | 'unknown-kind' | 'invalid';
}

/**
 * A subject of a binding, as the authorizer reads it: either the subject with its
 * `principalKey` (worked out once: every question about who holds what looks bindings up by
 * it), or neither, when the entry applies to nobody (unknown kind, no name, a ServiceAccount of
 * a ClusterRoleBinding without namespace). Testing either field tells which.
 */
export type BindingSubject = SubjectEntry & ({ subject: Subject; principal: string } | { subject: undefined; principal: undefined });

export interface BindingDef {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  name: string;
  /** Undefined for ClusterRoleBindings. */
  namespace: string | undefined;
  /** The input object; undefined for the cluster's built-in bindings. */
  resource: Resource | undefined;
  builtin: boolean;
  roleRef: { kind: string; name: string };
  /** The role `roleRef` names, if the input or the built-in roles hold it. */
  role: RoleDef | undefined;
  subjects: readonly BindingSubject[];
}

/** A subject of a binding that applies to someone. */
export type ResolvedBindingSubject = BindingSubject & { subject: Subject };

/** A binding that applies to someone, with the first of its subjects that applies (the one the authorizer credits). */
export interface HeldBinding {
  binding: BindingDef & { role: RoleDef };
  subject: ResolvedBindingSubject;
}

/** A permission someone holds: which binding gives which role's rule to whom, and where it applies. */
export interface Grant {
  binding: BindingDef;
  subject: ResolvedBindingSubject;
  /** The role the binding refers to. */
  role: RoleDef;
  /** Where the rule is written: in `role` itself, or in a ClusterRole aggregated into it. */
  rule: RuleRef;
  /** The namespace the grant is limited to (a RoleBinding's), or undefined for cluster-wide (a ClusterRoleBinding). */
  namespace: string | undefined;
}

/** The answer to "may this identity make this request?". */
export interface Decision {
  allowed: boolean;
  /** The first grant that allows it, in the order the authorizer visits them (ClusterRoleBindings, then RoleBindings of the namespace). */
  grant?: Grant;
  /** `system:masters`: allowed before RBAC is consulted. */
  bypass?: 'system:masters';
  reason: string;
}

export interface RbacModelOptions {
  /**
   * Also apply the ClusterRoleBindings every cluster has (discovery for all users,
   * cluster-admin for `system:masters`, …). Off by default: questions about manifests usually
   * mean "what do these objects grant".
   */
  defaultBindings?: boolean;
}

const ROLE_KINDS = new Set(['Role', 'ClusterRole']);
const BINDING_KINDS = new Set(['RoleBinding', 'ClusterRoleBinding']);

/** Whether a resource is one of the four RBAC kinds (and not a custom resource that shares a name). */
export function isRbacResource(resource: Resource): boolean {
  return (ROLE_KINDS.has(resource.kind) || BINDING_KINDS.has(resource.kind)) && apiGroup(resource.apiVersion) === RBAC_API_GROUP;
}

function roleFromResource(resource: Resource): RoleDef {
  const object = resource.object;
  const aggregationRule = resource.kind === 'ClusterRole' && isRecord(object.aggregationRule) ? object.aggregationRule : undefined;
  let aggregationSelectors: Record<string, unknown>[] | undefined;
  if (aggregationRule !== undefined) {
    const selectors = Array.isArray(aggregationRule.clusterRoleSelectors) ? aggregationRule.clusterRoleSelectors : [];
    // A null entry decodes to the empty selector, which selects every ClusterRole.
    aggregationSelectors = selectors.map((selector: unknown) => (isRecord(selector) ? selector : {}));
  }
  return {
    kind: resource.kind as RoleDef['kind'],
    name: resource.name,
    namespace: resource.kind === 'Role' ? resource.namespace : undefined,
    resource,
    builtin: false,
    labels: labelsOf(object.metadata),
    rules: parsePolicyRules(object.rules),
    aggregationSelectors,
  };
}

/** A binding subject that applies to a principal. */
function resolvedSubject(index: number, subject: Subject, note?: BindingSubject['note']): ResolvedBindingSubject {
  return note === undefined ? { index, subject, principal: principalKey(subject) } : { index, subject, principal: principalKey(subject), note };
}

function readSubject(value: unknown, index: number, bindingKind: BindingDef['kind'], bindingNamespace: string | undefined): BindingSubject {
  if (!isRecord(value) || typeof value.name !== 'string' || value.name === '') return { index, subject: undefined, principal: undefined, note: 'invalid' };
  const name = value.name;
  switch (value.kind) {
    case 'User':
    case 'Group':
      return resolvedSubject(index, { kind: value.kind, name });
    case 'ServiceAccount': {
      if (typeof value.namespace === 'string' && value.namespace !== '') return resolvedSubject(index, { kind: 'ServiceAccount', namespace: value.namespace, name });
      if (bindingKind === 'RoleBinding' && bindingNamespace !== undefined) return resolvedSubject(index, { kind: 'ServiceAccount', namespace: bindingNamespace, name }, 'namespace-defaulted');
      return { index, subject: undefined, principal: undefined, note: 'namespace-missing' };
    }
    default:
      return { index, subject: undefined, principal: undefined, note: 'unknown-kind' };
  }
}

/** A binding of the input; its `role` is filled in once the roles are known. */
function bindingFromResource(resource: Resource): BindingDef {
  const object = resource.object;
  const kind = resource.kind as BindingDef['kind'];
  const namespace = kind === 'RoleBinding' ? resource.namespace : undefined;
  const roleRef = isRecord(object.roleRef) ? object.roleRef : {};
  const subjects = Array.isArray(object.subjects) ? object.subjects : [];
  return {
    kind,
    name: resource.name,
    namespace,
    resource,
    builtin: false,
    roleRef: { kind: typeof roleRef.kind === 'string' ? roleRef.kind : '', name: typeof roleRef.name === 'string' ? roleRef.name : '' },
    subjects: subjects.map((subject: unknown, index) => readSubject(subject, index, kind, namespace)),
    role: undefined,
  };
}

function isUserInfo(who: Subject | UserInfo): who is UserInfo {
  return !('kind' in who);
}

/** `cluster-wide`, `in namespace "shop"`: where a grant (or a role bound by a binding) applies. */
export function describeScope(namespace: string | undefined): string {
  return namespace === undefined ? 'cluster-wide' : `in namespace "${namespace}"`;
}

/** `ClusterRoleBinding "x"`, `RoleBinding "shop/x"`. */
export function describeBinding(binding: BindingDef): string {
  return binding.namespace === undefined ? `${binding.kind} "${binding.name}"` : `${binding.kind} "${binding.namespace}/${binding.name}"`;
}

/** `ClusterRole "admin" (built-in)`, `Role "shop/reader"`. */
export function describeRole(role: RoleDef): string {
  const name = role.namespace === undefined ? role.name : `${role.namespace}/${role.name}`;
  return `${role.kind} "${name}"${role.builtin ? ' (built-in)' : ''}`;
}

/** `ClusterRoleBinding "x" → ClusterRole "admin" (built-in), through ClusterRole "extra"`: how a grant reaches its subject. */
export function describeGrantSource(grant: Grant): string {
  const through = grant.rule.role === grant.role ? '' : `, which aggregates ${describeRole(grant.rule.role)}`;
  return `${describeBinding(grant.binding)} → ${describeRole(grant.role)}${through}`;
}

/**
 * The RBAC objects of a set of resources, resolved the way the API server's RBAC authorizer
 * resolves them (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac and
 * pkg/registry/rbac/validation): bindings to roles, aggregated ClusterRoles to their sources,
 * subjects to identities, with the cluster's built-in ClusterRoles filling in the ones the
 * input refers to without defining.
 */
export class RbacModel {
  readonly roles: readonly RoleDef[];
  readonly bindings: readonly BindingDef[];
  private readonly clusterRoles = new Map<string, RoleDef>();
  private readonly namespacedRoles = new Map<string, RoleDef>();
  private readonly effective = new Map<RoleDef, readonly RuleRef[]>();
  private readonly grantsByRule = new Map<RoleDef, Map<number, Grant[]>>();
  private readonly grantsByBinding = new Map<BindingDef, Grant[]>();
  // Indexes built on first use: large clusters have tens of thousands of bindings, and every
  // question about one identity or one role would otherwise walk all of them.
  private bindingsBySubject: Map<string, number[]> | undefined;
  private bindingsByRole: Map<RoleDef, number[]> | undefined;
  private bindingsByNamespace: { clusterWide: number[]; byNamespace: Map<string, number[]> } | undefined;
  private aggregators: Map<RoleDef, RoleDef[]> | undefined;
  private grantedRoles: Set<RoleDef> | undefined;
  /** What `bindingsFor` found for an identity (or subject) object, which callers do not change once made. */
  private readonly heldByIdentity = new WeakMap<Subject | UserInfo, readonly HeldBinding[]>();

  constructor(resources: readonly Resource[], options: RbacModelOptions = {}) {
    const roles: RoleDef[] = [];
    const rbacResources = resources.filter(isRbacResource);
    for (const resource of rbacResources) {
      if (!ROLE_KINDS.has(resource.kind)) continue;
      const role = roleFromResource(resource);
      // The API server keeps one object per name: a later duplicate in the input replaces the earlier one.
      if (role.kind === 'ClusterRole') this.clusterRoles.set(role.name, role);
      else this.namespacedRoles.set(`${role.namespace ?? ''}/${role.name}`, role);
      roles.push(role);
    }
    for (const builtin of BUILTIN_CLUSTER_ROLES) {
      // A ClusterRole of that name in the input is what the manifests apply; it wins.
      if (this.clusterRoles.has(builtin.name)) continue;
      const role: RoleDef = {
        kind: 'ClusterRole',
        name: builtin.name,
        namespace: undefined,
        resource: undefined,
        builtin: true,
        labels: builtin.labels,
        rules: builtin.rules,
        aggregationSelectors: builtin.aggregationSelectors,
      };
      this.clusterRoles.set(role.name, role);
      roles.push(role);
    }
    this.roles = roles;

    const bindings: BindingDef[] = [];
    for (const resource of rbacResources) {
      if (!BINDING_KINDS.has(resource.kind)) continue;
      // Made whole and then given its role, rather than copied with it: there may be tens of thousands.
      const binding = bindingFromResource(resource);
      binding.role = this.resolveRoleRef(binding);
      bindings.push(binding);
    }
    if (options.defaultBindings === true) {
      for (const builtin of BUILTIN_CLUSTER_ROLE_BINDINGS) {
        const binding: BindingDef = {
          kind: 'ClusterRoleBinding',
          name: builtin.name,
          namespace: undefined,
          resource: undefined,
          builtin: true,
          roleRef: { kind: 'ClusterRole', name: builtin.roleName },
          subjects: builtin.subjects.map((subject, index) => resolvedSubject(index, subject)),
          role: undefined,
        };
        binding.role = this.resolveRoleRef(binding);
        bindings.push(binding);
      }
    }
    this.bindings = bindings;
  }

  /** The ClusterRole of this name: from the input, else built in. */
  clusterRole(name: string): RoleDef | undefined {
    return this.clusterRoles.get(name);
  }

  /** The Role of this name in a namespace, from the input. */
  role(namespace: string, name: string): RoleDef | undefined {
    return this.namespacedRoles.get(`${namespace}/${name}`);
  }

  /** The role a binding refers to; a ClusterRoleBinding cannot refer to a Role. */
  private resolveRoleRef(binding: Omit<BindingDef, 'role'>): RoleDef | undefined {
    if (binding.roleRef.kind === 'ClusterRole') return this.clusterRole(binding.roleRef.name);
    if (binding.roleRef.kind === 'Role' && binding.kind === 'RoleBinding' && binding.namespace !== undefined) return this.role(binding.namespace, binding.roleRef.name);
    return undefined;
  }

  /** The rules a role grants: its own, or for an aggregated ClusterRole those of every ClusterRole its selectors match. */
  effectiveRules(role: RoleDef): readonly RuleRef[] {
    const known = this.effective.get(role);
    if (known !== undefined) return known;
    const rules = role.aggregationSelectors === undefined ? ownRules(role) : this.aggregate(role, new Set([role]));
    this.effective.set(role, rules);
    return rules;
  }

  /**
   * The rules an aggregated ClusterRole ends up with once the aggregation controller has
   * settled: for each selector in turn, the rules of the matching ClusterRoles (by name, itself
   * excepted), aggregated ones contributing what they aggregate. A cycle of aggregated roles
   * contributes nothing beyond the ordinary roles it reaches.
   */
  private aggregate(role: RoleDef, visiting: ReadonlySet<RoleDef>): RuleRef[] {
    const out: RuleRef[] = [];
    const seen = new Set<RuleRef>();
    const candidates = [...this.clusterRoles.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const selector of role.aggregationSelectors ?? []) {
      for (const candidate of candidates) {
        if (candidate.name === role.name || !selectorMatches(selector, candidate.labels)) continue;
        let rules: readonly RuleRef[];
        if (candidate.aggregationSelectors === undefined) rules = ownRules(candidate);
        else if (visiting.has(candidate)) rules = [];
        else rules = this.aggregate(candidate, new Set([...visiting, candidate]));
        for (const rule of rules) {
          if (seen.has(rule)) continue;
          seen.add(rule);
          out.push(rule);
        }
      }
    }
    return out;
  }

  /** The aggregated ClusterRoles whose effective rules include this role's rules. */
  aggregatedInto(role: RoleDef): RoleDef[] {
    if (role.kind !== 'ClusterRole') return [];
    if (this.aggregators === undefined) {
      // Each aggregated ClusterRole, in the order the cluster's roles are kept, under every role it takes rules from.
      const aggregators = new Map<RoleDef, RoleDef[]>();
      for (const candidate of this.clusterRoles.values()) {
        if (candidate.aggregationSelectors === undefined) continue;
        for (const rule of this.effectiveRules(candidate)) {
          const list = aggregators.get(rule.role);
          if (list === undefined) aggregators.set(rule.role, [candidate]);
          else if (list[list.length - 1] !== candidate) list.push(candidate);
        }
      }
      this.aggregators = aggregators;
    }
    return (this.aggregators.get(role) ?? []).filter((candidate) => candidate !== role);
  }

  /**
   * The bindings that can apply to requests in a namespace, in the order of `bindings`: every
   * ClusterRoleBinding and the namespace's RoleBindings; with `null`, the ClusterRoleBindings
   * only (for URLs and cluster-scoped resources); every binding when no namespace is given.
   */
  bindingsInScope(namespace: string | null | undefined): readonly BindingDef[] {
    if (namespace === undefined) return this.bindings;
    if (this.bindingsByNamespace === undefined) {
      const byNamespace = new Map<string, number[]>();
      const clusterWide: number[] = [];
      this.bindings.forEach((binding, position) => {
        if (binding.namespace === undefined) clusterWide.push(position);
        else appendTo(byNamespace, binding.namespace, position);
      });
      this.bindingsByNamespace = { clusterWide, byNamespace };
    }
    const { clusterWide, byNamespace } = this.bindingsByNamespace;
    return sortedUnion([clusterWide, namespace === null ? undefined : byNamespace.get(namespace)]).map((position) => this.bindings[position] as BindingDef);
  }

  /** Positions in `bindings` of the bindings that refer to each role. */
  private bindingPositionsByRole(): Map<RoleDef, number[]> {
    if (this.bindingsByRole === undefined) {
      const byRole = new Map<RoleDef, number[]>();
      this.bindings.forEach((binding, position) => {
        if (binding.role !== undefined) appendTo(byRole, binding.role, position);
      });
      this.bindingsByRole = byRole;
    }
    return this.bindingsByRole;
  }

  /**
   * Every grant of a written rule: each subject of each binding to a role whose effective rules
   * include it, in the order of the bindings.
   */
  grantsOfRule(role: RoleDef, index: number): readonly Grant[] {
    let byIndex = this.grantsByRule.get(role);
    if (byIndex === undefined) {
      byIndex = new Map();
      this.grantsByRule.set(role, byIndex);
    }
    const known = byIndex.get(index);
    if (known !== undefined) return known;
    const byRole = this.bindingPositionsByRole();
    const positions = sortedUnion([role, ...this.aggregatedInto(role)].map((target) => byRole.get(target)));
    const grants: Grant[] = [];
    for (const position of positions) {
      const binding = this.bindings[position] as BindingDef;
      const bound = binding.role as RoleDef;
      const rule = this.effectiveRules(bound).find((candidate) => candidate.role === role && candidate.index === index);
      if (rule === undefined) continue;
      for (const subject of binding.subjects) {
        if (subject.subject !== undefined) grants.push({ binding, subject, role: bound, rule, namespace: binding.namespace });
      }
    }
    byIndex.set(index, grants);
    return grants;
  }

  /** Whether any binding gives this role to anyone, directly or through aggregation. */
  isGranted(role: RoleDef): boolean {
    if (this.grantedRoles === undefined) {
      const granted = new Set<RoleDef>();
      for (const binding of this.bindings) {
        const bound = binding.role;
        if (bound === undefined || granted.has(bound) || !binding.subjects.some((subject) => subject.subject !== undefined)) continue;
        granted.add(bound);
        if (bound.aggregationSelectors !== undefined) for (const rule of this.effectiveRules(bound)) granted.add(rule.role);
      }
      this.grantedRoles = granted;
    }
    return this.grantedRoles.has(role);
  }

  /** Every grant a binding makes: each of its subjects, each effective rule of its role. */
  grantsOfBinding(binding: BindingDef): Grant[] {
    // Several checks walk every binding's grants: build each list once.
    const known = this.grantsByBinding.get(binding);
    if (known !== undefined) return known;
    const role = binding.role;
    const grants: Grant[] = [];
    if (role !== undefined) {
      for (const subject of binding.subjects) {
        if (subject.subject === undefined) continue;
        for (const rule of this.effectiveRules(role)) grants.push({ binding, subject, role, rule, namespace: binding.namespace });
      }
    }
    this.grantsByBinding.set(binding, grants);
    return grants;
  }

  /** Positions in `bindings` of the bindings that name each principal, by `principalKey`. */
  private subjectIndex(): Map<string, number[]> {
    if (this.bindingsBySubject === undefined) {
      const index = new Map<string, number[]>();
      this.bindings.forEach((binding, position) => {
        for (const { principal: key } of binding.subjects) {
          if (key === undefined) continue;
          const list = index.get(key);
          if (list === undefined) index.set(key, [position]);
          else if (list[list.length - 1] !== position) list.push(position);
        }
      });
      this.bindingsBySubject = index;
    }
    return this.bindingsBySubject;
  }

  /**
   * The bindings that apply to an identity (or whoever a subject stands for), in the order of the
   * input, each with the first of its subjects that applies (the one the authorizer credits) and
   * the role it gives. Bindings whose role is unknown give nothing and are left out.
   */
  bindingsFor(who: Subject | UserInfo): readonly HeldBinding[] {
    // Workloads' identities are asked about again and again (once per who-can question): remember them.
    const known = this.heldByIdentity.get(who);
    if (known !== undefined) return known;
    const held = this.findBindingsFor(isUserInfo(who) ? who : identityOf(who));
    this.heldByIdentity.set(who, held);
    return held;
  }

  private findBindingsFor(identity: UserInfo): HeldBinding[] {
    const index = this.subjectIndex();
    const candidates: (readonly number[] | undefined)[] = identity.name === undefined ? [] : [index.get(principalKey({ kind: 'User', name: identity.name }))];
    for (const group of identity.groups) candidates.push(index.get(principalKey({ kind: 'Group', name: group })));
    const out: HeldBinding[] = [];
    // Only bindings naming the user or one of its groups can apply.
    for (const position of sortedUnion(candidates)) {
      const binding = this.bindings[position] as BindingDef;
      const subject = binding.subjects.find((candidate): candidate is ResolvedBindingSubject => candidate.subject !== undefined && subjectApplies(candidate.subject, identity));
      if (subject === undefined || binding.role === undefined) continue;
      out.push({ binding: binding as BindingDef & { role: RoleDef }, subject });
    }
    return out;
  }

  /**
   * Everything an identity (or whoever a subject stands for) is granted, with the binding and
   * role behind each rule and where it applies. Groups count: a ServiceAccount also gets what
   * `system:serviceaccounts`, `system:serviceaccounts:<ns>` and `system:authenticated` get.
   */
  grantsFor(who: Subject | UserInfo): Grant[] {
    const grants: Grant[] = [];
    for (const { binding, subject } of this.bindingsFor(who)) {
      // The authorizer credits a binding to the first of its subjects that applies.
      for (const rule of this.effectiveRules(binding.role)) grants.push({ binding, subject, role: binding.role, rule, namespace: binding.namespace });
    }
    return grants;
  }

  /**
   * The RBAC authorizer's decision for a request: ClusterRoleBindings apply everywhere,
   * RoleBindings only to requests in their namespace (so never to cluster-scoped resources or
   * non-resource URLs). Members of `system:masters` are allowed everything before RBAC is asked.
   */
  allows(who: Subject | UserInfo, request: AccessRequest): Decision {
    const identity = isUserInfo(who) ? who : identityOf(who);
    if (identity.groups.includes(SYSTEM_MASTERS)) {
      return { allowed: true, bypass: 'system:masters', reason: 'member of system:masters, which the API server allows everything without consulting RBAC' };
    }
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    // The authorizer visits ClusterRoleBindings first, then the RoleBindings of the namespace.
    const visitOrder = (grant: Grant) => (grant.binding.kind === 'ClusterRoleBinding' ? 0 : 1);
    for (const grant of this.grantsFor(identity).sort((a, b) => visitOrder(a) - visitOrder(b))) {
      if (!grantAppliesIn(grant, namespace)) continue;
      if (ruleAllows(grant.rule.rule, request)) {
        return { allowed: true, grant, reason: `allowed by ${describeGrantSource(grant)} to ${describeSubject(grant.subject.subject)}` };
      }
    }
    return { allowed: false, reason: 'no rule allows it' };
  }

  /**
   * The binding subjects that are allowed a request, each with the first grant that allows it.
   * Subjects as written: a group counts as one subject, its members are not expanded.
   */
  subjectsFor(request: AccessRequest): Grant[] {
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    const out: Grant[] = [];
    // Many bindings share a role (view, edit, admin): match each role's rules once.
    const allowing = new Map<RoleDef, RuleRef | undefined>();
    for (const binding of this.bindings) {
      if (binding.role === undefined || (binding.kind === 'RoleBinding' && (namespace === undefined || binding.namespace !== namespace))) continue;
      let rule: RuleRef | undefined;
      if (allowing.has(binding.role)) rule = allowing.get(binding.role);
      else {
        rule = this.effectiveRules(binding.role).find((candidate) => ruleAllows(candidate.rule, request));
        allowing.set(binding.role, rule);
      }
      if (rule === undefined) continue;
      for (const subject of binding.subjects) {
        if (subject.subject !== undefined) out.push({ binding, subject, role: binding.role, rule, namespace: binding.namespace });
      }
    }
    return out;
  }
}

/** Sorted ascending lists of positions merged into one, without repeats. */
function sortedUnion(lists: readonly (readonly number[] | undefined)[]): number[] {
  const present = lists.filter((list): list is readonly number[] => list !== undefined && list.length > 0);
  if (present.length === 0) return [];
  if (present.length === 1) return present[0] as number[];
  const all: number[] = [];
  for (const list of present) for (const position of list) all.push(position);
  all.sort((a, b) => a - b);
  return all.filter((position, at) => at === 0 || all[at - 1] !== position);
}

/** Whether a grant applies to a request in this namespace (undefined: a cluster-scoped or all-namespaces request, or a URL). */
export function grantAppliesIn(grant: Grant, namespace: string | undefined): boolean {
  return grant.namespace === undefined || grant.namespace === namespace;
}

function ownRules(role: RoleDef): RuleRef[] {
  const out: RuleRef[] = [];
  role.rules.forEach((rule, index) => {
    if (rule !== undefined) out.push({ role, index, rule });
  });
  return out;
}

/** Builds the RBAC model of a set of resources. */
export function buildRbacModel(resources: readonly Resource[], options: RbacModelOptions = {}): RbacModel {
  return new RbacModel(resources, options);
}
