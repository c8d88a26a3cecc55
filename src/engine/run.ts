import type { Diagnostic } from '../loader/types.js';
import { fingerprint, stablePath } from '../findings/fingerprint.js';
import type { Finding } from '../findings/types.js';
import type { Resource, ResourceIdentity } from '../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS } from '../model/workload.js';
import { existingPrefix, formatPath } from '../yaml/path.js';
import { locateField, releasePositions } from '../yaml/positions.js';
import type { Check, CheckMeta, Report, ResourceCheck } from './types.js';

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

const identities = new WeakMap<Resource, ResourceIdentity>();

/** One identity object per resource, shared by all its findings. */
function identityOf(resource: Resource): ResourceIdentity {
  let identity = identities.get(resource);
  if (identity === undefined) {
    identity = { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name };
    identities.set(resource, identity);
  }
  return identity;
}

/** Turns a check's report into a finding with file, line and column. */
export function toFinding(check: Check, resource: Resource, report: Report): Finding {
  const fullPath = resource.basePath.length === 0 ? report.path : [...resource.basePath, ...report.path];
  const existing = existingPrefix(resource.document.value, fullPath);
  const position = locateField(resource.document, existing) ?? { line: resource.document.startLine, column: 1 };
  const identity = identityOf(resource);
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
  const failed = (check: Check, resource: Resource | undefined, error: unknown) => {
    diagnostics.push({
      severity: 'error',
      code: 'check-error',
      message: `check ${check.id} failed${resource ? ` on ${resource.kind}/${resource.name}` : ''}: ${error instanceof Error ? error.message : String(error)}`,
      file: resource?.document.file ?? '',
      ...(resource ? { line: resource.document.startLine } : {}),
    });
  };
  const optionsOf = (check: Check) => ({ ...defaultOptions(check.meta), ...(options.checkOptions?.[check.id] ?? {}) });
  const evaluated = new Map<string, number[]>(checks.map((check) => [check.id, []]));
  const resourceChecks = checks.filter((check): check is ResourceCheck => check.scope === 'resource').map((check) => ({ check, options: optionsOf(check) }));

  // Resource by resource, so that each document's position index is built once, used by
  // all its findings, and released before the next document: memory stays flat.
  for (const [index, resource] of resources.entries()) {
    const pending: Array<{ check: Check; report: Report }> = [];
    for (const { check, options: checkOptions } of resourceChecks) {
      if (!applies(check, resource)) continue;
      (evaluated.get(check.id) as number[]).push(resource.index);
      try {
        check.run({ resource, podSpec: podSpecOf(resource), options: checkOptions, report: (report) => pending.push({ check, report }) });
      } catch (error) {
        failed(check, resource, error);
      }
    }
    for (const { check, report } of pending) findings.push(toFinding(check, resource, report));
    if (resources[index + 1]?.document !== resource.document) releasePositions(resource.document);
  }

  const setReports: Array<{ check: Check; resource: Resource; report: Report }> = [];
  for (const check of checks) {
    if (check.scope !== 'set') continue;
    const list = evaluated.get(check.id) as number[];
    for (const resource of resources) if (applies(check, resource)) list.push(resource.index);
    try {
      check.run({ resources, options: optionsOf(check), report: (resource, report) => setReports.push({ check, resource, report }) });
    } catch (error) {
      failed(check, undefined, error);
    }
  }
  // Findings of whole-set checks, grouped by document for the same reason.
  setReports.sort((a, b) => a.resource.index - b.resource.index);
  for (const [i, { check, resource, report }] of setReports.entries()) {
    findings.push(toFinding(check, resource, report));
    if (setReports[i + 1]?.resource.document !== resource.document) releasePositions(resource.document);
  }
  return { findings, evaluations: checks.map((check) => ({ checkId: check.id, resources: evaluated.get(check.id) as number[] })), diagnostics };
}
