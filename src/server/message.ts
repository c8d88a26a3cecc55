import type { Check } from '../engine/types.js';
import type { Finding } from '../findings/types.js';
import type { ResourceIdentity } from '../model/resource.js';
import { plural, resourceLabel } from '../report/format.js';

/** The API server may cut a single warning longer than this. */
export const MAX_WARNING_LENGTH = 256;
/** Warnings past this many characters in total (from all webhooks) are dropped by the API server. */
export const MAX_WARNINGS_LENGTH = 4096;
/** Violations listed in one denial; the rest are counted. */
export const MAX_LISTED_VIOLATIONS = 20;

function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** `container "app", spec.containers[0].securityContext`: where a finding is, in a denial. */
export function where(finding: Finding): string {
  return finding.container !== undefined ? `container "${finding.container}", ${finding.path}` : finding.path;
}

/**
 * The denial a user reads after `admission webhook "…" denied the request:`, one line per
 * violation with its check, severity, container, path and message, and the fix.
 */
export function denialMessage(resource: ResourceIdentity, denying: readonly Finding[], checks: ReadonlyMap<string, Check>): string {
  const lines = [`${resourceLabel(resource)} violates the policy (${plural(denying.length, 'violation')}):`];
  for (const finding of denying.slice(0, MAX_LISTED_VIOLATIONS)) {
    const remediation = checks.get(finding.checkId)?.meta.remediation;
    lines.push(`- ${finding.checkId} [${finding.severity}] at ${where(finding)}: ${finding.message}.${remediation ? ` Fix: ${remediation}` : ''}`);
  }
  if (denying.length > MAX_LISTED_VIOLATIONS) lines.push(`- and ${denying.length - MAX_LISTED_VIOLATIONS} more (run bulwark scan on the manifest for the full list)`);
  return lines.join('\n');
}

/** One warning line for a finding that is reported but does not deny; the message names the container and field. */
export function warningFor(finding: Finding): string {
  return shorten(`bulwark ${finding.checkId} (${finding.severity}${finding.mode === 'warn' ? ', warn mode' : ''}): ${finding.message}`, MAX_WARNING_LENGTH);
}

/**
 * Keeps warnings within what the API server passes on: each at most 256 characters, all of
 * them at most 4096, the last one saying how many were left out.
 */
export function boundedWarnings(lines: readonly string[]): string[] {
  const shortened = lines.map((line) => shorten(line, MAX_WARNING_LENGTH));
  const length = (list: readonly string[]) => list.reduce((sum, line) => sum + line.length, 0);
  if (length(shortened) <= MAX_WARNINGS_LENGTH) return shortened;
  // Room for the closing count, which is never longer than this.
  const budget = MAX_WARNINGS_LENGTH - 48;
  const kept: string[] = [];
  let total = 0;
  for (const line of shortened) {
    if (total + line.length > budget) break;
    kept.push(line);
    total += line.length;
  }
  const left = shortened.length - kept.length;
  kept.push(`bulwark: ${left} more warning${left === 1 ? '' : 's'} left out`);
  return kept;
}
