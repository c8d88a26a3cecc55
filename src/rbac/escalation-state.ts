import type { BindingDef, Grant, RbacModel, RoleDef, RuleRef } from './model.js';
import { describeRole, grantAppliesIn } from './model.js';
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

function scopeText(namespace: string | undefined): string {
  return namespace === undefined ? 'cluster-wide' : `in namespace "${namespace}"`;
}

/** `ServiceAccount "kube-system/x"`, `ClusterRole "admin" (built-in) in namespace "shop"`, `every permission cluster-wide`. */
export function describeState(state: EscalationState): string {
  switch (state.kind) {
    case 'subject':
      return describeSubject(state.subject);
    case 'role':
      return `${describeRole(state.role)} ${scopeText(state.namespace)}`;
    case 'everything':
      return `every permission ${scopeText(state.namespace)}`;
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

/** What a state may do, answered with the grant that allows it. */
export class Capability {
  readonly state: EscalationState;
  /** The identity a `subject` state acts as. */
  readonly identity: UserInfo | undefined;
  /** For a `subject` state, everything it is granted, ClusterRoleBindings first (the authorizer's order). */
  readonly grants: readonly Grant[];
  private readonly model: RbacModel;
  private readonly reaches = new Map<string, Reach>();

  constructor(model: RbacModel, state: EscalationState) {
    this.model = model;
    this.state = state;
    if (state.kind === 'subject') {
      this.identity = identityOf(state.subject);
      const order = (grant: Grant) => (grant.binding.kind === 'ClusterRoleBinding' ? 0 : 1);
      this.grants = model.grantsFor(this.identity).sort((a, b) => order(a) - order(b));
    } else {
      this.identity = undefined;
      this.grants = [];
    }
  }

  /** The grant that allows a request, if any: RoleBindings and roles held in a namespace only there. */
  permits(request: AccessRequest): StepPermission | undefined {
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    const state = this.state;
    switch (state.kind) {
      case 'subject': {
        const grant = this.grants.find((candidate) => grantAppliesIn(candidate, namespace) && ruleAllows(candidate.rule.rule, request));
        return grant === undefined ? undefined : { request, binding: grant.binding, role: grant.role, rule: grant.rule, namespace: grant.namespace };
      }
      case 'role': {
        if (state.namespace !== undefined && state.namespace !== namespace) return undefined;
        const rule = this.model.effectiveRules(state.role).find((candidate) => ruleAllows(candidate.rule, request));
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
        for (const grant of this.grants) {
          if (!ruleReaches(grant.rule.rule, verb, group, resource, subresource)) continue;
          if (grant.namespace === undefined) everywhere = true;
          else namespaces.add(grant.namespace);
        }
        reach = everywhere ? EVERYWHERE : namespaces.size === 0 ? NOWHERE : { everywhere: false, namespaces };
        break;
      }
      case 'role': {
        const reaches = this.model.effectiveRules(state.role).some((rule) => ruleReaches(rule.rule, verb, group, resource, subresource));
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
    const out: { role: RoleDef; namespace: string | undefined; binding: BindingDef | undefined }[] = [];
    for (const grant of this.grants) {
      if (!out.some((known) => known.binding === grant.binding)) out.push({ role: grant.role, namespace: grant.namespace, binding: grant.binding });
    }
    return out;
  }
}
