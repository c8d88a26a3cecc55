import { BUILTIN_RESOURCES } from './api-resources.js';

/**
 * Kinds the API server stores without a namespace: the built-in ones from the table of
 * built-in types, and those of common extensions (network admin policies, cert-manager,
 * Gateway API, Kyverno, Gatekeeper).
 */
const CLUSTER_SCOPED: ReadonlySet<string> = new Set([
  ...BUILTIN_RESOURCES.flatMap((type) => (type.kind !== undefined && !type.namespaced ? [type.kind] : [])),
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterIssuer',
  'GatewayClass',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ConstraintTemplate',
]);

/** Whether objects of this kind live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
