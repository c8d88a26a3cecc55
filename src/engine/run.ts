import type { Diagnostic } from '../loader/types.js';
import { fingerprintOf, identityText } from '../findings/fingerprint.js';
import type { Finding, Severity } from '../findings/types.js';
import { resourceStartLine, type KubernetesObject, type Resource, type ResourceIdentity } from '../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS } from '../model/workload.js';
import { describePath, type Path, type PathDescription } from '../yaml/path.js';
import { locateField, releasePositions, type SourcePosition } from '../yaml/positions.js';
import type { Check, CheckMeta, Report, ResourceCheck, ResourceContext } from './types.js';
import { rememberedPer } from '../model/memo.js';

export interface Evaluation {
  checkId: string;
  /** Indexes (into the scan's resources) of the resources the check looked at. */
  resources: number[];
}

export interface RunOutcome {
  findings: Finding[];
  /** The resource a finding is about. */
  resourceOf(finding: Finding): Resource | undefined;
  /**
   * The resource of each finding by its position in `findings` as returned: valid until
   * `findings` is reordered (sort a copy, or use `resourceOf`).
   */
  owners: readonly Resource[];
  evaluations: Evaluation[];
  diagnostics: Diagnostic[];
}

export function defaultOptions(meta: CheckMeta): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(meta.options ?? {})) options[name] = option.default;
  return options;
}

const WORKLOADS = new Set(WORKLOAD_KINDS);

const kindSets = new WeakMap<Check, ReadonlySet<string> | null>();

/** Whether a check judges a resource; asked for every (check, resource) pair, so the kinds are a set. */
export function applies(check: Check, resource: Resource): boolean {
  let kinds = kindSets.get(check);
  if (kinds === undefined) {
    kinds = check.appliesTo === undefined ? null : check.appliesTo === 'workloads' ? WORKLOADS : new Set(check.appliesTo);
    kindSets.set(check, kinds);
  }
  return kinds === null || kinds.has(resource.kind) || (kinds === WORKLOADS && resource.podTemplatePath !== undefined);
}

/** A resource's identity, shared by all its findings, and its part of their fingerprints. */
export interface IdentifiedResource {
  identity: ResourceIdentity;
  text: string;
}

export function identify(identity: ResourceIdentity): IdentifiedResource {
  return { identity, text: identityText(identity) };
}

/** One per resource, for the callers of `toFinding`; the engine looks it up once per resource. */
const identifiedOf = rememberedPer((resource: Resource) => identify({ apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name }));

const NO_POSITION = { line: 1, column: 1 };

/**
 * Turns a check's report into a finding with file, line and column. `withPosition: false`
 * leaves the position at 1:1: an object received at admission has no file, and locating a
 * path there would cost more than the check that found it.
 */
export function toFinding(check: Check, resource: Resource, report: Report, severityOverride?: Severity, withPosition = true, identity?: ResourceIdentity): Finding {
  return findingOf(check, resource, report, severityOverride, identity === undefined ? identifiedOf(resource) : identify(identity), withPosition ? new Map() : undefined);
}

/** Positions found in one resource, by the part of a finding's path that exists there. */
export type Places = Map<object, SourcePosition>;

/**
 * {@link toFinding} with what the findings of one resource share: its identity and the places
 * already found in it (its findings often point at the same place: a container that lacks a
 * field several checks ask for). Without `places`, the position is left at 1:1.
 */
export function findingOf(check: Check, resource: Resource, report: Report, severityOverride: Severity | undefined, identified: IdentifiedResource, places: Places | undefined): Finding {
  // One walk tells how much of the path exists (where to point) and gives both written forms.
  const described = describePath(resource.object, report.path);
  const position = places === undefined ? NO_POSITION : placeOf(resource, report.path, described, places);
  const finding: Finding = {
    checkId: check.id,
    title: check.meta.title,
    severity: severityOverride ?? report.severity ?? check.meta.severity,
    status: 'fail',
    // Kept as the check built it: a message is mostly the check's own constant text, which its
    // pieces share, so copying it flat would make each finding larger, not smaller.
    message: report.message,
    resource: identified.identity,
    path: described.display,
    file: resource.document.file,
    line: position.line,
    column: position.column,
    fingerprint: fingerprintOf(report.rule === undefined ? check.id : `${check.id}/${report.rule}`, identified.text, described.stable),
  };
  if (report.container !== undefined) finding.container = report.container;
  if (report.rule !== undefined) finding.rule = report.rule;
  if (resource.document.template !== undefined) finding.template = resource.document.template;
  return finding;
}

/** Where a path points in a resource's file: its deepest part that exists, else the object's first line. */
function placeOf(resource: Resource, path: Path, described: PathDescription, places: Places): SourcePosition {
  let position = places.get(described.place);
  if (position === undefined) {
    const base = resource.basePath;
    const existing = described.existing === path.length ? path : path.slice(0, described.existing);
    const located = base.length === 0 ? existing : [...base, ...existing];
    // A finding about the whole object points at its first line, not at a `---` before it.
    position = (located.length === 0 ? undefined : locateField(resource.document, located)) ?? { line: resourceStartLine(resource), column: 1 };
    places.set(described.place, position);
  }
  return position;
}

export interface RunOptions {
  /** Options per check id, merged over each check's defaults. */
  checkOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Per-resource settings from a policy: whether a check runs, its severity and options there. */
  settings?: (check: Check, resource: Resource) => ResourceSetting;
}

export interface ResourceSetting {
  enabled: boolean;
  severity?: Severity;
  options: Readonly<Record<string, unknown>>;
}

/**
 * Runs checks over resources. A check that throws on a resource does not stop the scan:
 * the failure becomes a diagnostic (and the result is marked as not fully trusted).
 */
export function runChecks(resources: readonly Resource[], checks: readonly Check[], options: RunOptions = {}): RunOutcome {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  // Owners by position, in an array of their own: `findings` may be sorted in place by the
  // caller, so the look-up by finding is made, when first asked, from a copy of this order.
  const owners: Resource[] = [];
  // A resource's findings come together (its checks, then the set checks' reports on it): they
  // share its identity and the places already found in it.
  let current: Resource | undefined;
  let identified: IdentifiedResource | undefined;
  let places: Places = new Map();
  const record = (check: Check, resource: Resource, report: Report, severity?: Severity) => {
    if (resource !== current) {
      current = resource;
      identified = identifiedOf(resource);
      places = new Map();
    }
    findings.push(findingOf(check, resource, report, severity, identified as IdentifiedResource, places));
    owners.push(resource);
  };
  // A Map, not a WeakMap: the findings live as long as the outcome anyway, and weak tables with
  // tens of thousands of young keys make every scavenge slower.
  let byFinding: Map<Finding, Resource> | undefined;
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

  // Whole-set checks run first; their reports wait for their resource's turn below.
  const setReports = new Map<Resource, Array<{ check: Check; report: Report }>>();
  for (const check of checks) {
    if (check.scope !== 'set') continue;
    try {
      check.run({
        resources,
        options: optionsOf(check),
        report: (resource, report) => {
          let list = setReports.get(resource);
          if (list === undefined) setReports.set(resource, (list = []));
          list.push({ check, report });
        },
      });
    } catch (error) {
      failed(check, undefined, error);
    }
  }

  let namespaces: Map<string, KubernetesObject> | undefined;
  const namespaceObject = (name: string): KubernetesObject | undefined => {
    namespaces ??= new Map(resources.filter((resource) => resource.kind === 'Namespace' && resource.apiVersion === 'v1').map((resource) => [resource.name, resource.object]));
    return namespaces.get(name);
  };

  // Resource by resource, so that each document's position index is built once, used by
  // all its findings, and released before the next document: memory stays flat.
  // One context per check, refilled for each resource: no allocation per (check, resource).
  const contexts = checks
    .filter((check): check is ResourceCheck => check.scope === 'resource')
    .map((check) => {
      const context: ResourceContext = {
        resource: resources[0] as Resource,
        podSpec: undefined,
        options: optionsOf(check),
        report: (report) => record(check, context.resource, report, severity),
        namespaceObject,
      };
      let severity: Severity | undefined;
      const apply = (resource: Resource): boolean => {
        if (options.settings === undefined) return true;
        const setting = options.settings(check, resource);
        severity = setting.severity;
        context.options = setting.options;
        return setting.enabled;
      };
      return { check, context, apply };
    });
  // Which checks judge a kind, worked out once per kind rather than once per resource.
  const contextsByKind = new Map<string, typeof contexts>();
  for (let index = 0; index < resources.length; index++) {
    const resource = resources[index] as Resource;
    let applicable = contextsByKind.get(resource.kind);
    if (applicable === undefined) {
      applicable = contexts.filter(({ check }) => applies(check, resource));
      contextsByKind.set(resource.kind, applicable);
    }
    // Only resource checks are given the pod spec: with none to run here, it need not be found.
    const podSpec = applicable.length === 0 ? undefined : podSpecOf(resource);
    for (const { check, context, apply } of applicable) {
      if (!apply(resource)) continue;
      context.resource = resource;
      context.podSpec = podSpec;
      try {
        check.run(context);
      } catch (error) {
        failed(check, resource, error);
      }
    }
    for (const { check, report } of setReports.get(resource) ?? []) {
      const setting = options.settings?.(check, resource);
      if (setting === undefined) record(check, resource, report);
      else if (setting.enabled) record(check, resource, report, setting.severity);
    }
    setReports.delete(resource);
    if (resources[index + 1]?.document !== resource.document) releasePositions(resource.document);
  }
  // Reports about resources outside the list (a set check should not make these, but nothing is lost).
  for (const [resource, reports] of setReports) for (const { check, report } of reports) record(check, resource, report);
  // The outcome's closures keep this scope: nothing of the last resource stays with them.
  current = identified = undefined;
  places.clear();

  const recorded = findings.slice();
  let evaluations: Evaluation[] | undefined;
  return {
    findings,
    diagnostics,
    owners,
    resourceOf: (finding) => {
      if (byFinding === undefined) {
        byFinding = new Map();
        recorded.forEach((entry, position) => (byFinding as Map<Finding, Resource>).set(entry, owners[position] as Resource));
      }
      return byFinding.get(finding);
    },
    // Only the JUnit report needs every (check, resource) pair: worked out when asked.
    get evaluations() {
      evaluations ??= checks.map((check) => ({ checkId: check.id, resources: resources.filter((resource) => applies(check, resource)).map((resource) => resource.index) }));
      return evaluations;
    },
  };
}

/** Whether any of the checks judges any of the resources. */
export function anyEvaluated(resources: readonly Resource[], checks: readonly Check[]): boolean {
  const seen = new Set<string>();
  for (const resource of resources) {
    if (seen.has(resource.kind)) continue;
    seen.add(resource.kind);
    if (checks.some((check) => applies(check, resource))) return true;
  }
  return false;
}
