import type { Severity } from '../findings/types.js';
import type { KubernetesObject, Resource } from '../model/resource.js';
import type { PodSpecRef } from '../model/workload.js';
import type { Path } from '../yaml/path.js';

export type Framework = 'CIS' | 'NSA' | 'MITRE' | 'PSS';

/** A control of a framework that a check implements, e.g. CIS 5.2.2. */
export interface FrameworkMapping {
  framework: Framework;
  /** The control's id in that framework (`5.2.2`, `T1611`, `baseline:privileged`), as listed in `src/frameworks/catalog.ts`. */
  control: string;
}

export interface CheckOption {
  description: string;
  type: 'number' | 'string' | 'boolean' | 'string[]';
  default: number | string | boolean | string[];
}

export interface CheckMeta {
  title: string;
  /** One line: what is wrong when the check fails. */
  summary: string;
  severity: Severity;
  category: string;
  /** What to change, in a sentence or two. */
  remediation: string;
  references: string[];
  frameworks: FrameworkMapping[];
  options?: Record<string, CheckOption>;
  /** False for checks that run only when asked for (by id, preset or framework), e.g. because they overlap others. Default true. */
  enabledByDefault?: boolean;
  /** True for rules written in a policy file rather than built in (they have no docs page). */
  custom?: boolean;
}

/** What a check says about one problem: where (a path inside the resource) and what. */
export interface Report {
  path: Path;
  message: string;
  container?: string;
  /** The rule within the check this finding is about, when a check groups several (e.g. the upstream PSS check id). */
  rule?: string;
  /** Overrides the check's default severity for this finding. */
  severity?: Severity;
}

export interface ResourceContext {
  resource: Resource;
  /** The pod spec the resource runs, if it runs pods. */
  podSpec: PodSpecRef | undefined;
  options: Readonly<Record<string, unknown>>;
  report(report: Report): void;
  /** The Namespace object of that name in the input, if there is one. */
  namespaceObject(name: string): KubernetesObject | undefined;
}

export interface SetContext {
  resources: readonly Resource[];
  options: Readonly<Record<string, unknown>>;
  report(resource: Resource, report: Report): void;
}

interface CheckBase {
  /** kebab-case, stable forever. */
  id: string;
  meta: CheckMeta;
}

/** A check that looks at one resource at a time. */
export interface ResourceCheck extends CheckBase {
  scope: 'resource';
  /** Kinds the check applies to, or `workloads` for everything that runs pods. Absent: every kind. */
  appliesTo?: 'workloads' | readonly string[];
  run(context: ResourceContext): void;
}

/** A check that sees every resource at once, for rules across resources. */
export interface SetCheck extends CheckBase {
  scope: 'set';
  /** Kinds the check judges (its findings are about them), or `workloads`; it still sees every resource. Absent: every kind. */
  appliesTo?: 'workloads' | readonly string[];
  run(context: SetContext): void;
}

export type Check = ResourceCheck | SetCheck;
