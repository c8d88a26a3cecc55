import { ALL_AUTHENTICATED, ALL_SERVICE_ACCOUNTS, ALL_UNAUTHENTICATED, SYSTEM_MASTERS } from './subjects.js';
import type { PolicyRule, Subject } from './types.js';

/**
 * The ClusterRoles every cluster has (the API server creates and reconciles them from its
 * bootstrap policy, k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac/bootstrappolicy) that
 * manifests commonly refer to without defining them. Only a selection: the user-facing roles
 * with their aggregation sources, and the discovery and delegation roles. Their rules are those
 * of current Kubernetes releases.
 */
export interface BuiltinClusterRole {
  name: string;
  labels: Readonly<Record<string, string>>;
  rules: readonly PolicyRule[];
  /** For aggregated roles: the `clusterRoleSelectors` whose matches supply the rules. */
  aggregationSelectors?: readonly Record<string, unknown>[];
}

/** A ClusterRoleBinding every cluster has. */
export interface BuiltinClusterRoleBinding {
  name: string;
  roleName: string;
  subjects: readonly Subject[];
}

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = [...READ, ...WRITE];

function rule(verbs: readonly string[], apiGroups: readonly string[], resources: readonly string[], resourceNames: readonly string[] = []): PolicyRule {
  return { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] };
}

function urlRule(verbs: readonly string[], nonResourceURLs: readonly string[]): PolicyRule {
  return { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs };
}

const BOOTSTRAPPING = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AGGREGATE_TO_ADMIN = 'rbac.authorization.k8s.io/aggregate-to-admin';
const AGGREGATE_TO_EDIT = 'rbac.authorization.k8s.io/aggregate-to-edit';
const AGGREGATE_TO_VIEW = 'rbac.authorization.k8s.io/aggregate-to-view';

export const BUILTIN_CLUSTER_ROLES: readonly BuiltinClusterRole[] = [
  {
    name: 'cluster-admin',
    labels: BOOTSTRAPPING,
    rules: [rule(['*'], ['*'], ['*']), urlRule(['*'], ['*'])],
  },
  // admin, edit and view hold no rules of their own: the aggregation controller fills them from
  // every ClusterRole carrying the aggregate-to label, so that CRDs can extend them. edit is
  // labelled into admin and view into edit, which makes each one a superset of the next.
  {
    name: 'admin',
    labels: BOOTSTRAPPING,
    rules: [],
    aggregationSelectors: [{ matchLabels: { [AGGREGATE_TO_ADMIN]: 'true' } }],
  },
  {
    name: 'edit',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [],
    aggregationSelectors: [{ matchLabels: { [AGGREGATE_TO_EDIT]: 'true' } }],
  },
  {
    name: 'view',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO_EDIT]: 'true' },
    rules: [],
    aggregationSelectors: [{ matchLabels: { [AGGREGATE_TO_VIEW]: 'true' } }],
  },
  {
    name: 'system:aggregate-to-admin',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO_ADMIN]: 'true' },
    rules: [rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']), rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles'])],
  },
  {
    name: 'system:aggregate-to-edit',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO_EDIT]: 'true' },
    rules: [
      rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
      rule(['impersonate'], [''], ['serviceaccounts']),
      rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
      rule(['create'], [''], ['pods/eviction']),
      rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
      rule(['create'], [''], ['serviceaccounts/token']),
      rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
      rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
      rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
      rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
      rule(WRITE, ['policy'], ['poddisruptionbudgets']),
      rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
      rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
    ],
  },
  {
    name: 'system:aggregate-to-view',
    labels: { ...BOOTSTRAPPING, [AGGREGATE_TO_VIEW]: 'true' },
    rules: [
      // No secrets, and no pods/exec or pods/attach: view is meant to be safe to hand out.
      rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
      rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
      rule(READ, [''], ['namespaces']),
      rule(READ, ['discovery.k8s.io'], ['endpointslices']),
      rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
      rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
      rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
      rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
      rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
      rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
    ],
  },
  {
    name: 'system:discovery',
    labels: BOOTSTRAPPING,
    rules: [urlRule(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])],
  },
  {
    name: 'system:basic-user',
    labels: BOOTSTRAPPING,
    rules: [rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']), rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews'])],
  },
  {
    name: 'system:public-info-viewer',
    labels: BOOTSTRAPPING,
    rules: [urlRule(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])],
  },
  {
    name: 'system:service-account-issuer-discovery',
    labels: BOOTSTRAPPING,
    rules: [urlRule(['get'], ['/.well-known/openid-configuration', '/openid/v1/jwks'])],
  },
  {
    name: 'system:monitoring',
    labels: BOOTSTRAPPING,
    rules: [urlRule(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])],
  },
  {
    name: 'system:auth-delegator',
    labels: BOOTSTRAPPING,
    rules: [rule(['create'], ['authentication.k8s.io'], ['tokenreviews']), rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])],
  },
  {
    name: 'system:kubelet-api-admin',
    labels: BOOTSTRAPPING,
    rules: [rule(READ, [''], ['nodes']), rule(['proxy'], [''], ['nodes']), rule(['*'], [''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'])],
  },
  {
    name: 'system:node-proxier',
    labels: BOOTSTRAPPING,
    rules: [
      rule(['list', 'watch'], [''], ['endpoints', 'services']),
      rule(READ, [''], ['nodes']),
      rule(['create', 'patch', 'update'], ['', 'events.k8s.io'], ['events']),
      rule(['list', 'watch'], ['discovery.k8s.io'], ['endpointslices']),
    ],
  },
];

/**
 * The ClusterRoleBindings of the bootstrap policy that concern everyone: what any
 * authenticated or anonymous request may do in every cluster. Not applied unless asked for
 * (see `RbacModelOptions.defaultBindings`).
 */
export const BUILTIN_CLUSTER_ROLE_BINDINGS: readonly BuiltinClusterRoleBinding[] = [
  { name: 'cluster-admin', roleName: 'cluster-admin', subjects: [{ kind: 'Group', name: SYSTEM_MASTERS }] },
  { name: 'system:discovery', roleName: 'system:discovery', subjects: [{ kind: 'Group', name: ALL_AUTHENTICATED }] },
  { name: 'system:basic-user', roleName: 'system:basic-user', subjects: [{ kind: 'Group', name: ALL_AUTHENTICATED }] },
  { name: 'system:public-info-viewer', roleName: 'system:public-info-viewer', subjects: [{ kind: 'Group', name: ALL_AUTHENTICATED }, { kind: 'Group', name: ALL_UNAUTHENTICATED }] },
  { name: 'system:service-account-issuer-discovery', roleName: 'system:service-account-issuer-discovery', subjects: [{ kind: 'Group', name: ALL_SERVICE_ACCOUNTS }] },
  { name: 'system:monitoring', roleName: 'system:monitoring', subjects: [{ kind: 'Group', name: 'system:monitoring' }] },
];

/**
 * ClusterRoles that only let a caller learn about the API and about itself (discovery, health,
 * version, OIDC issuer metadata, self-reviews). Kubernetes binds them to all users by default;
 * binding them to broad groups again is not a finding.
 */
export const DISCOVERY_CLUSTER_ROLES: ReadonlySet<string> = new Set([
  'system:discovery',
  'system:basic-user',
  'system:public-info-viewer',
  'system:service-account-issuer-discovery',
]);

/** URLs every cluster serves to anyone, authenticated or not: health, version and the ServiceAccount issuer's OIDC metadata. */
const PUBLIC_INFO_URLS = new Set(['/healthz', '/livez', '/readyz', '/version', '/version/', '/.well-known/openid-configuration', '/openid/v1/jwks']);
/** API discovery, which Kubernetes serves to every authenticated user (not to anonymous ones since 1.14). */
const DISCOVERY_URLS = new Set(['/api', '/api/*', '/apis', '/apis/*', '/openapi', '/openapi/*']);
const SELF_REVIEWS = new Set(['selfsubjectaccessreviews', 'selfsubjectrulesreviews', 'selfsubjectreviews']);

/**
 * Whether a rule only lets a caller learn about the API and about itself, as the default
 * discovery roles do: `get` on health, version and issuer-metadata URLs (for everyone), on
 * API discovery URLs, and creating self-reviews (for authenticated users).
 */
export function isDiscoveryRule(rule: PolicyRule, audience: 'anyone' | 'authenticated'): boolean {
  const onlyVerb = (verb: string) => rule.verbs.length > 0 && rule.verbs.every((candidate) => candidate === verb);
  if (rule.resources.length === 0) {
    const allowed = (url: string) => PUBLIC_INFO_URLS.has(url) || (audience === 'authenticated' && DISCOVERY_URLS.has(url));
    return onlyVerb('get') && rule.nonResourceURLs.length > 0 && rule.nonResourceURLs.every(allowed);
  }
  return (
    audience === 'authenticated' &&
    onlyVerb('create') &&
    rule.nonResourceURLs.length === 0 &&
    rule.apiGroups.every((group) => group === 'authorization.k8s.io' || group === 'authentication.k8s.io') &&
    rule.resources.every((resource) => SELF_REVIEWS.has(resource))
  );
}
