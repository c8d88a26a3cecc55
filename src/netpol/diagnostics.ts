import type { Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';

/**
 * Something the analysis could not take as written: a policy field it ignores, a selector or
 * CIDR that is invalid, a Service an Ingress names but the input lacks. Errors mark parts of
 * policies that were dropped; since a dropped peer or port allows nothing, the reported
 * connectivity never exceeds what the cluster would allow because of them.
 */
export interface NetpolDiagnostic {
  severity: 'error' | 'warning';
  /** Stable code, e.g. `invalid-cidr`, `named-port-ip-peer`, `unsupported-peer`. */
  code: string;
  message: string;
  /** The object the problem is in, when there is one. */
  resource?: Resource;
  /** The field of that object, when the problem is in one. */
  path?: Path;
}

/** `Kind namespace/name` (or `Kind name` for cluster-scoped objects) for messages. */
export function objectName(resource: Resource): string {
  return resource.namespace === undefined ? `${resource.kind} ${resource.name}` : `${resource.kind} ${resource.namespace}/${resource.name}`;
}
