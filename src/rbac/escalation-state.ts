import { appendTo } from './lists.js';
import type { BindingDef, Grant, HeldBinding, RbacModel, RoleDef, RuleRef } from './model.js';
import { describeRole, describeScope } from './model.js';
import { apiGroupMatches, resourceMatches, ruleAllows, verbMatches } from './rules.js';
import { describeSubject, identityOf } from './subjects.js';
import { isNonResourceRequest, type AccessRequest, type PolicyRule, type Subject, type UserInfo } from './types.js';
import { principalKey } from './who-can.js';

/**
 * What an attacker holds at one point of an escalation chain:
 * - `subject`: the credentials of a user, a member of a group, or a ServiceAccount's token;
 * - `role`: a role bound to itself by a binding it wrote, in a namespace or cluster-wide;
 * - `everything`: every permission in a namespace or cluster-wide, after rewriting a role it
 *   holds to allow everything.
 */
export type EscalationState =
  | { kind: 'subject'; subject: Subject }
  | { kind: 'role'; role: RoleDef; namespace: string | undefined }
  | { kind: 'everything'; namespace: string | undefined };

/** A permission a step relies on, and what grants it. */
export interface StepPermission {
  /** The request it allows, e.g. `create pods` in `kube-system`. */
  request: AccessRequest;
  /** The binding that grants it; undefined when the chain made the access itself (a binding it wrote, a role it rewrote). */
  binding: BindingDef | undefined;
  /** The role whose rule allows it; undefined for `everything`. */
  role: RoleDef | undefined;
  /** The rule that allows it: in `role`, or in a ClusterRole aggregated into it. */
  rule: RuleRef | undefined;
  /** The namespace the grant is limited to; undefined: cluster-wide. */
  namespace: string | undefined;
}

/**
 * One object per subject state, each with its key worked out once: a large cluster has
 * millions of possible steps, most of them to the same few thousand ServiceAccounts, and
 * building and hashing a new key for each step would cost more than the step.
 */
export class StateCatalog {
  private readonly subjects = new Map<string, Map<string, Map<string, EscalationState>>>();
  private readonly byAccount = new Map<object, EscalationState>();
  private readonly keys = new WeakMap<EscalationState, string>();

  /** The state of a subject's credentials; the same object for the same subject. */
  subject(subject: Subject): EscalationState {
    const namespace = subject.kind === 'ServiceAccount' ? subject.namespace : '';
    let byNamespace = this.subjects.get(subject.kind);
    if (byNamespace === undefined) {
      byNamespace = new Map();
      this.subjects.set(subject.kind, byNamespace);
    }
    let byName = byNamespace.get(namespace);
    if (byName === undefined) {
      byName = new Map();
      byNamespace.set(namespace, byName);
    }
    let state = byName.get(subject.name);
    if (state === undefined) {
      state = { kind: 'subject', subject };
      byName.set(subject.name, state);
      this.keys.set(state, stateKey(state));
    }
    return state;
  }

  /** A ServiceAccount's state. */
  account(namespace: string, name: string): EscalationState {
    return this.subjects.get('ServiceAccount')?.get(namespace)?.get(name) ?? this.subject({ kind: 'ServiceAccount', namespace, name });
  }

  /** A ServiceAccount's state, looked up by an object that stands for it (one the input knows of). */
  accountOf(known: { namespace: string; name: string }): EscalationState {
    let state = this.byAccount.get(known);
    if (state === undefined) {
      state = this.account(known.namespace, known.name);
      this.byAccount.set(known, state);
    }
    return state;
  }

  /** `stateKey`, worked out once for the states of this catalog. */
  keyOf(state: EscalationState): string {
    return this.keys.get(state) ?? stateKey(state);
  }
}

/** One key per state, for the search's visited set. */
export function stateKey(state: EscalationState): string {
  switch (state.kind) {
    case 'subject':
      return principalKey(state.subject);
    case 'role':
      return `role:${state.role.kind}:${state.role.namespace ?? ''}/${state.role.name}@${state.namespace ?? '*'}`;
    case 'everything':
      return `everything@${state.namespace ?? '*'}`;
  }
}

/** `ServiceAccount "kube-system/x"`, `ClusterRole "admin" (built-in) in namespace "shop"`, `every permission cluster-wide`. */
export function describeState(state: EscalationState): string {
  switch (state.kind) {
    case 'subject':
      return describeSubject(state.subject);
    case 'role':
      return `${describeRole(state.role)} ${describeScope(state.namespace)}`;
    case 'everything':
      return `every permission ${describeScope(state.namespace)}`;
  }
}

/** Where a state may make requests of some shape: in every namespace and cluster-wide, or only in some namespaces. */
export interface Reach {
  everywhere: boolean;
  namespaces: ReadonlySet<string>;
}

const NOWHERE: Reach = { everywhere: false, namespaces: new Set() };
const EVERYWHERE: Reach = { everywhere: true, namespaces: new Set() };

/** Whether a rule allows a verb on a resource for some object name (the name is left out of the match). */
function ruleReaches(rule: PolicyRule, verb: string, group: string, resource: string, subresource: string | undefined): boolean {
  return verbMatches(rule, verb) && apiGroupMatches(rule, group) && resourceMatches(rule, resource, subresource);
}

/** Of some namespaces, those a reach covers. */
export function namespacesWithin(reach: Reach, namespaces: Iterable<string>): string[] {
  if (reach.everywhere) return [...namespaces];
  if (reach.namespaces.size === 0) return [];
  return [...namespaces].filter((namespace) => reach.namespaces.has(namespace));
}

/** A request without its namespace, as a key: what a rule's answer depends on. */
export function requestShape(request: AccessRequest): string {
  return isNonResourceRequest(request) ? `url ${request.verb} ${request.path}` : `${request.verb} ${request.group ?? ''} ${request.resource} ${request.subresource ?? ''} ${request.name ?? ''}`;
}

/**
 * What the rules of each role allow, remembered across the states of a search: many states hold
 * the same roles (every namespace's `edit`, `admin`, `view`), and a role's answer to a request
 * does not depend on who holds it or where.
 */
export class RoleMatches {
  private readonly allowing = new Map<RoleDef, Map<string, RuleRef | null>>();
  private readonly reaching = new Map<RoleDef, Map<string, boolean>>();

  constructor(private readonly model: RbacModel) {}

  /** The first effective rule of the role that allows the request (its namespace aside); `key` is its `requestShape`. */
  firstAllowing(role: RoleDef, request: AccessRequest, key: string = requestShape(request)): RuleRef | undefined {
    let byRequest = this.allowing.get(role);
    if (byRequest === undefined) {
      byRequest = new Map();
      this.allowing.set(role, byRequest);
    }
    let rule = byRequest.get(key);
    if (rule === undefined) {
      rule = this.model.effectiveRules(role).find((candidate) => ruleAllows(candidate.rule, request)) ?? null;
      byRequest.set(key, rule);
    }
    return rule ?? undefined;
  }

  /** Whether some effective rule of the role allows a verb on a resource for some object name. */
  reaches(role: RoleDef, key: string, verb: string, group: string, resource: string, subresource: string | undefined): boolean {
    let byShape = this.reaching.get(role);
    if (byShape === undefined) {
      byShape = new Map();
      this.reaching.set(role, byShape);
    }
    let reaches = byShape.get(key);
    if (reaches === undefined) {
      reaches = this.model.effectiveRules(role).some((rule) => ruleReaches(rule.rule, verb, group, resource, subresource));
      byShape.set(key, reaches);
    }
    return reaches;
  }
}

/**
 * Namespaces in a fixed order, to pick those a reach covers without walking all of them: in a
 * cluster of thousands of namespaces, most states reach a handful.
 */
export class NamespaceOrder {
  readonly namespaces: readonly string[];
  private readonly positions = new Map<string, number>();

  constructor(namespaces: Iterable<string>) {
    this.namespaces = [...namespaces];
    this.namespaces.forEach((namespace, position) => this.positions.set(namespace, position));
  }

  /** Of these namespaces, those a reach covers, in this order (what `namespacesWithin` gives). */
  within(reach: Reach): string[] {
    if (reach.everywhere) return [...this.namespaces];
    if (reach.namespaces.size === 0) return [];
    const out: string[] = [];
    for (const namespace of reach.namespaces) if (this.positions.has(namespace)) out.push(namespace);
    return out.sort((a, b) => (this.positions.get(a) as number) - (this.positions.get(b) as number));
  }
}

/** What a state may do, answered with the grant that allows it. */
export class Capability {
  readonly state: EscalationState;
  /** The identity a `subject` state acts as. */
  readonly identity: UserInfo | undefined;
  private readonly model: RbacModel;
  private readonly matches: RoleMatches;
  /** For a `subject` state, the bindings it holds, ClusterRoleBindings first (the authorizer's order). */
  private readonly held: readonly HeldBinding[];
  /** The same, split: ClusterRoleBindings, and RoleBindings by namespace (each in the order of `held`). */
  private readonly clusterWide: readonly HeldBinding[];
  private readonly byNamespace = new Map<string, HeldBinding[]>();
  /** Which ClusterRoleBinding allows a request of each shape (null: none): the same in every namespace. */
  private readonly clusterWidePermits = new Map<string, HeldBinding | null>();
  private readonly reaches = new Map<string, Reach>();
  private allGrants: readonly Grant[] | undefined;

  constructor(model: RbacModel, state: EscalationState, matches: RoleMatches = new RoleMatches(model)) {
    this.model = model;
    this.matches = matches;
    this.state = state;
    if (state.kind === 'subject') {
      this.identity = identityOf(state.subject);
      const order = (held: HeldBinding) => (held.binding.kind === 'ClusterRoleBinding' ? 0 : 1);
      // A copy: the model keeps the list it found for the identity.
      this.held = [...model.bindingsFor(this.identity)].sort((a, b) => order(a) - order(b));
    } else {
      this.identity = undefined;
      this.held = [];
    }
    this.clusterWide = this.held.filter((held) => held.binding.namespace === undefined);
    for (const held of this.held) if (held.binding.namespace !== undefined) appendTo(this.byNamespace, held.binding.namespace, held);
  }

  /** For a `subject` state, everything it is granted, ClusterRoleBindings first (the authorizer's order). */
  get grants(): readonly Grant[] {
    this.allGrants ??= this.held.flatMap(({ binding, subject }) => this.model.effectiveRules(binding.role).map((rule) => ({ binding, subject, role: binding.role, rule, namespace: binding.namespace })));
    return this.allGrants;
  }

  /** The grant that allows a request, if any: RoleBindings and roles held in a namespace only there. */
  permits(request: AccessRequest): StepPermission | undefined {
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    const state = this.state;
    switch (state.kind) {
      case 'subject': {
        // The first grant that allows it: the first binding that applies whose role allows it, by the role's first such rule.
        // ClusterRoleBindings come first and apply everywhere, so their answer is worked out once per shape of request.
        const shape = requestShape(request);
        let clusterWide = this.clusterWidePermits.get(shape);
        if (clusterWide === undefined) {
          clusterWide = this.clusterWide.find((held) => this.matches.firstAllowing(held.binding.role, request, shape) !== undefined) ?? null;
          this.clusterWidePermits.set(shape, clusterWide);
        }
        const candidates = clusterWide !== null ? [clusterWide] : namespace === undefined ? [] : (this.byNamespace.get(namespace) ?? []);
        for (const { binding } of candidates) {
          const rule = this.matches.firstAllowing(binding.role, request, shape);
          if (rule !== undefined) return { request, binding, role: binding.role, rule, namespace: binding.namespace };
        }
        return undefined;
      }
      case 'role': {
        if (state.namespace !== undefined && state.namespace !== namespace) return undefined;
        const rule = this.matches.firstAllowing(state.role, request);
        return rule === undefined ? undefined : { request, binding: undefined, role: state.role, rule, namespace: state.namespace };
      }
      case 'everything':
        if (state.namespace !== undefined && (isNonResourceRequest(request) || state.namespace !== namespace)) return undefined;
        return { request, binding: undefined, role: undefined, rule: undefined, namespace: state.namespace };
    }
  }

  /**
   * Where requests of a shape might be allowed, object names aside: a quick bound that spares
   * the techniques from asking `permits` in every namespace of the input.
   */
  reach(verb: string, group: string, resource: string, subresource?: string): Reach {
    const key = `${verb} ${group} ${resource} ${subresource ?? ''}`;
    let reach = this.reaches.get(key);
    if (reach !== undefined) return reach;
    const state = this.state;
    switch (state.kind) {
      case 'subject': {
        const namespaces = new Set<string>();
        let everywhere = false;
        for (const { binding } of this.held) {
          if (!this.matches.reaches(binding.role, key, verb, group, resource, subresource)) continue;
          if (binding.namespace === undefined) everywhere = true;
          else namespaces.add(binding.namespace);
        }
        reach = everywhere ? EVERYWHERE : namespaces.size === 0 ? NOWHERE : { everywhere: false, namespaces };
        break;
      }
      case 'role': {
        const reaches = this.matches.reaches(state.role, key, verb, group, resource, subresource);
        reach = !reaches ? NOWHERE : state.namespace === undefined ? EVERYWHERE : { everywhere: false, namespaces: new Set([state.namespace]) };
        break;
      }
      case 'everything':
        reach = state.namespace === undefined ? EVERYWHERE : { everywhere: false, namespaces: new Set([state.namespace]) };
        break;
    }
    this.reaches.set(key, reach);
    return reach;
  }

  /** The first of several requests that is allowed. */
  permitsAny(requests: readonly AccessRequest[]): StepPermission | undefined {
    for (const request of requests) {
      const permission = this.permits(request);
      if (permission !== undefined) return permission;
    }
    return undefined;
  }

  /** The roles this state holds and where: through its bindings, or the role it bound to itself. */
  heldRoles(): { role: RoleDef; namespace: string | undefined; binding: BindingDef | undefined }[] {
    const state = this.state;
    if (state.kind === 'role') return [{ role: state.role, namespace: state.namespace, binding: undefined }];
    return this.held.map(({ binding }) => ({ role: binding.role, namespace: binding.namespace, binding }));
  }
}
