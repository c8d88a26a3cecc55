import { hash } from 'node:crypto';
import type { ResourceIdentity } from '../model/resource.js';


/** Group of an apiVersion (`apps/v1` → `apps`, `v1` → ``): versions change, identity does not. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function fingerprint(checkId: string, resource: ResourceIdentity, stable: string): string {
  const text = `${checkId}\u0000${apiGroup(resource.apiVersion)}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000${stable}`;
  return hash('sha256', text, 'hex').slice(0, 32);
}
