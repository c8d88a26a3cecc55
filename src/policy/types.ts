import type { Severity } from '../findings/types.js';
import type { LoadedDocument } from '../loader/types.js';
import type { Path } from '../yaml/path.js';

export type FailThreshold = Severity | 'none';

/** How a check is set at one level: on or off, its severity, its options. */
export interface CheckSetting {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

/** What a level of the hierarchy may set; anything it leaves out is inherited. */
export interface LevelSettings {
  failOn?: FailThreshold;
  checks?: Record<string, CheckSetting>;
}

/** Which resources an environment or application covers. Every field given must match. */
export interface Match {
  /** Namespace names, or globs (`prod-*`). */
  namespaces?: string[];
  /** Labels of the resource's Namespace object in the input. */
  namespaceLabels?: Record<string, string>;
  /** Labels of the resource (or its pod template). */
  labels?: Record<string, string>;
  /** Globs over the scanned file paths (`deploy/prod/**`). */
  paths?: string[];
}

export interface NamedLevel extends LevelSettings {
  name: string;
  match?: Match;
}

export interface ExceptionScope {
  cluster?: string;
  environment?: string;
  namespace?: string;
  kind?: string;
  name?: string;
  container?: string;
  labels?: Record<string, string>;
}

export interface ExceptionEntry {
  id: string;
  checks: string[];
  scope: ExceptionScope;
  reason: string;
  owner: string;
  ticket?: string;
  /** `YYYY-MM-DD`: the exception applies up to and including this day (UTC). */
  expires?: string;
}

/** `bulwark.yaml`, normalised. */
export interface PolicyConfig extends LevelSettings {
  extends: string[];
  clusters: NamedLevel[];
  environments: NamedLevel[];
  applications: NamedLevel[];
  exceptions: ExceptionEntry[];
  exceptionPolicy: { requireExpiry: boolean; maxDays?: number };
  /** Custom kinds that run pods: kind → path of the pod template. */
  workloads: Map<string, Path>;
}

/** A loaded policy with where each setting came from. */
export interface LoadedPolicy {
  config: PolicyConfig;
  file: string;
  document: LoadedDocument;
}

/** Where a setting was written: the level, and the line in bulwark.yaml. */
export interface SettingSource {
  level: 'preset' | 'global' | 'cluster' | 'environment' | 'application';
  name: string;
  file?: string;
  line?: number;
  path?: Path;
}
