import type { Check } from '../engine/types.js';
import type { Severity } from '../findings/types.js';
import type { GateConfig } from '../gate/types.js';
import type { LoadedDocument } from '../loader/types.js';
import type { Path } from '../yaml/path.js';

export type FailThreshold = Severity | 'none';

/**
 * How findings count at a level: `enforce` fails the gate (and denies at admission), `warn`
 * reports them as warnings that never fail, `audit` records them only, `off` does not check.
 */
export type EnforcementMode = 'enforce' | 'warn' | 'audit' | 'off';

/** Whether `bulwark.io/ignore` annotations may opt out of checks at a level: all, none, or the listed checks. */
export type InlineIgnorePolicy = 'allow' | 'deny' | string[];

/** How a check is set at one level: on or off, its severity, its options. */
export interface CheckSetting {
  enabled?: boolean;
  severity?: Severity;
  mode?: EnforcementMode;
  options?: Record<string, unknown>;
}

/** What a level of the hierarchy may set; anything it leaves out is inherited. */
export interface LevelSettings {
  failOn?: FailThreshold;
  mode?: EnforcementMode;
  inlineIgnores?: InlineIgnorePolicy;
  /** Deployment gate (`bulwark gate`): at the top level and per environment. */
  gate?: GateConfig;
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

/** One validation of a custom rule: the expression must be true for a resource to pass. */
export interface CustomRuleValidation {
  expression: string;
  message?: string;
  messageExpression?: string;
  /** Where the problem is in the resource (`spec.replicas`), for the finding's line. */
  fieldPath?: string;
}

/** A check written in CEL in `bulwark.yaml`, over the variables of a ValidatingAdmissionPolicy. */
export interface CustomRule {
  id: string;
  title: string;
  summary?: string;
  severity: Severity;
  category?: string;
  remediation?: string;
  references?: string[];
  frameworks?: Array<{ framework: 'CIS' | 'NSA' | 'MITRE' | 'PSS'; control: string }>;
  /** Off unless a level or preset turns it on, when false. Default true. */
  enabled?: boolean;
  /** Kinds the rule judges; absent: every kind. `workloads` stands for every kind that runs pods. */
  kinds?: string[];
  /** Default values of `params`; a level overrides them as the check's options. */
  params?: Record<string, unknown>;
  matchConditions?: Array<{ name: string; expression: string }>;
  variables?: Array<{ name: string; expression: string }>;
  validations: CustomRuleValidation[];
  /** What an expression that cannot be evaluated means: a finding (`Fail`, default) or nothing (`Ignore`). */
  failurePolicy?: 'Fail' | 'Ignore';
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
  /** Checks written in CEL. */
  rules: CustomRule[];
}

/** A loaded policy with where each setting came from. */
export interface LoadedPolicy {
  config: PolicyConfig;
  /** The policy's custom rules, compiled into checks that run like built-in ones. */
  checks: Check[];
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
