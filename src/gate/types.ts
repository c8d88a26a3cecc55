import type { Path } from '../yaml/path.js';

/**
 * A time window of a gate, as written. Recurring windows name `days` (and optionally `start`
 * and `end`); one-off windows name `from` and `to`. Values are kept as written so that problems
 * can quote them; `gateProblems` says which are malformed.
 */
export interface GateWindow {
  name: string;
  /** Recurring: days of the week (`mon` … `sun`) on which the window opens, in its zone. */
  days?: string[];
  /** Recurring: `HH:MM` the window opens on each of its days (default 00:00). */
  start?: string;
  /** Recurring: `HH:MM` the window closes, exclusive (default 24:00); at or before `start`, the next day. */
  end?: string;
  /** One-off: first moment inside, `YYYY-MM-DDTHH:MM[:SS]`, local to the zone unless it carries an offset. */
  from?: string;
  /** One-off: first moment after, same form as `from`. */
  to?: string;
  /** IANA zone of this window, overriding the gate's. */
  timeZone?: string;
  /**
   * The `timeZone` of the gate object the window was written in. Kept so that a level which
   * inherits the window but sets its own `timeZone` does not move it.
   */
  defaultTimeZone?: string;
}

/** The fields of a gate; a level that sets one replaces the inherited value whole. */
export type GateField = 'branches' | 'requireApproval' | 'timeZone' | 'blackouts' | 'maintenance';

/** The `gate` object of `bulwark.yaml` (top level or an environment), normalised. */
export interface GateConfig {
  /** Globs over branch names (`release/*`); a deployment from any other branch is denied. Empty: any branch. */
  branches?: string[];
  /** The request must say it is approved. */
  requireApproval?: boolean;
  /** IANA zone of the windows written beside it, and of the local time in results. Default UTC. */
  timeZone?: string;
  /** Deployments are denied inside any of these. */
  blackouts?: GateWindow[];
  /** When not empty, deployments are allowed only inside one of these. */
  maintenance?: GateWindow[];
  /** Where each field was written in `bulwark.yaml`, for messages and positions. */
  paths: Partial<Record<GateField, Path>>;
}

/** What is being deployed, where, and when. */
export interface GateRequest {
  environment: string;
  /** Branch the deployment is built from; `refs/heads/` is ignored. */
  branch?: string;
  time: Date;
  approved: boolean;
}

export type GateRule = 'branch' | 'approval' | 'blackout' | 'maintenance';

/** The verdict of one rule, and the place in `bulwark.yaml` that made it. */
export interface GateReason {
  rule: GateRule;
  allowed: boolean;
  message: string;
  /** Name of the window that decided, for window rules. */
  window?: string;
  path: Path;
}

/** The decision on a request. */
export interface GateDecision {
  environment: string;
  /** True when every rule allows the request. */
  allowed: boolean;
  reasons: GateReason[];
  /** The request time, ISO 8601 in UTC. */
  evaluatedAt: string;
  /** The request time on the clocks of the gate's zone. */
  localTime: { timeZone: string; dateTime: string; weekday: string };
}

/** One thing wrong with a gate: where, a stable code, and what. */
export interface GateProblem {
  path: Path;
  code: `gate-${string}`;
  message: string;
}
