import type { RbacModel, RoleDef } from './model.js';
import { apiGroupMatches, describeResource, isFullWildcardRule, namesAny, resourceMatches, verbMatches } from './rules.js';
import { WILDCARD, type PolicyRule } from './types.js';
import { rememberedPer } from '../model/memo.js';

/**
 * Permissions that hand over more than they say: each leads to other identities, to other
 * pods' secrets, to the nodes or to the cluster's trust roots. The catalogue follows the
 * Kubernetes "RBAC good practices" (privilege escalation risks) and CIS 5.1.
 */
export type RiskId =
  | 'secrets-read'
  | 'pod-create'
  | 'pod-exec'
  | 'escalation'
  | 'pv-create'
  | 'node-proxy'
  | 'csr-approval'
  | 'csr-signer-approve'
  | 'webhook-config'
  | 'sa-token-create';

/** A permission on one resource (or subresource) of one API group. */
export interface RiskyPermission {
  risk: RiskId;
  /** The verbs that carry the risk; holding any one of them is enough. */
  verbs: readonly string[];
  group: string;
  resource: string;
  subresource?: string;
  /**
   * Cluster-scoped: the authorizer checks the request outside any namespace, so only a
   * ClusterRoleBinding can grant it; in a Role, or in a ClusterRole bound by RoleBindings, the
   * rule is dead.
   */
  clusterScoped: boolean;
  /**
   * Whether the requests carry an object name. Those that do not (creating an object,
   * deleting a collection) are never allowed by a rule limited with `resourceNames`.
   */
  named: boolean;
}

const WORKLOAD_CONTROLLERS: readonly [string, string][] = [
  ['', 'pods'],
  ['', 'replicationcontrollers'],
  ['apps', 'deployments'],
  ['apps', 'daemonsets'],
  ['apps', 'statefulsets'],
  ['apps', 'replicasets'],
  ['batch', 'jobs'],
  ['batch', 'cronjobs'],
];

const WEBHOOK_CONFIGURATIONS = ['mutatingwebhookconfigurations', 'validatingwebhookconfigurations'];

export const RISKY_PERMISSIONS: readonly RiskyPermission[] = [
  { risk: 'secrets-read', verbs: ['get', 'list', 'watch'], group: '', resource: 'secrets', clusterScoped: false, named: true },
  ...WORKLOAD_CONTROLLERS.map(([group, resource]): RiskyPermission => ({ risk: 'pod-create', verbs: ['create'], group, resource, clusterScoped: false, named: false })),
  // `kubectl exec`, `attach` and `port-forward` POST to the subresource (verb create); over
  // WebSockets they start as a GET (verb get), which is enough before Kubernetes 1.35
  // (AuthorizePodWebsocketUpgradeCreatePermission).
  ...['exec', 'attach', 'portforward'].map((subresource): RiskyPermission => ({ risk: 'pod-exec', verbs: ['create', 'get'], group: '', resource: 'pods', subresource, clusterScoped: false, named: true })),
  // bind on clusterroles is checked in the namespace of the RoleBinding being written, so a Role can grant it.
  { risk: 'escalation', verbs: ['bind'], group: 'rbac.authorization.k8s.io', resource: 'roles', clusterScoped: false, named: true },
  { risk: 'escalation', verbs: ['bind'], group: 'rbac.authorization.k8s.io', resource: 'clusterroles', clusterScoped: false, named: true },
  { risk: 'escalation', verbs: ['escalate'], group: 'rbac.authorization.k8s.io', resource: 'roles', clusterScoped: false, named: true },
  { risk: 'escalation', verbs: ['escalate'], group: 'rbac.authorization.k8s.io', resource: 'clusterroles', clusterScoped: true, named: true },
  // Impersonating a user or group is checked cluster-wide; a ServiceAccount in its namespace.
  { risk: 'escalation', verbs: ['impersonate'], group: '', resource: 'users', clusterScoped: true, named: true },
  { risk: 'escalation', verbs: ['impersonate'], group: '', resource: 'groups', clusterScoped: true, named: true },
  { risk: 'escalation', verbs: ['impersonate'], group: '', resource: 'serviceaccounts', clusterScoped: false, named: true },
  { risk: 'pv-create', verbs: ['create'], group: '', resource: 'persistentvolumes', clusterScoped: true, named: false },
  // The API server's proxy maps HTTP methods to verbs; the kubelet maps its own API (exec, run,
  // logs, pods) to nodes/proxy with the verb of the method, and a WebSocket GET reaches /exec.
  { risk: 'node-proxy', verbs: ['get', 'create', 'update', 'patch', 'delete'], group: '', resource: 'nodes', subresource: 'proxy', clusterScoped: true, named: true },
  { risk: 'csr-approval', verbs: ['update', 'patch'], group: 'certificates.k8s.io', resource: 'certificatesigningrequests', subresource: 'approval', clusterScoped: true, named: true },
  { risk: 'csr-signer-approve', verbs: ['approve'], group: 'certificates.k8s.io', resource: 'signers', clusterScoped: true, named: true },
  ...WEBHOOK_CONFIGURATIONS.map((resource): RiskyPermission => ({ risk: 'webhook-config', verbs: ['create', 'deletecollection'], group: 'admissionregistration.k8s.io', resource, clusterScoped: true, named: false })),
  ...WEBHOOK_CONFIGURATIONS.map((resource): RiskyPermission => ({ risk: 'webhook-config', verbs: ['update', 'patch', 'delete'], group: 'admissionregistration.k8s.io', resource, clusterScoped: true, named: true })),
  { risk: 'sa-token-create', verbs: ['create'], group: '', resource: 'serviceaccounts', subresource: 'token', clusterScoped: false, named: true },
];

/** A risky permission that one rule grants. */
export interface RiskMatch {
  permission: RiskyPermission;
  /** The permission's verbs the rule grants. */
  verbs: string[];
  /** Indexes into the rule's `verbs` of the entries that grant them (the verb itself, or `*`). */
  verbIndexes: number[];
  /** The names the grant is limited to; empty when it covers every object. */
  resourceNames: readonly string[];
}

/** Whether a rule grants a permission (to some or all objects), and with which verbs. */
export function matchPermission(rule: PolicyRule, permission: RiskyPermission): RiskMatch | undefined {
  if (!apiGroupMatches(rule, permission.group) || !resourceMatches(rule, permission.resource, permission.subresource)) return undefined;
  if (rule.resourceNames.length > 0 && !permission.named) return undefined;
  const verbs = permission.verbs.filter((verb) => verbMatches(rule, verb));
  if (verbs.length === 0) return undefined;
  const verbIndexes: number[] = [];
  rule.verbs.forEach((verb, index) => {
    if (verb === WILDCARD || permission.verbs.includes(verb)) verbIndexes.push(index);
  });
  return { permission, verbs, verbIndexes, resourceNames: rule.resourceNames };
}

const NO_MATCHES: readonly RiskMatch[] = Object.freeze([]);

/** The resources the risky permissions are about: a rule that names none of them (nor `*`, nor `*\/<sub>`) grants none. */
const RISKY_RESOURCES: ReadonlySet<string> = new Set(RISKY_PERMISSIONS.map((permission) => permission.resource));

/** Every risky permission a rule grants, worked out once per rule object (rules are not changed once parsed): every check asks about the same rules. */
const allRisksOf = rememberedPer((rule: PolicyRule): readonly RiskMatch[] => {
  // Most rules are about other resources: tell so without matching every permission.
  if (!namesAny(rule, RISKY_RESOURCES)) return NO_MATCHES;
  const found: RiskMatch[] = [];
  for (const permission of RISKY_PERMISSIONS) {
    const match = matchPermission(rule, permission);
    if (match !== undefined) found.push(match);
  }
  return found.length === 0 ? NO_MATCHES : found;
});

/**
 * Every risky permission a rule grants, optionally only those of one risk. The list is shared by
 * every caller (each check asks about every rule): do not change it.
 */
export function risksOfRule(rule: PolicyRule, risk?: RiskId): readonly RiskMatch[] {
  const all = allRisksOf(rule);
  if (risk === undefined || all.length === 0) return all;
  return all.every((match) => match.permission.risk === risk) ? all : all.filter((match) => match.permission.risk === risk);
}

const riskyRoles = new WeakMap<RoleDef, boolean>();

/** Whether some effective rule of a role grants everything or a risky permission (anywhere); judged once per role. */
export function roleCarriesRisk(model: RbacModel, role: RoleDef): boolean {
  let risky = riskyRoles.get(role);
  if (risky === undefined) {
    risky = model.effectiveRules(role).some(({ rule }) => isFullWildcardRule(rule) || risksOfRule(rule).length > 0);
    riskyRoles.set(role, risky);
  }
  return risky;
}

/** `create on pods, deployments.apps`, `get, list on secrets (only "a", "b")`: a short account of matches. */
export function describeMatches(matches: readonly RiskMatch[]): string {
  // First the verbs each resource (with its name limit) is granted, then resources with the same verbs together.
  const perResource: { resource: string; names: readonly string[]; verbs: string[] }[] = [];
  for (const match of matches) {
    const resource = describeResource(match.permission);
    let entry = perResource.find((candidate) => candidate.resource === resource && sameList(candidate.names, match.resourceNames));
    if (entry === undefined) {
      entry = { resource, names: match.resourceNames, verbs: [] };
      perResource.push(entry);
    }
    for (const verb of match.verbs) if (!entry.verbs.includes(verb)) entry.verbs.push(verb);
  }
  const groups: { verbs: readonly string[]; names: readonly string[]; resources: string[] }[] = [];
  for (const entry of perResource) {
    const group = groups.find((candidate) => sameList(candidate.verbs, entry.verbs) && sameList(candidate.names, entry.names));
    if (group === undefined) groups.push({ verbs: entry.verbs, names: entry.names, resources: [entry.resource] });
    else group.resources.push(entry.resource);
  }
  return groups
    .map((group) => `${group.verbs.join(', ')} on ${group.resources.join(', ')}${group.names.length > 0 ? ` (only ${group.names.map((name) => `"${name}"`).join(', ')})` : ''}`)
    .join('; ');
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
