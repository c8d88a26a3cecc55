import type { ResourceIdentity } from '../model/resource.js';

/** `Kind namespace/name`, or `Kind name` for cluster-scoped objects: how every report names a resource. */
export function resourceLabel(resource: ResourceIdentity): string {
  return `${resource.kind} ${resource.namespace !== undefined ? `${resource.namespace}/` : ''}${resource.name}`;
}

/** `1 finding`, `2 findings`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
