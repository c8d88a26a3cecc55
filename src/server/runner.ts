import { applies, defaultOptions, findingOf, identify, type IdentifiedResource, type ResourceSetting } from '../engine/run.js';
import type { Check, Report, ResourceCheck, ResourceContext } from '../engine/types.js';
import type { Finding, Severity } from '../findings/types.js';
import type { Resource, ResourceIdentity } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';

/** What one object's run gives: its findings, and the checks that failed on it. */
export interface ObjectRun {
  findings: Finding[];
  /** `check <id> failed: <message>` for each check that threw: the result is then incomplete. */
  errors: string[];
}

export type SettingsOf = (check: Check, resource: Resource) => ResourceSetting;

/**
 * Runs per-resource checks on one object at a time, with everything that does not depend on
 * the object prepared once: the checks for each kind, each check's default options, one
 * context reused for every call. `runChecks` of the engine prepares the same for each scan;
 * a webhook runs a scan of one object thousands of times a second, where that preparation
 * costs more than the checks themselves. Findings are made by the engine's `findingOf`, without
 * a source position, and the rules of which check judges which kind, and how a policy setting
 * turns a check off or changes its severity and options, are the engine's.
 */
export class PreparedChecks {
  private readonly byKind = new Map<string, ResourceCheck[]>();
  private readonly defaults = new Map<Check, Record<string, unknown>>();
  private readonly context: ResourceContext;
  private findings: Finding[] = [];
  private check: ResourceCheck | undefined;
  private severity: Severity | undefined;
  private identity: ResourceIdentity | undefined;
  /** The identity with its part of the fingerprints, written at the object's first finding. */
  private identified: IdentifiedResource | undefined;

  constructor(readonly checks: readonly ResourceCheck[]) {
    for (const check of checks) this.defaults.set(check, defaultOptions(check.meta));
    this.context = {
      resource: undefined as unknown as Resource,
      podSpec: undefined,
      options: {},
      report: (report: Report) => this.findings.push(findingOf(this.check as ResourceCheck, this.context.resource, report, this.severity, (this.identified ??= identify(this.identity as ResourceIdentity)), undefined)),
      // One object is admitted at a time: the other objects of the cluster are not known here.
      namespaceObject: () => undefined,
    };
  }

  /** The checks that judge a kind, in catalogue order. */
  private checksFor(resource: Resource): ResourceCheck[] {
    // Declared kinds run the workload checks too, so they are kept apart from a built-in kind of the same name.
    const key = resource.podTemplatePath !== undefined ? `\u0000${resource.kind}` : resource.kind;
    let list = this.byKind.get(key);
    if (list === undefined) {
      list = this.checks.filter((check) => applies(check, resource));
      this.byKind.set(key, list);
    }
    return list;
  }

  /**
   * Runs every check that judges the object; `identity` is shared by all its findings, and
   * `settings` are the policy's for it, when there is a policy.
   */
  run(resource: Resource, identity: ResourceIdentity, settings?: SettingsOf): ObjectRun {
    const findings: Finding[] = [];
    const errors: string[] = [];
    const context = this.context;
    this.findings = findings;
    context.resource = resource;
    this.identity = identity;
    this.identified = undefined;
    context.podSpec = podSpecOf(resource);
    for (const check of this.checksFor(resource)) {
      if (settings === undefined) {
        context.options = this.defaults.get(check) as Record<string, unknown>;
        this.severity = undefined;
      } else {
        const setting = settings(check, resource);
        if (!setting.enabled) continue;
        context.options = setting.options;
        this.severity = setting.severity;
      }
      this.check = check;
      try {
        check.run(context);
      } catch (error) {
        errors.push(`check ${check.id} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.check = undefined;
    return { findings, errors };
  }
}
