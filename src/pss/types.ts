import type { ContainerRef } from '../model/workload.js';
import type { Path } from '../yaml/path.js';

export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

/** The newest policy version whose rules Bulwark knows; `latest` means this one. */
export const LATEST_MINOR = 37;

/** A pod as the checks see it: metadata, spec and every container, with their paths in the resource. */
export interface PodView {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  metadataPath: Path;
  specPath: Path;
  /** Init, regular and ephemeral containers, in that order (the order upstream visits them). */
  containers: readonly ContainerRef[];
}

/** The verdict of one check on one pod, in the upstream form: a reason and a detail. */
export interface CheckResult {
  allowed: boolean;
  /** Short reason, e.g. `allowPrivilegeEscalation != false`. */
  reason?: string;
  /** What exactly is wrong, e.g. `container "app" must set securityContext.allowPrivilegeEscalation=false`. */
  detail?: string;
  /** Paths of the offending fields (or where the missing field belongs), first one first. */
  paths?: Path[];
}

export interface VersionedCheck {
  /** Minor version (of 1.x) from which this implementation applies. */
  minimumMinor: number;
  evaluate(pod: PodView): CheckResult;
  /** Checks this one replaces at the restricted level, from this version on. */
  overrides?: readonly string[];
}

/** One Pod Security Standards check, with its implementation at each policy version. */
export interface PssCheck {
  /** The upstream check id, e.g. `allowPrivilegeEscalation`. */
  id: string;
  level: 'baseline' | 'restricted';
  versions: readonly VersionedCheck[];
}

export const ALLOWED: CheckResult = { allowed: true };
