import { createHash, hash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Check, ResourceCheck } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';
import type { Finding } from '../findings/types.js';
import type { Diagnostic, LoadedDocument } from '../loader/types.js';
import { extractResources, isRecord, type KubernetesObject, type Resource, type ResourceIdentity } from '../model/resource.js';
import { PolicyResolver } from '../policy/resolve.js';
import type { FailThreshold, LoadedPolicy } from '../policy/types.js';
import { catalogueOf, isFailing, selectChecks } from '../scan.js';
import type { AdmissionRequest } from './admission-review.js';
import { judgeFindings } from '../policy/judge.js';
import { boundedWarnings, denialMessage, warningFor } from './message.js';
import { safeDefaultsPatch, type PatchOperation } from './mutate.js';
import { PreparedChecks, type SettingsOf } from './runner.js';
import { admissionSettingsAt, exemptionOf, type AdmissionSettings } from './settings.js';

/** The file name admitted objects carry in findings and diagnostics (and that `match.paths` sees). */
export const ADMISSION_FILE = '<admission>';

/** Subresources whose object is the whole parent object, judged like an update of it (`kubectl debug` adds containers this way). */
const JUDGED_SUBRESOURCES: ReadonlySet<string> = new Set(['ephemeralcontainers']);

export type SkipReason = 'operation' | 'subresource' | 'exempt' | 'deleting' | 'metadata-only' | 'kind';

/** What the server decided about one request, before it becomes an AdmissionResponse. */
export interface AdmissionDecision {
  allowed: boolean;
  /** Set when the request was allowed without running the checks, with why. */
  skipped?: { reason: SkipReason; detail: string };
  resource?: ResourceIdentity;
  /** Every finding, with the policy applied: status (`fail`, `excepted`), mode, threshold. */
  findings: Finding[];
  /** The findings that deny the request: `fail`, enforced, at or above the resource's threshold. */
  denying: Finding[];
  /** Reported to the user as warnings: `warn` mode, and enforced findings below the threshold. */
  warned: Finding[];
  /** `audit` mode: recorded in the log and the audit annotations only. */
  audited: Finding[];
  /** Notes about the object (refused or malformed opt-outs), passed on as warnings. */
  notes: string[];
  /** The denial message, when denied. */
  message?: string;
  warnings: string[];
}

/** The outcome of `POST /mutate`. */
export interface MutationDecision {
  patch: PatchOperation[];
  skipped?: { reason: SkipReason | 'not-enabled'; detail: string };
  resource?: ResourceIdentity;
}

/** A check failed on the object: the decision cannot be trusted, so the failure behaviour applies. */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

export interface AdmissionEngineOptions {
  policy?: LoadedPolicy;
  /** Ids of the checks to run, as `scan --checks`; absent: the policy's (or the recommended) checks. Whole-set checks are refused. */
  checks?: readonly string[];
  /** The cluster the server guards: selects the policy's cluster level and exception scopes. */
  cluster?: string;
  /** Overrides the policy's threshold, as `--fail-on` does for a scan. */
  failOn?: FailThreshold;
  /** The clock for exception expiry. */
  now?: () => Date;
  /** Decisions remembered for identical requests (see {@link DecisionCache}); 0 turns the cache off. Default 128. */
  cacheEntries?: number;
}

/**
 * Decides admission requests with the policy and the per-resource checks. One engine per
 * loaded policy: a policy reload builds a new engine, and requests in flight finish on the old.
 * Whole-set checks (NetworkPolicy coverage, PodDisruptionBudgets, RBAC graphs…) need the other
 * objects of the cluster and do not run here.
 */
export class AdmissionEngine {
  readonly policy: LoadedPolicy | undefined;
  /** Per-resource checks the policy turns on somewhere. */
  readonly checks: readonly ResourceCheck[];
  readonly failOn: FailThreshold;
  private readonly checksById: ReadonlyMap<string, Check>;
  private readonly prepared: PreparedChecks;
  private readonly catalogue: readonly Check[];
  private readonly cluster: string | undefined;
  private readonly now: () => Date;
  private readonly resolver: PolicyResolver | undefined;
  /** The policy's settings of each check for an object; absent without a policy (the checks' defaults). */
  private readonly settingsOf: SettingsOf | undefined;
  private readonly settingsByLevels = new Map<string, AdmissionSettings>();
  private readonly cache: DecisionCache;

  constructor(options: AdmissionEngineOptions = {}) {
    this.policy = options.policy;
    this.cluster = options.cluster;
    this.now = options.now ?? (() => new Date());
    this.catalogue = catalogueOf(this.policy);
    this.failOn = options.failOn ?? this.policy?.config.failOn ?? 'high';
    // Namespace labels come from Namespace objects in the input; at admission there are none (see the README).
    const resolver = this.policy === undefined ? undefined : new PolicyResolver(this.policy, this.catalogue, { namespaceLabels: new Map(), cluster: this.cluster });
    this.resolver = resolver;
    this.settingsOf = resolver === undefined ? undefined : (check, resource) => resolver.effective(check, resource);
    const chosen = options.checks !== undefined || resolver === undefined ? selectChecks(options.checks, this.catalogue) : resolver.checksToRun();
    const wholeSet = options.checks === undefined ? [] : chosen.filter((check) => check.scope === 'set');
    if (wholeSet.length > 0) {
      throw new BulwarkError('BULWARK_E_USAGE', `${wholeSet.map((check) => check.id).join(', ')} ${wholeSet.length === 1 ? 'judges' : 'judge'} whole sets of objects and cannot run at admission, where one object is seen at a time`, 'Run them with `bulwark scan` on the manifests.');
    }
    this.checks = chosen.filter((check): check is ResourceCheck => check.scope === 'resource');
    this.prepared = new PreparedChecks(this.checks);
    this.checksById = new Map(this.checks.map((check) => [check.id, check]));
    this.cache = new DecisionCache(options.cacheEntries ?? DEFAULT_CACHE_ENTRIES);
  }

  /** The admission settings (`admission:` of bulwark.yaml) for a resource. */
  private settingsFor(resource: Resource): AdmissionSettings {
    if (this.resolver === undefined) return admissionSettingsAt(undefined, undefined);
    const levels = this.resolver.levelsFor(resource);
    let settings = this.settingsByLevels.get(levels.key);
    if (settings === undefined) {
      settings = admissionSettingsAt(this.policy, levels);
      this.settingsByLevels.set(levels.key, settings);
    }
    return settings;
  }

  /**
   * Decides `POST /validate`. Throws {@link EvaluationError} when a check fails on the object.
   * The decision is shared with identical requests: callers read it and never change it. With
   * the body as received, the cache key is its digest; without, the parsed request's.
   */
  validate(request: AdmissionRequest, body?: Buffer): AdmissionDecision {
    // One clock reading per review: the day the cache keeps the decision for is the day its exceptions were judged on.
    const now = this.now();
    let key: string | undefined;
    if (this.cache.enabled) {
      this.cache.turnDay(now);
      key = body !== undefined ? DecisionCache.keyOfBody(body, request.uid) : DecisionCache.keyOf(request);
    }
    const known = key === undefined ? undefined : this.cache.get(key);
    if (known !== undefined) return known;
    const decision = this.decide(request, now);
    if (key !== undefined) this.cache.set(key, decision);
    return decision;
  }

  private decide(request: AdmissionRequest, now: Date): AdmissionDecision {
    const early = skipBeforeResource(request);
    if (early !== undefined) return allowedWithout(early);
    const resource = admissionResource(request.object as KubernetesObject, request.namespace, this.policy?.config.workloads);
    if (resource === undefined) return allowedWithout({ reason: 'kind', detail: 'the object is not a cluster object (a tool configuration)' });
    const identity = identityOf(resource);
    const exempt = exemptionOf(this.settingsFor(resource), request.userInfo);
    if (exempt !== undefined) return { ...allowedWithout({ reason: 'exempt', detail: exempt }), resource: identity };
    const unchanged = unchangedUpdate(request);
    if (unchanged !== undefined) return { ...allowedWithout(unchanged), resource: identity };

    const run = this.prepared.run(resource, identity, this.settingsOf);
    if (run.errors.length > 0) throw new EvaluationError(run.errors.join('; '));
    const findings = run.findings;
    const diagnostics: Diagnostic[] = [];
    judgeFindings(findings, { resourceOf: () => resource }, this.checksById, { resolver: this.resolver, failOn: this.failOn, now, cluster: this.cluster, diagnostics, reportExpired: false });

    const decision: AdmissionDecision = { allowed: true, resource: identity, findings, denying: [], warned: [], audited: [], notes: diagnostics.map((diagnostic) => diagnostic.message), warnings: [] };
    for (const finding of findings) {
      if (finding.status !== 'fail') continue;
      if (finding.mode === 'audit') decision.audited.push(finding);
      else if (isFailing(finding, finding.failOn ?? this.failOn)) decision.denying.push(finding);
      else decision.warned.push(finding);
    }
    decision.allowed = decision.denying.length === 0;
    if (!decision.allowed) decision.message = denialMessage(identity, decision.denying, this.checksById);
    decision.warnings = boundedWarnings([...decision.warned.map(warningFor), ...decision.notes.map((note) => `bulwark: ${note}`)]);
    return decision;
  }

  /** Decides `POST /mutate`: the safe defaults, where the policy level of the object turns mutation on. */
  mutate(request: AdmissionRequest): MutationDecision {
    const early = skipBeforeResource(request);
    if (early !== undefined) return { patch: [], skipped: early };
    // Pods accept almost no change after creation: their templates were defaulted instead.
    if (request.operation !== 'CREATE' && request.kind.kind === 'Pod') return { patch: [], skipped: { reason: 'operation', detail: 'a Pod is defaulted when created only' } };
    const resource = admissionResource(request.object as KubernetesObject, request.namespace, this.policy?.config.workloads);
    if (resource === undefined) return { patch: [], skipped: { reason: 'kind', detail: 'the object is not a cluster object' } };
    const identity = identityOf(resource);
    const settings = this.settingsFor(resource);
    if (!settings.mutate) return { patch: [], skipped: { reason: 'not-enabled', detail: 'mutation is not turned on (admission.mutate) at the policy level of this object' }, resource: identity };
    const exempt = exemptionOf(settings, request.userInfo);
    if (exempt !== undefined) return { patch: [], skipped: { reason: 'exempt', detail: exempt }, resource: identity };
    return { patch: safeDefaultsPatch(resource), resource: identity };
  }
}

/** Default number of decisions remembered. */
export const DEFAULT_CACHE_ENTRIES = 128;

/**
 * Remembers decisions of requests that carry the same content: a ReplicaSet that creates ten
 * pods sends ten reviews that differ only in their uid, a GitOps tool re-applies unchanged
 * objects. The key is a SHA-256 digest (a collision would serve one object another's decision,
 * so the digest must resist a chosen collision) of everything a decision reads. A policy reload
 * builds a new engine, so a new cache; exceptions expire at the end of a UTC day, so the cache is
 * emptied when the day turns. Least recently used entries go first. Few entries are enough for
 * bursts of identical reviews; many would keep decisions alive long enough to cost the garbage
 * collector more than they save.
 */
export class DecisionCache {
  private readonly entries = new Map<string, AdmissionDecision>();
  private day = -1;

  constructor(private readonly capacity: number) {}

  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Empties the cache when the UTC day has turned since the last call. */
  turnDay(now: Date): void {
    const day = Math.floor(now.getTime() / 86_400_000);
    if (day === this.day) return;
    this.entries.clear();
    this.day = day;
  }

  /** The key of a parsed request: its operation, kinds, namespace, name, requester, object and old object. */
  static keyOf(request: AdmissionRequest): string {
    return hash('sha256', JSON.stringify([request.operation, request.kind, request.resource, request.subResource, request.namespace, request.name, request.userInfo, request.object, request.oldObject]), 'base64');
  }

  /**
   * The key of a request from its body as received, without serialising the parsed request
   * again: the digest of the body less its uid (`"<uid>"`, which must occur exactly once, else
   * undefined). Two valid bodies with the same key are the same text up to the uid: the uid's
   * quoted value cannot move without leaving a value where JSON allows none. A body that writes
   * the same request with other spacing or escapes gets another key, and is decided again.
   */
  static keyOfBody(body: Buffer, uid: string): string | undefined {
    const token = Buffer.from(JSON.stringify(uid));
    const at = body.indexOf(token);
    if (at === -1 || body.indexOf(token, at + token.length) !== -1) return undefined;
    return createHash('sha256').update(body.subarray(0, at)).update(body.subarray(at + token.length)).digest('base64');
  }

  get(key: string): AdmissionDecision | undefined {
    const decision = this.entries.get(key);
    if (decision !== undefined) {
      // Most recently used last: the first key is the one to drop.
      this.entries.delete(key);
      this.entries.set(key, decision);
    }
    return decision;
  }

  set(key: string, decision: AdmissionDecision): void {
    this.entries.set(key, decision);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

function allowedWithout(skipped: { reason: SkipReason; detail: string }): AdmissionDecision {
  return { allowed: true, skipped, findings: [], denying: [], warned: [], audited: [], notes: [], warnings: [] };
}

/** Requests decided on their shape alone: deletions, connections, subresources, objects being deleted. */
function skipBeforeResource(request: AdmissionRequest): { reason: SkipReason; detail: string } | undefined {
  if (request.operation === 'DELETE') return { reason: 'operation', detail: 'deletions are always allowed' };
  if (request.operation === 'CONNECT') return { reason: 'operation', detail: `${request.resource.resource}${request.subResource ? `/${request.subResource}` : ''} connections are not judged` };
  if (request.subResource !== undefined && !JUDGED_SUBRESOURCES.has(request.subResource)) return { reason: 'subresource', detail: `the ${request.subResource} subresource is not judged` };
  const metadata = isRecord(request.object?.metadata) ? request.object.metadata : undefined;
  // Removing a finalizer from an object that is going away must never be blocked.
  if (request.operation === 'UPDATE' && metadata?.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null) return { reason: 'deleting', detail: 'the object is being deleted' };
  return undefined;
}

/**
 * An UPDATE that changes only metadata and status (labels, annotations, finalizers, owners)
 * cannot make the workload less safe: it is allowed, as the pod-security admission plugin does,
 * so that an object admitted before a stricter policy can still be relabelled or released.
 */
function unchangedUpdate(request: AdmissionRequest): { reason: SkipReason; detail: string } | undefined {
  if (request.operation !== 'UPDATE' || request.oldObject === null || request.subResource !== undefined) return undefined;
  const { metadata: _newMetadata, status: _newStatus, ...after } = request.object as KubernetesObject;
  const { metadata: _oldMetadata, status: _oldStatus, ...before } = request.oldObject;
  return isDeepStrictEqual(after, before) ? { reason: 'metadata-only', detail: 'the update changes only metadata or status' } : undefined;
}

function identityOf(resource: Resource): ResourceIdentity {
  return { apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name };
}

/**
 * The admitted object as a scan resource. Its document's text is the object's JSON, written
 * only when something asks for a position (a refused `bulwark.io/ignore` opt-out is located):
 * a JSON text is located by a plain scan, where an empty or made-up text would send it down
 * the slow path.
 */
export function admissionResource(object: KubernetesObject, namespace: string | undefined, workloads?: ReadonlyMap<string, readonly (string | number)[]>): Resource | undefined {
  let text: string | undefined;
  const document: LoadedDocument = {
    file: ADMISSION_FILE,
    index: 0,
    get text() {
      text ??= JSON.stringify(object);
      return text;
    },
    startLine: 1,
    value: object,
  };
  return extractResources([document], namespace ?? 'default', 0, workloads !== undefined && workloads.size > 0 ? workloads : undefined).resources[0];
}

