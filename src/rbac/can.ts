import type { RbacAnalysis } from './analysis.js';
import { compareText } from './analysis.js';
import type { Grant } from './model.js';
import type { AccessQuery } from './query.js';
import { ruleAllows } from './rules.js';
import { identityOf, SYSTEM_MASTERS, userIdentity } from './subjects.js';
import { isNonResourceRequest, type Subject, type UserInfo } from './types.js';

/** The answer to "may this subject do this?", with the reason. */
export interface CanResult {
  subject: Subject;
  /** The identity asked about: the subject's name and the groups the API server would put it in. */
  identity: UserInfo;
  query: AccessQuery;
  allowed: boolean;
  /** `system:masters`: allowed before RBAC is consulted. */
  bypass?: 'system:masters';
  /**
   * Every grant that allows the request, in the order the authorizer visits them
   * (ClusterRoleBindings, then RoleBindings of the namespace): the first decides, the others
   * would still allow it if the first were removed. One per binding.
   */
  grants: Grant[];
  /**
   * When a namespaced request across all namespaces is denied: the namespaces where the same
   * request would be allowed through RoleBindings, to ask again with one of them.
   */
  allowedInNamespaces: string[];
}

/** The identity a subject stands for, with extra groups for it (as `kubectl --as-group` adds them). */
export function identityWithGroups(subject: Subject, groups: readonly string[] = []): UserInfo {
  if (subject.kind === 'User') return userIdentity(subject.name, groups);
  const identity = identityOf(subject);
  return groups.length === 0 ? identity : { name: identity.name, groups: [...new Set([...identity.groups, ...groups])] };
}

/**
 * Whether a subject may make a request, exactly as the RBAC authorizer decides (ClusterRoleBindings
 * everywhere, RoleBindings in their namespace, `system:masters` before RBAC), and which grants
 * allow it. A group stands for any of its members.
 */
export function can(analysis: RbacAnalysis, subject: Subject, query: AccessQuery, groups: readonly string[] = []): CanResult {
  const identity = identityWithGroups(subject, groups);
  const request = query.request;
  const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
  const granting: Grant[] = [];
  const inNamespaces = new Set<string>();
  for (const grant of analysis.model.grantsFor(identity)) {
    if (!ruleAllows(grant.rule.rule, request)) continue;
    if (grant.namespace !== undefined && grant.namespace !== namespace) {
      // A RoleBinding never allows URLs, cluster-scoped resources or requests across namespaces.
      if (query.anyNamespace) inNamespaces.add(grant.namespace);
      continue;
    }
    if (!granting.some((known) => known.binding === grant.binding)) granting.push(grant);
  }
  const visitOrder = (grant: Grant) => (grant.binding.kind === 'ClusterRoleBinding' ? 0 : 1);
  granting.sort((a, b) => visitOrder(a) - visitOrder(b));
  const result: CanResult = { subject, identity, query, allowed: granting.length > 0, grants: granting, allowedInNamespaces: [] };
  if (identity.groups.includes(SYSTEM_MASTERS)) {
    result.allowed = true;
    result.bypass = 'system:masters';
  }
  if (!result.allowed) result.allowedInNamespaces = [...inNamespaces].sort(compareText);
  return result;
}
