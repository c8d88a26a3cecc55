import { ruleReaches, stateKey, type EscalationState, type RequestShape, type RoleMatches } from './escalation-state.js';
import { STEP_NEEDS, type SearchContext, type StepNeed } from './escalation-techniques.js';
import { appendTo } from '../model/lists.js';
import type { BindingDef, RbacModel, RoleDef } from './model.js';
import { identityOf, parseServiceAccountUserName, serviceAccountUserName, SYSTEM_MASTERS } from './subjects.js';

/**
 * How far each state is from a cluster-admin-equivalent one, at least, worked out backwards from
 * the goals without expanding a single state: a step into a state needs a grant of one of a few
 * request shapes (`STEP_NEEDS`), in the state's namespace or cluster-wide, so whoever holds a
 * binding whose role reaches one of them, and the roles and `everything` states that reach one
 * there, may step into it. These predecessors are a superset of the true ones, so the distances
 * are never more than the true ones: a search that skips states with no distance, or too far a
 * distance, skips nothing it would have found. The searches then walk the few states that are
 * near a goal with the exact techniques.
 */

/** The state a step leads to, as far as who may take it is concerned. */
export type TargetClass =
  | { kind: 'account'; namespace: string; tokenWorkload: boolean; tokenSecret: boolean }
  | { kind: 'user' }
  | { kind: 'group'; masters: boolean }
  | { kind: 'role'; namespace: string | undefined }
  | { kind: 'everything'; namespace: string | undefined };

const CLUSTER_WIDE = '*';

/** Bindings by whether their role reaches some shape of a need, and where they apply. */
class NeedIndex {
  /** By need, by namespace (`*`: ClusterRoleBindings), the bindings. */
  private readonly bindings = new Map<StepNeed, Map<string, BindingDef[]>>();
  /** By need, the ClusterRoles worth binding that reach it, and the Roles by namespace. */
  private readonly clusterRoles = new Map<StepNeed, RoleDef[]>();
  private readonly roles = new Map<StepNeed, Map<string, RoleDef[]>>();
  private readonly needsOfRole = new Map<RoleDef, StepNeed[]>();
  /** The names of the roles a state that is no goal may bind (`resourceNames` of `bind` rules); true: any. */
  private bindable: Set<string> | true = true;
  private readonly powerful: readonly RoleDef[];

  constructor(
    context: SearchContext,
    private readonly matches: RoleMatches,
  ) {
    for (const binding of context.analysis.model.bindings) {
      if (binding.role === undefined) continue;
      for (const need of this.needsOf(binding.role)) {
        let byScope = this.bindings.get(need);
        if (byScope === undefined) {
          byScope = new Map();
          this.bindings.set(need, byScope);
        }
        appendTo(byScope, binding.namespace ?? CLUSTER_WIDE, binding);
      }
    }

    this.powerful = [...context.powerfulClusterRoles, ...[...context.powerfulRoles.values()].flat()];
    for (const role of context.powerfulClusterRoles) for (const need of this.needsOf(role)) appendTo(this.clusterRoles, need, role);
    for (const [namespace, roles] of context.powerfulRoles) {
      for (const role of roles) {
        for (const need of this.needsOf(role)) {
          let byNamespace = this.roles.get(need);
          if (byNamespace === undefined) {
            byNamespace = new Map();
            this.roles.set(need, byNamespace);
          }
          appendTo(byNamespace, namespace, role);
        }
      }
    }
  }

  private needsOf(role: RoleDef): StepNeed[] {
    let needs = this.needsOfRole.get(role);
    if (needs === undefined) {
      const reached = new Set(this.matches.reached(role));
      const any = (shapes: readonly RequestShape[]) => shapes.some((shape) => reached.has(shape.id));
      needs = (Object.keys(STEP_NEEDS) as StepNeed[]).filter((need) => any(STEP_NEEDS[need]));
      this.needsOfRole.set(role, needs);
    }
    return needs;
  }

  /**
   * Works out which roles may be bound by a state that is no goal (goals end chains, so what they
   * may do does not matter): by the holders of bindings that are not all goals, and by the role
   * states of roles they may bind, until nothing more is bindable. Where such a state may rewrite
   * a role to allow everything, every role is.
   */
  settleBindable(model: RbacModel, live: (binding: BindingDef) => boolean): void {
    let all = this.allBindingsFor('everything').some(live);
    const names = new Set<string>();
    const take = (role: RoleDef) => {
      for (const { rule } of model.effectiveRules(role)) {
        if (!STEP_NEEDS.role.some((shape) => ruleReaches(rule, shape))) continue;
        if (rule.resourceNames.length === 0) all = true;
        else for (const name of rule.resourceNames) names.add(name);
      }
    };
    for (const binding of this.allBindingsFor('role')) {
      if (all) break;
      if (live(binding)) take(binding.role as RoleDef);
    }
    const taken = new Set<RoleDef>();
    for (let grew = true; grew && !all; ) {
      grew = false;
      for (const role of this.powerful) {
        if (taken.has(role) || !names.has(role.name)) continue;
        taken.add(role);
        grew = true;
        if (this.needsOf(role).includes('everything')) all = true;
        else take(role);
      }
    }
    this.bindable = all ? true : names;
  }

  /** Every binding whose role reaches the need, wherever it applies. */
  allBindingsFor(need: StepNeed): BindingDef[] {
    return [...(this.bindings.get(need)?.values() ?? [])].flat();
  }

  /** Bindings whose role reaches the need, applying in the namespace (with the ClusterRoleBindings) or only cluster-wide. */
  bindingsFor(need: StepNeed, namespace: string | undefined): BindingDef[] {
    const byScope = this.bindings.get(need);
    if (byScope === undefined) return [];
    const clusterWide = byScope.get(CLUSTER_WIDE) ?? [];
    return namespace === undefined ? clusterWide : [...clusterWide, ...(byScope.get(namespace) ?? [])];
  }

  /**
   * Role states that reach the need there: the roles worth binding that some binding allows to
   * bind (the only way to a role state), bound in that namespace or cluster-wide.
   */
  roleStates(need: StepNeed, namespace: string | undefined): EscalationState[] {
    const out: EscalationState[] = [];
    const bindable = (role: RoleDef) => this.bindable === true || this.bindable.has(role.name);
    for (const role of this.clusterRoles.get(need) ?? []) {
      if (!bindable(role)) continue;
      out.push({ kind: 'role', role, namespace: undefined });
      if (namespace !== undefined) out.push({ kind: 'role', role, namespace });
    }
    if (namespace !== undefined) for (const role of this.roles.get(need)?.get(namespace) ?? []) if (bindable(role)) out.push({ kind: 'role', role, namespace });
    return out;
  }
}

/** A state with its key. */
export type KeyedState = readonly [key: string, state: EscalationState];

/** Which states hold a binding: by the identity of each subject state the search may meet. */
class Holders {
  private readonly byName = new Map<string, KeyedState[]>();
  private readonly byGroup = new Map<string, KeyedState[]>();

  constructor(subjects: Iterable<KeyedState>) {
    for (const keyed of subjects) {
      const state = keyed[1];
      if (state.kind !== 'subject') continue;
      const identity = identityOf(state.subject);
      if (identity.name !== undefined) appendTo(this.byName, identity.name, keyed);
      for (const group of identity.groups) appendTo(this.byGroup, group, keyed);
    }
  }

  /** The states a binding applies to (`subjectApplies`, in reverse). */
  of(binding: BindingDef, into: Map<string, EscalationState>): void {
    for (const { subject } of binding.subjects) {
      if (subject === undefined) continue;
      const states = subject.kind === 'Group' ? this.byGroup.get(subject.name) : this.byName.get(subject.kind === 'User' ? subject.name : serviceAccountUserName(subject.namespace, subject.name));
      for (const [key, state] of states ?? []) into.set(key, state);
    }
  }

  /** The states whose identity is in a group. */
  inGroup(group: string): readonly KeyedState[] {
    return this.byGroup.get(group) ?? [];
  }
}

/** The needs a step into a state of this class may rely on, and where their grants must apply. */
function needsInto(target: TargetClass): { needs: StepNeed[]; namespace: string | undefined } {
  switch (target.kind) {
    case 'account': {
      const needs: StepNeed[] = ['account'];
      if (target.tokenWorkload) needs.push('tokenWorkloadAccount');
      if (target.tokenSecret) needs.push('tokenSecretAccount');
      return { needs, namespace: target.namespace };
    }
    case 'user':
      return { needs: ['user'], namespace: undefined };
    case 'group':
      return { needs: target.masters ? ['group', 'masters'] : ['group'], namespace: undefined };
    case 'role':
      return { needs: ['role'], namespace: target.namespace };
    case 'everything':
      return { needs: ['everything'], namespace: target.namespace };
  }
}

export function classKey(target: TargetClass): string {
  switch (target.kind) {
    case 'account':
      return `account@${target.namespace}:${Number(target.tokenWorkload)}${Number(target.tokenSecret)}`;
    case 'user':
      return 'user';
    case 'group':
      return `group:${Number(target.masters)}`;
    case 'role':
    case 'everything':
      return `${target.kind}@${target.namespace ?? CLUSTER_WIDE}`;
  }
}

/** Backward bounds over the states of a search (see the module's comment). */
export class Predecessors {
  private readonly needs: NeedIndex;
  private readonly holders: Holders;
  private readonly known = new Map<string, KeyedState[]>();
  private readonly tokenWorkloadAccounts = new Set<string>();
  private readonly tokenSecretAccounts = new Set<string>();

  /** `subjects`: every subject state the search may meet, with its key. */
  constructor(context: SearchContext, matches: RoleMatches, subjects: Iterable<KeyedState>) {
    this.needs = new NeedIndex(context, matches);
    this.holders = new Holders(subjects);
    for (const workload of context.tokenWorkloads) this.tokenWorkloadAccounts.add(`${workload.serviceAccount.namespace}/${workload.serviceAccount.name}`);
    for (const secret of context.analysis.tokenSecrets) this.tokenSecretAccounts.add(`${secret.namespace}/${secret.serviceAccount}`);
  }

  /** What matters of a state for who may step into it. */
  classOf(state: EscalationState): TargetClass {
    switch (state.kind) {
      case 'subject': {
        const subject = state.subject;
        if (subject.kind === 'Group') return { kind: 'group', masters: subject.name === SYSTEM_MASTERS };
        // A User that names a ServiceAccount is keyed, and stepped into, as the ServiceAccount.
        const account = subject.kind === 'ServiceAccount' ? subject : parseServiceAccountUserName(subject.name);
        if (account === undefined) return { kind: 'user' };
        const name = `${account.namespace}/${account.name}`;
        return { kind: 'account', namespace: account.namespace, tokenWorkload: this.tokenWorkloadAccounts.has(name), tokenSecret: this.tokenSecretAccounts.has(name) };
      }
      case 'role':
        return { kind: 'role', namespace: state.namespace };
      case 'everything':
        return { kind: 'everything', namespace: state.namespace };
    }
  }

  /** The states that may step into a state of this class (a superset of those that can). */
  into(target: TargetClass): readonly KeyedState[] {
    const key = classKey(target);
    const known = this.known.get(key);
    if (known !== undefined) return known;
    const { needs, namespace } = needsInto(target);
    const states = new Map<string, EscalationState>();
    const add = (state: EscalationState) => states.set(stateKey(state), state);
    for (const need of needs) {
      for (const binding of this.needs.bindingsFor(need, namespace)) this.holders.of(binding, states);
      for (const state of this.needs.roleStates(need, namespace)) add(state);
    }
    // Every permission of a namespace, or of the cluster, reaches whatever a step needs.
    add({ kind: 'everything', namespace: undefined });
    if (namespace !== undefined) add({ kind: 'everything', namespace });
    const out = [...states];
    this.known.set(key, out);
    return out;
  }

  /** Once the goals are known (their keys): see `NeedIndex.settleBindable`. */
  settle(model: RbacModel, goals: ReadonlySet<string>): void {
    this.needs.settleBindable(model, (binding) => {
      const holders = new Map<string, EscalationState>();
      this.holders.of(binding, holders);
      for (const key of holders.keys()) if (!goals.has(key)) return true;
      return false;
    });
  }

  /**
   * The states that may be cluster-admin-equivalent: holders of ClusterRoleBindings whose role
   * reaches every request or Secrets cluster-wide, members of system:masters, the roles worth
   * binding that reach either, and every permission cluster-wide. Each still has to be checked.
   */
  goalCandidates(): KeyedState[] {
    const states = new Map<string, EscalationState>();
    for (const binding of this.needs.bindingsFor('goal', undefined)) this.holders.of(binding, states);
    for (const [key, state] of this.holders.inGroup(SYSTEM_MASTERS)) states.set(key, state);
    for (const state of [...this.needs.roleStates('goal', undefined), { kind: 'everything', namespace: undefined } as const]) states.set(stateKey(state), state);
    return [...states];
  }
}
