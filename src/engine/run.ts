import type { Diagnostic } from '../loader/types.js';
import { fingerprint, stablePath } from '../findings/fingerprint.js';
import type { Finding } from '../findings/types.js';
import type { Resource } from '../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS, type PodSpecRef } from '../model/workload.js';
import { existingPrefix, formatPath } from '../yaml/path.js';
import { locatePath } from '../yaml/positions.js';
import type { Check, CheckMeta, Report } from './types.js';

export interface Evaluation {
  checkId: string;
  /** Indexes (into the scan's resources) of the resources the check looked at. */
  resources: number[];
}

export interface RunOutcome {
  findings: Finding[];
  evaluations: Evaluation[];
  diagnostics: Diagnostic[];
}

export function defaultOptions(meta: CheckMeta): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(meta.options ?? {})) options[name] = option.default;
  return options;
}

const WORKLOADS = new Set(WORKLOAD_KINDS);

function applies(check: Check, resource: Resource): boolean {
  if (check.appliesTo === undefined) return true;
  if (check.appliesTo === 'workloads') return WORKLOADS.has(resource.kind);
  return check.appliesTo.includes(resource.kind);
}

/** Turns a check's report into a finding with file, line and column. */
export function toFinding(check: Check, resource: Resource, report: Report): Finding {
  const fullPath = [...resource.basePath, ...report.path];
  const existing = existingPrefix(resource.document.value, fullPath);
  const positions = locatePath(resource.document, existing);
  const position = positions[positions.length - 1] ?? { line: resource.document.startLine, column: 1 };
  const identity = { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name };
  const finding: Finding = {
    checkId: check.id,
    title: check.meta.title,
    severity: report.severity ?? check.meta.severity,
    status: 'fail',
    message: report.message,
    resource: identity,
    path: formatPath(report.path),
    file: resource.document.file,
    line: position.line,
    column: position.column,
    fingerprint: fingerprint(report.rule === undefined ? check.id : `${check.id}/${report.rule}`, identity, stablePath(resource.object, report.path)),
  };
  if (report.container !== undefined) finding.container = report.container;
  if (report.rule !== undefined) finding.rule = report.rule;
  if (resource.document.template !== undefined) finding.template = resource.document.template;
  return finding;
}

export interface RunOptions {
  /** Options per check id, merged over each check's defaults. */
  checkOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

/**
 * Runs checks over resources. A check that throws on a resource does not stop the scan:
 * the failure becomes a diagnostic (and the result is marked as not fully trusted).
 */
export function runChecks(resources: readonly Resource[], checks: readonly Check[], options: RunOptions = {}): RunOutcome {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const evaluations: Evaluation[] = [];
  const podSpecs = new Map<number, PodSpecRef | undefined>();
  const podSpec = (resource: Resource) => {
    if (!podSpecs.has(resource.index)) podSpecs.set(resource.index, podSpecOf(resource));
    return podSpecs.get(resource.index);
  };
  const failed = (check: Check, resource: Resource | undefined, error: unknown) => {
    diagnostics.push({
      severity: 'error',
      code: 'check-error',
      message: `check ${check.id} failed${resource ? ` on ${resource.kind}/${resource.name}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      file: resource?.document.file ?? '',
      ...(resource ? { line: resource.document.startLine } : {}),
    });
  };
  for (const check of checks) {
    const checkOptions = { ...defaultOptions(check.meta), ...(options.checkOptions?.[check.id] ?? {}) };
    const evaluated: number[] = [];
    if (check.scope === 'resource') {
      for (const resource of resources) {
        if (!applies(check, resource)) continue;
        evaluated.push(resource.index);
        try {
          check.run({
            resource,
            podSpec: podSpec(resource),
            options: checkOptions,
            report: (report) => findings.push(toFinding(check, resource, report)),
          });
        } catch (error) {
          failed(check, resource, error);
        }
      }
    } else {
      for (const resource of resources) if (applies(check, resource)) evaluated.push(resource.index);
      try {
        check.run({ resources, options: checkOptions, report: (resource, report) => findings.push(toFinding(check, resource, report)) });
      } catch (error) {
        failed(check, undefined, error);
      }
    }
    evaluations.push({ checkId: check.id, resources: evaluated });
  }
  return { findings, evaluations, diagnostics };
}
