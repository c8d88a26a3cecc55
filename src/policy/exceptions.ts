import type { Finding } from '../findings/types.js';
import type { Resource } from '../model/resource.js';
import { globMatches, resourceLabels } from './match.js';
import type { ResolvedLevels } from './resolve.js';
import type { ExceptionEntry } from './types.js';

/** Days before expiry from which an exception counts as expiring soon. */
export const EXPIRING_SOON_DAYS = 14;

export type ExceptionState = 'active' | 'expiring' | 'expired';

export interface ExceptionStatus {
  id: string;
  owner: string;
  reason: string;
  ticket?: string;
  expires?: string;
  state: ExceptionState;
  /** Findings it covered in this scan (an expired exception covers none). */
  used: number;
}

/** The last moment an exception applies: the end of its expiry day, UTC. */
function expiryTime(exception: ExceptionEntry): number | undefined {
  return exception.expires === undefined ? undefined : Date.parse(`${exception.expires}T23:59:59.999Z`);
}

export function exceptionState(exception: ExceptionEntry, now: Date): ExceptionState {
  const expiry = expiryTime(exception);
  if (expiry === undefined) return 'active';
  if (now.getTime() > expiry) return 'expired';
  return expiry - now.getTime() <= EXPIRING_SOON_DAYS * 86_400_000 ? 'expiring' : 'active';
}

/** Whether an exception's scope covers a finding on a resource. Globs are explicit (`*`); anything else is exact. */
export function exceptionCovers(exception: ExceptionEntry, finding: Finding, resource: Resource, levels: ResolvedLevels, cluster: string | undefined): boolean {
  if (!exception.checks.includes(finding.checkId)) return false;
  const scope = exception.scope;
  const text = (pattern: string | undefined, value: string | undefined) => pattern === undefined || (value !== undefined && globMatches(pattern, value));
  if (scope.cluster !== undefined && scope.cluster !== cluster) return false;
  if (scope.environment !== undefined && scope.environment !== levels.environment?.name) return false;
  if (!text(scope.namespace, resource.namespace) || !text(scope.kind, resource.kind) || !text(scope.name, resource.name)) return false;
  if (scope.container !== undefined && !text(scope.container, finding.container)) return false;
  if (scope.labels !== undefined) {
    const labels = resourceLabels(resource);
    if (!Object.entries(scope.labels).every(([key, value]) => labels[key] === value)) return false;
  }
  return true;
}
