import type { Resource } from '../../model/resource.js';

/**
 * Namespaces the control plane creates and runs its own components in. Quotas there can keep
 * system pods from starting (critical pods need a matching `priorityClass` quota scope), so
 * they are managed with the cluster, not with application manifests.
 */
const SYSTEM_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease']);

/**
 * The Namespace objects of the input that applications own: system namespaces and namespaces
 * created with `generateName` (whose name nothing else in the input can refer to) are left out.
 */
export function applicationNamespaces(resources: readonly Resource[]): Resource[] {
  return resources.filter(
    (resource) => resource.kind === 'Namespace' && resource.apiVersion === 'v1' && !SYSTEM_NAMESPACES.has(resource.name) && !resource.name.endsWith('*') && resource.name !== '<unnamed>',
  );
}
