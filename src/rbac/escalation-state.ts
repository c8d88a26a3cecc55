import { appendTo } from '../model/lists.js';
import type { BindingDef, Grant, HeldBinding, RbacModel, RoleDef, RuleRef } from './model.js';
import { describeRole, describeScope } from './model.js';
import { apiGroupMatches, namesAny, resourceMatches, ruleAllows, verbMatches } from './rules.js';
import { describeSubject, identityOf, principalKey } from './subjects.js';
import { isNonResourceRequest, type AccessRequest, type PolicyRule, type Subject, type UserInfo } from './types.js';

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

export const NOWHERE: Reach = { everywhere: false, namespaces: new Set() };
export const EVERYWHERE: Reach = { everywhere: true, namespaces: new Set() };

/**
 * A verb on a resource, object names and namespaces aside: what `Capability.reach` is asked.
 * Each is numbered when made, so that answers are kept in arrays rather than by text.
 */
export interface RequestShape {
  readonly id: number;
  readonly verb: string;
  readonly group: string;
  readonly resource: string;
  readonly subresource: string | undefined;
}

const SHAPES: RequestShape[] = [];

/** A new `RequestShape`; make them once (at module level), not per question. */
export function requestShapeOf(verb: string, group: string, resource: string, subresource?: string): RequestShape {
  const shape = { id: SHAPES.length, verb, group, resource, subresource };
  SHAPES.push(shape);
  return shape;
}

/** Any of several verbs on any of several resources. */
export function requestShapesOf(verbs: readonly string[], targets: readonly { group: string; resource: string; subresource?: string }[]): RequestShape[] {
  return verbs.flatMap((verb) => targets.map((target) => requestShapeOf(verb, target.group, target.resource, target.subresource)));
}

/** Whether a rule allows a request of a shape for some object name (the name is left out of the match). */
export function ruleReaches(rule: PolicyRule, shape: RequestShape): boolean {
  return verbMatches(rule, shape.verb) && apiGroupMatches(rule, shape.group) && resourceMatches(rule, shape.resource, shape.subresource);
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
  /** By role, the ids of the shapes it reaches, of the first `reachingCount` shapes made. */
  private readonly reaching = new Map<RoleDef, number[]>();
  private reachingCount = 0;
  /** The resources of the shapes made so far. */
  private shapeResources: ReadonlySet<string> = new Set();

  /** One `Reach` object per namespace, shared by the states that reach only there. */
  private readonly single = new Map<string, Reach>();

  constructor(private readonly model: RbacModel) {}

  /** The reach of a single namespace (shared: never change it). */
  within(namespace: string): Reach {
    let reach = this.single.get(namespace);
    if (reach === undefined) {
      reach = { everywhere: false, namespaces: new Set([namespace]) };
      this.single.set(namespace, reach);
    }
    return reach;
  }

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

  /** The ids of the request shapes some effective rule of the role allows for some object name. */
  reached(role: RoleDef): readonly number[] {
    if (this.reachingCount !== SHAPES.length) {
      // Shapes made since the last question: start again (they are all made as modules load).
      this.reaching.clear();
      this.reachingCount = SHAPES.length;
      this.shapeResources = new Set(SHAPES.map((shape) => shape.resource));
    }
    let reached = this.reaching.get(role);
    if (reached === undefined) {
      const marked = new Uint8Array(SHAPES.length);
      for (const { rule } of this.model.effectiveRules(role)) {
        // Most rules name none of the shapes' resources: they reach none of them.
        if (!namesAny(rule, this.shapeResources)) continue;
        for (const shape of SHAPES) if (marked[shape.id] === 0 && ruleReaches(rule, shape)) marked[shape.id] = 1;
      }
      reached = SHAPES.filter((shape) => marked[shape.id] === 1).map((shape) => shape.id);
      this.reaching.set(role, reached);
    }
    return reached;
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

  /**
   * Of these namespaces, those a reach covers, in this order (what `namespacesWithin` gives);
   * with `among`, only those of it too.
   */
  within(reach: Reach, among?: ReadonlySet<string>): string[] {
    if (reach.everywhere && among === undefined) return [...this.namespaces];
    if (!reach.everywhere && reach.namespaces.size === 0) return [];
    // Walk the smaller of the two sets.
    const candidates = reach.everywhere || (among !== undefined && among.size < reach.namespaces.size) ? (among as ReadonlySet<string>) : reach.namespaces;
    const out: string[] = [];
    for (const namespace of candidates) {
      if (!this.positions.has(namespace)) continue;
      if (among !== undefined && !among.has(namespace)) continue;
      if (!reach.everywhere && !reach.namespaces.has(namespace)) continue;
      out.push(namespace);
    }
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
  /** By shape id; undefined: nowhere. */
  private reaches: (Reach | undefined)[] | undefined;
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
  reach(shape: RequestShape): Reach {
    this.reaches ??= this.reachAll();
    return this.reaches[shape.id] ?? NOWHERE;
  }

  /** `reach` of every shape, by id (undefined: nowhere), worked out in one pass over the roles held. */
  private reachAll(): (Reach | undefined)[] {
    const reaches: (Reach | undefined)[] = [];
    const state = this.state;
    const only = (namespace: string | undefined): Reach => (namespace === undefined ? EVERYWHERE : this.matches.within(namespace));
    switch (state.kind) {
      case 'subject': {
        // The one-namespace reaches are shared: those of several namespaces are made here, and only those are added to.
        const own = new Set<Reach>();
        for (const { binding } of this.held) {
          const namespace = binding.namespace;
          for (const id of this.matches.reached(binding.role)) {
            const known = reaches[id];
            if (known === undefined || namespace === undefined) reaches[id] = only(namespace);
            else if (own.has(known)) (known.namespaces as Set<string>).add(namespace);
            else if (!known.everywhere && !known.namespaces.has(namespace)) {
              const more: Reach = { everywhere: false, namespaces: new Set([...known.namespaces, namespace]) };
              own.add(more);
              reaches[id] = more;
            }
          }
        }
        break;
      }
      case 'role': {
        const reach = only(state.namespace);
        for (const id of this.matches.reached(state.role)) reaches[id] = reach;
        break;
      }
      case 'everything': {
        const reach = only(state.namespace);
        for (let id = 0; id < SHAPES.length; id++) reaches[id] = reach;
        break;
      }
    }
    return reaches;
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
