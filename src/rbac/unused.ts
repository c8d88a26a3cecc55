import type { RbacAnalysis } from './analysis.js';
import { authenticatedIdentity, effectiveIdentity, impersonationRequests, type AuditEvent } from './audit-log.js';
import type { BindingDef, RoleDef, RuleRef } from './model.js';
import { ruleAllows } from './rules.js';
import { subjectApplies } from './subjects.js';
import { isNonResourceRequest, type AccessRequest, type Subject, type UserInfo } from './types.js';
import { compareSubjects } from './who-can.js';

/** One binding as it reaches one of its subjects, and which of its role's rules the log used. */
export interface BindingUse {
  binding: BindingDef & { role: RoleDef };
  /** Index of the subject in the binding's `subjects`. */
  subjectIndex: number;
  /** The role's effective rules (aggregation included), in order. */
  rules: readonly RuleRef[];
  /** How many logged requests of this subject each rule allowed, by position in `rules`. */
  uses: readonly number[];
}

/** A subject the bindings of the input name, with what the log shows of its grants. */
export interface SubjectUse {
  subject: Subject;
  /** Logged requests made by it, or by someone impersonating as it (for a group: by its members; for a ServiceAccount: with its token). */
  requests: number;
  bindings: BindingUse[];
}

export interface UnusedReport {
  /** Requests read from the log (stages merged), impersonation checks not counted. */
  requests: number;
  /** Different identities (user and groups) the requests were made as. */
  identities: number;
  /** Every subject of every binding of the input, users first, then groups, then ServiceAccounts. */
  subjects: SubjectUse[];
}

/** The rules of a use that no logged request exercised. */
export function unusedRules(use: BindingUse): RuleRef[] {
  return use.rules.filter((_, index) => use.uses[index] === 0);
}

/** A logged request: the identity the authorizer judged, and what it asked. */
interface LoggedRequest {
  identity: UserInfo;
  request: AccessRequest;
}

/** Every request the authorizer judged for an event: the request itself, and the impersonation checks before it. */
function loggedRequests(event: AuditEvent): LoggedRequest[] {
  const out: LoggedRequest[] = [{ identity: effectiveIdentity(event), request: event.request }];
  if (event.impersonatedUser !== undefined) {
    const impersonator = authenticatedIdentity(event);
    for (const request of impersonationRequests(event)) out.push({ identity: impersonator, request });
  }
  return out;
}

function identityKey(identity: UserInfo): string {
  return JSON.stringify([identity.name ?? null, [...identity.groups].sort()]);
}

function requestKey(request: AccessRequest): string {
  if (isNonResourceRequest(request)) return JSON.stringify(['url', request.verb, request.path]);
  return JSON.stringify([request.verb, request.group ?? '', request.resource, request.subresource ?? '', request.namespace ?? '', request.name ?? '']);
}

/**
 * Which grants of the input an audit log exercised, for every subject of every binding of the
 * input (built-in bindings aside). A rule of a binding is **used** by a subject when a logged
 * request of an identity that subject applies to (the user itself, a member of the group, the
 * ServiceAccount's token) is one the rule allows, in the binding's scope (its namespace, or
 * anywhere for a ClusterRoleBinding): exactly the test the authorizer makes. Every rule that
 * allows a request counts as used, not only the first the authorizer happens to visit: two rules
 * (or two bindings) that allow the same request are each used, since removing either alone
 * would change nothing the log shows, and removing both would deny it. Requests the API server
 * denied use nothing. Impersonation counts as the `impersonate` requests the API server
 * authorized for the impersonator.
 */
export function ruleUsage(analysis: RbacAnalysis, events: readonly AuditEvent[]): UnusedReport {
  const { model } = analysis;
  const uses = new Map<BindingDef, Map<number, BindingUse>>();
  const subjects = new Map<string, SubjectUse>();
  const useOf = (binding: BindingDef & { role: RoleDef }, subjectIndex: number): BindingUse => {
    let bySubject = uses.get(binding);
    if (bySubject === undefined) {
      bySubject = new Map();
      uses.set(binding, bySubject);
    }
    let use = bySubject.get(subjectIndex);
    if (use === undefined) {
      const rules = model.effectiveRules(binding.role);
      use = { binding, subjectIndex, rules, uses: rules.map(() => 0) };
      bySubject.set(subjectIndex, use);
    }
    return use;
  };
  for (const binding of model.bindings) {
    if (binding.resource === undefined || binding.role === undefined) continue;
    for (const entry of binding.subjects) {
      if (entry.principal === undefined) continue;
      const key = entry.principal;
      let subject = subjects.get(key);
      if (subject === undefined) {
        subject = { subject: entry.subject, requests: 0, bindings: [] };
        subjects.set(key, subject);
      }
      subject.bindings.push(useOf(binding as BindingDef & { role: RoleDef }, entry.index));
    }
  }

  // The same identity asks the same thing many times: each distinct pair is judged once, counted as often as it was made.
  const pairs = new Map<string, { identity: UserInfo; request: AccessRequest; count: number }>();
  // Requests by who made them: the identity judged, and the impersonator behind it if any.
  const requestCounts = new Map<string, { identities: UserInfo[]; count: number }>();
  const identities = new Set<string>();
  for (const event of events) {
    const made = [effectiveIdentity(event), ...(event.impersonatedUser !== undefined ? [authenticatedIdentity(event)] : [])];
    identities.add(identityKey(made[0] as UserInfo));
    const key = made.map(identityKey).join('|');
    const counted = requestCounts.get(key);
    if (counted === undefined) requestCounts.set(key, { identities: made, count: 1 });
    else counted.count++;
    for (const logged of loggedRequests(event)) {
      const key = `${identityKey(logged.identity)}|${requestKey(logged.request)}`;
      const pair = pairs.get(key);
      if (pair === undefined) pairs.set(key, { ...logged, count: 1 });
      else pair.count++;
    }
  }

  // Which rules of a role allow a request does not depend on who asks or where.
  const allowing = new Map<RoleDef, Map<string, number[]>>();
  const allowingRules = (role: RoleDef, request: AccessRequest, rules: readonly RuleRef[]): number[] => {
    let byRequest = allowing.get(role);
    if (byRequest === undefined) {
      byRequest = new Map();
      allowing.set(role, byRequest);
    }
    const key = requestKey({ ...request, ...(isNonResourceRequest(request) ? {} : { namespace: '' }) } as AccessRequest);
    let indexes = byRequest.get(key);
    if (indexes === undefined) {
      indexes = rules.flatMap((rule, index) => (ruleAllows(rule.rule, request) ? [index] : []));
      byRequest.set(key, indexes);
    }
    return indexes;
  };
  for (const { identity, request, count } of pairs.values()) {
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    for (const { binding } of model.bindingsFor(identity)) {
      if (binding.resource === undefined) continue;
      if (binding.namespace !== undefined && binding.namespace !== namespace) continue;
      for (const entry of binding.subjects) {
        if (entry.subject === undefined || !subjectApplies(entry.subject, identity)) continue;
        const use = useOf(binding, entry.index);
        for (const index of allowingRules(binding.role, request, use.rules)) (use.uses as number[])[index] = (use.uses[index] ?? 0) + count;
      }
    }
  }
  for (const { identities: made, count } of requestCounts.values()) {
    const credited = new Set<SubjectUse>();
    for (const identity of made) {
      for (const { binding } of model.bindingsFor(identity)) {
        for (const entry of binding.subjects) {
          if (entry.principal === undefined) continue;
          const subject = subjects.get(entry.principal);
          if (subject !== undefined && subjectApplies(entry.subject, identity)) credited.add(subject);
        }
      }
    }
    for (const subject of credited) subject.requests += count;
  }
  return {
    requests: events.length,
    identities: identities.size,
    subjects: [...subjects.values()].sort((a, b) => compareSubjects(a.subject, b.subject)),
  };
}
