import { hash } from 'node:crypto';
import type { ResourceIdentity } from '../model/resource.js';


/** Group of an apiVersion (`apps/v1` → `apps`, `v1` → ``): versions change, identity does not. */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

/** The resource's part of the hashed text, worked out once per identity object (the engine shares one per resource). */
const identityTexts = new WeakMap<ResourceIdentity, string>();

function identityText(resource: ResourceIdentity): string {
  let text = identityTexts.get(resource);
  if (text === undefined) {
    text = `\u0000${apiGroup(resource.apiVersion)}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000`;
    identityTexts.set(resource, text);
  }
  return text;
}

export function fingerprint(checkId: string, resource: ResourceIdentity, stable: string): string {
  return hash('sha256', checkId + identityText(resource) + stable, 'hex').slice(0, 32);
}
