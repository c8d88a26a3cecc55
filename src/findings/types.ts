import type { ResourceIdentity } from '../model/resource.js';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverity(value: string): value is Severity {
  return (SEVERITIES as readonly string[]).includes(value);
}

/**
 * `fail`: a problem that counts against the gate. `excepted`: covered by a policy exception
 * (with an owner, a reason and an expiry). `suppressed`: a known problem recorded in a
 * baseline. Excepted and suppressed findings stay in every output and never fail the gate.
 */
export type FindingStatus = 'fail' | 'excepted' | 'suppressed';

export interface Finding {
  checkId: string;
  title: string;
  severity: Severity;
  status: FindingStatus;
  message: string;
  resource: ResourceIdentity;
  /** Name of the container the finding is about, when it is about one. */
  container?: string;
  /** The rule within the check, when the check groups several (e.g. the upstream PSS check id). */
  rule?: string;
  /** Path inside the resource where the problem is (or where the fix goes). */
  path: string;
  file: string;
  /** 1-based line and column of the path, or of its nearest existing parent. */
  line: number;
  column: number;
  /** Helm template the resource was rendered from, when the input is `helm template` output. */
  template?: string;
  /** Stable across edits that move lines: check id + resource identity + path. */
  fingerprint: string;
  /** Why the finding does not fail the gate, when it does not. */
  suppressedBy?: 'baseline';
  /** The policy exception that covers it, when its status is `excepted` (`inline` for a `bulwark.io/ignore` annotation). */
  exception?: string;
  /** The reason given in the resource's `bulwark.io/ignore` annotation, when that excepts it. */
  inlineReason?: string;
  /** Set when the policy's enforcement mode for the resource is not `enforce`: such findings never fail the gate. */
  mode?: 'warn' | 'audit';
  /** The fail threshold the policy sets for this resource, when it differs by level. */
  failOn?: 'info' | 'low' | 'medium' | 'high' | 'critical' | 'none';
}
