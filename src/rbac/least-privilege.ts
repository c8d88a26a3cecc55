import { compareText } from './analysis.js';
import { authenticatedIdentity, effectiveIdentity, impersonationRequests, type AuditEvent } from './audit-log.js';
import { appendTo } from '../model/lists.js';
import { bindingObject, roleObject, type ManifestObject } from './manifest-output.js';
import { COMMON_VERBS } from './matrix.js';
import { subjectApplies } from './subjects.js';
import { isNonResourceRequest, type AccessRequest, type PolicyRule, type ResourceRequest, type Subject } from './types.js';

/**
 * Verbs whose requests never carry an object name, so that `resourceNames` cannot limit them:
 * `list` and `watch` of a collection (unless the client sends a `metadata.name` field selector,
 * which a log of other requests does not promise), `deletecollection`, and `create` of a new
 * object (its name is not known when the request is authorized). `create` of a subresource
 * (`pods/exec`, `pods/eviction`, `serviceaccounts/token`) names the parent object and can be
 * limited.
 */
export function nameLimits(request: ResourceRequest): boolean {
  if (request.name === undefined || request.name === '') return false;
  if (request.verb === 'list' || request.verb === 'watch' || request.verb === 'deletecollection') return false;
  return !(request.verb === 'create' && (request.subresource === undefined || request.subresource === ''));
}

/** Verbs in the order kubectl documents them, then any others alphabetically. */
function compareVerbs(a: string, b: string): number {
  const rank = (verb: string) => {
    const index = COMMON_VERBS.indexOf(verb);
    return index === -1 ? COMMON_VERBS.length : index;
  };
  return rank(a) - rank(b) || compareText(a, b);
}

function sorted(values: Iterable<string>, compare: (a: string, b: string) => number = compareText): string[] {
  return [...new Set(values)].sort(compare);
}

/** Groups entries under a key, keeping the first-seen order of keys. */
function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) appendTo(groups, key(item), item);
  return [...groups.values()];
}

const resourceKey = (request: ResourceRequest) => (request.subresource ? `${request.resource}/${request.subresource}` : request.resource);

/**
 * The fewest rules that allow exactly these requests and nothing more, apart from names: a verb
 * on a resource is limited to the names requested when every request of it named an object it
 * can be limited by (`nameLimits`), and open to every name otherwise. Rules are then merged
 * where no new permission comes of it: resources that share API group, verbs and names go into
 * one rule, and then API groups that share resources, verbs and names. URLs with the same verbs
 * share a rule. Namespaces are the caller's affair: give the requests of one scope.
 */
export function minimalRules(requests: readonly AccessRequest[]): PolicyRule[] {
  // (group, resource) → verb → names, or null for every name.
  const byResource = new Map<string, { group: string; resource: string; verbs: Map<string, Set<string> | null> }>();
  const urlVerbs = new Map<string, Set<string>>();
  for (const request of requests) {
    if (isNonResourceRequest(request)) {
      const verbs = urlVerbs.get(request.path) ?? new Set<string>();
      urlVerbs.set(request.path, verbs.add(request.verb));
      continue;
    }
    const group = request.group ?? '';
    const resource = resourceKey(request);
    const key = `${group}\u0000${resource}`;
    let entry = byResource.get(key);
    if (entry === undefined) {
      entry = { group, resource, verbs: new Map() };
      byResource.set(key, entry);
    }
    const names = entry.verbs.get(request.verb);
    // Once open to every name, a verb stays open.
    if (!nameLimits(request)) entry.verbs.set(request.verb, null);
    else if (names === undefined) entry.verbs.set(request.verb, new Set([request.name as string]));
    else if (names !== null) names.add(request.name as string);
  }

  // One atom per (group, resource, set of names): the verbs that share it.
  interface Atom {
    groups: string[];
    resources: string[];
    verbs: string[];
    names: string[];
  }
  const atoms: Atom[] = [];
  for (const { group, resource, verbs } of byResource.values()) {
    const open = [...verbs].filter(([, names]) => names === null).map(([verb]) => verb);
    if (open.length > 0) atoms.push({ groups: [group], resources: [resource], verbs: sorted(open, compareVerbs), names: [] });
    const named = [...verbs].flatMap(([verb, names]) => (names === null ? [] : [{ verb, names: sorted(names) }]));
    for (const same of groupBy(named, (entry) => entry.names.join('\u0000'))) {
      atoms.push({ groups: [group], resources: [resource], verbs: sorted(same.map((entry) => entry.verb), compareVerbs), names: (same[0] as { names: string[] }).names });
    }
  }
  // Merging only where the cross product of groups and resources adds nothing: first resources of one group, then groups with the same resources.
  const byResources = groupBy(atoms, (atom) => JSON.stringify([atom.groups, atom.verbs, atom.names])).map((same) => ({
    ...(same[0] as Atom),
    resources: sorted(same.flatMap((atom) => atom.resources)),
  }));
  const byGroups = groupBy(byResources, (atom) => JSON.stringify([atom.resources, atom.verbs, atom.names])).map((same) => ({
    ...(same[0] as Atom),
    groups: sorted(same.flatMap((atom) => atom.groups)),
  }));
  const resourceRules: PolicyRule[] = byGroups.map((atom) => ({ verbs: atom.verbs, apiGroups: atom.groups, resources: atom.resources, resourceNames: atom.names, nonResourceURLs: [] }));
  resourceRules.sort(
    (a, b) =>
      compareText(a.apiGroups[0] ?? '', b.apiGroups[0] ?? '') ||
      compareText(a.resources[0] ?? '', b.resources[0] ?? '') ||
      a.resourceNames.length - b.resourceNames.length ||
      compareText(a.resourceNames.join(','), b.resourceNames.join(',')) ||
      compareText(a.verbs.join(','), b.verbs.join(',')),
  );
  const urlRules: PolicyRule[] = groupBy([...urlVerbs].map(([path, verbs]) => ({ path, verbs: sorted(verbs, compareVerbs) })), (entry) => entry.verbs.join(','))
    .map((same) => ({ verbs: (same[0] as { verbs: string[] }).verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: sorted(same.map((entry) => entry.path)) }))
    .sort((a, b) => compareText(a.nonResourceURLs[0] ?? '', b.nonResourceURLs[0] ?? ''));
  return [...resourceRules, ...urlRules];
}

/** A request of the subject in the log, and why it counts. */
export interface SubjectRequest {
  event: AuditEvent;
  request: AccessRequest;
  /** `request`: made as the subject; `impersonation`: the subject impersonating someone else. */
  origin: 'request' | 'impersonation';
}

/** The requests of a subject in a log: its own, and the impersonation it needed to act as others. */
export function requestsOf(events: readonly AuditEvent[], subject: Subject): SubjectRequest[] {
  const out: SubjectRequest[] = [];
  for (const event of events) {
    if (subjectApplies(subject, effectiveIdentity(event))) out.push({ event, request: event.request, origin: 'request' });
    if (event.impersonatedUser !== undefined && subjectApplies(subject, authenticatedIdentity(event))) {
      for (const request of impersonationRequests(event)) out.push({ event, request, origin: 'impersonation' });
    }
  }
  return out;
}

export interface LeastPrivilegeOptions {
  /** Name of every Role, ClusterRole and binding written; default `least-privilege:<subject>`. */
  name?: string;
  /** Keep to namespaces: no ClusterRole, requests outside namespaces are left out (and listed). */
  namespaceScoped?: boolean;
}

/** Roles and bindings that allow a subject every request it made, and no more. */
export interface LeastPrivilege {
  subject: Subject;
  name: string;
  /** Requests of the subject (impersonation included), and how many of them the API server denied (403). */
  requests: number;
  denied: number;
  /** The rules of the ClusterRole (requests outside namespaces); empty when there are none. */
  clusterRules: PolicyRule[];
  /** The rules of each namespace's Role, by namespace, sorted. */
  namespaceRules: Map<string, PolicyRule[]>;
  /** With `namespaceScoped`: the requests outside namespaces that were left out. */
  leftOut: AccessRequest[];
  objects: ManifestObject[];
}

/** `least-privilege:user:alice`, `least-privilege:serviceaccount:shop:api`: valid as an object name. */
export function defaultLeastPrivilegeName(subject: Subject): string {
  const who = subject.kind === 'ServiceAccount' ? `serviceaccount:${subject.namespace}:${subject.name}` : `${subject.kind.toLowerCase()}:${subject.name}`;
  // RBAC object names may hold anything but / and %.
  return `least-privilege:${who}`.replace(/[/%]/g, '-');
}

/**
 * The least privilege a subject needs to make every request it made in an audit log, denied
 * ones included (403s show what it tried and could not do): a Role and RoleBinding per
 * namespace for requests in a namespace, and a ClusterRole and ClusterRoleBinding for
 * cluster-scoped resources, requests across all namespaces and URLs. Rules from `minimalRules`.
 */
export function leastPrivilege(events: readonly AuditEvent[], subject: Subject, options: LeastPrivilegeOptions = {}): LeastPrivilege {
  const name = options.name ?? defaultLeastPrivilegeName(subject);
  const requests = requestsOf(events, subject);
  const byNamespace = new Map<string, AccessRequest[]>();
  const cluster: AccessRequest[] = [];
  const leftOut: AccessRequest[] = [];
  for (const { request } of requests) {
    const namespace = isNonResourceRequest(request) ? undefined : request.namespace;
    if (namespace !== undefined) appendTo(byNamespace, namespace, request);
    else if (options.namespaceScoped === true) leftOut.push(request);
    else cluster.push(request);
  }
  const clusterRules = minimalRules(cluster);
  const namespaceRules = new Map([...byNamespace].sort(([a], [b]) => compareText(a, b)).map(([namespace, list]) => [namespace, minimalRules(list)] as const));
  const objects: ManifestObject[] = [];
  if (clusterRules.length > 0) objects.push(roleObject(name, undefined, clusterRules));
  for (const [namespace, rules] of namespaceRules) objects.push(roleObject(name, namespace, rules));
  if (clusterRules.length > 0) objects.push(bindingObject(name, undefined, { kind: 'ClusterRole', name }, [subject]));
  for (const namespace of namespaceRules.keys()) objects.push(bindingObject(name, namespace, { kind: 'Role', name }, [subject]));
  const denied = new Set(requests.filter(({ event, origin }) => origin === 'request' && event.status === 403).map(({ event }) => event));
  return { subject, name, requests: new Set(requests.map(({ event }) => event)).size, denied: denied.size, clusterRules, namespaceRules, leftOut, objects };
}
