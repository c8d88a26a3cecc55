import { hash } from 'node:crypto';
import { apiGroup, type ResourceIdentity } from '../model/resource.js';

/** The resource's part of the hashed text. */
export function identityText(resource: ResourceIdentity): string {
  return `\u0000${apiGroup(resource.apiVersion)}\u0000${resource.kind}\u0000${resource.namespace ?? ''}\u0000${resource.name}\u0000`;
}

/** {@link fingerprint} with the resource's part already written: the engine writes it once per resource, for all its findings. */
export function fingerprintOf(checkKey: string, identity: string, stable: string): string {
  return hash('sha256', checkKey + identity + stable, 'hex').slice(0, 32);
}

export function fingerprint(checkId: string, resource: ResourceIdentity, stable: string): string {
  return fingerprintOf(checkId, identityText(resource), stable);
}
