import { hash } from 'node:crypto';
import { isRecord, type ResourceIdentity } from '../model/resource.js';
import type { Path } from '../yaml/path.js';

/**
 * A path made stable against reordering: array items that carry a `name` (containers,
 * volumes, env entries, ports) are named rather than numbered.
 */
export function stablePath(object: unknown, path: Path): string {
  let node: unknown = object;
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') {
      const item: unknown = Array.isArray(node) ? node[segment] : undefined;
      out += isRecord(item) && typeof item.name === 'string' ? `[name=${item.name}]` : `[${segment}]`;
      node = item;
    } else {
      out += `.${segment}`;
      node = isRecord(node) ? node[segment] : undefined;
    }
  }
  return out;
}

/** Group of an apiVersion (`apps/v1` → `apps`, `v1` → ``): versions change, identity does not. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function fingerprint(checkId: string, resource: ResourceIdentity, stable: string): string {
  return hash('sha256', [checkId, apiGroup(resource.apiVersion), resource.kind, resource.namespace ?? '', resource.name, stable].join('\u0000'), 'hex').slice(0, 32);
}
