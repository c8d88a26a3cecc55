import type { Finding } from '../findings/types.js';
import { resourceLabel } from '../report/format.js';
import { admissionReviewResponse, type AdmissionRequest, type AdmissionResponse, type AdmissionReviewResponse } from './admission-review.js';
import type { AdmissionDecision, AdmissionEngine, MutationDecision } from './engine.js';

/**
 * What the server answers when it cannot decide (a check failed, a bug): `closed` denies,
 * `open` allows with a warning. Either way the answer comes at once, and the cause is logged.
 */
export type FailureMode = 'open' | 'closed';

export type Endpoint = 'validate' | 'mutate';

/** How a review ended, for metrics and the log. */
export type Verdict = 'allowed' | 'denied' | 'skipped' | 'patched' | 'unchanged' | 'error';

/** A review answered: the AdmissionReview to send, and what to count and log about it. */
export interface ReviewOutcome {
  review: AdmissionReviewResponse;
  verdict: Verdict;
  /** Fields of the decision log line, beginning with the endpoint: identities, check ids and paths, never object content. */
  log: Record<string, unknown>;
}

/** Audit annotation values are cut here; the API server writes them into every audit event of the request. */
const MAX_AUDIT_VALUE = 1024;

function findingSummary(finding: Finding): string {
  return `${finding.checkId}@${finding.path}`;
}

/**
 * The log fields of a request at an endpoint and how it ended, in one object literal: the
 * outcome's fields are then assigned to it (written after a spread copy instead, each field
 * would take V8's slow path, several microseconds per review).
 */
function requestFields(request: AdmissionRequest, endpoint: Endpoint, decision: Verdict): Record<string, unknown> {
  return {
    endpoint,
    uid: request.uid,
    operation: request.operation,
    kind: request.kind.kind,
    resource: request.subResource !== undefined ? `${request.resource.resource}/${request.subResource}` : request.resource.resource,
    namespace: request.namespace,
    name: request.name,
    user: request.userInfo.username,
    dryRun: request.dryRun === true ? true : undefined,
    decision,
  };
}

/** Turns a validation decision into the AdmissionReview the API server reads. */
export function validationResponse(request: AdmissionRequest, decision: AdmissionDecision): ReviewOutcome {
  const response: AdmissionResponse = { uid: request.uid, allowed: decision.allowed };
  if (!decision.allowed) response.status = { code: 403, reason: 'Forbidden', message: decision.message ?? 'denied by the policy' };
  if (decision.warnings.length > 0) response.warnings = decision.warnings;
  if (decision.audited.length > 0) {
    const text = decision.audited.map(findingSummary).join(', ');
    response.auditAnnotations = { 'audit-findings': text.length > MAX_AUDIT_VALUE ? `${text.slice(0, MAX_AUDIT_VALUE - 1)}…` : text };
  }
  const verdict: Verdict = decision.skipped !== undefined ? 'skipped' : decision.allowed ? 'allowed' : 'denied';
  const log = requestFields(request, 'validate', verdict);
  log.object = decision.resource !== undefined ? resourceLabel(decision.resource) : undefined;
  log.skipped = decision.skipped?.detail;
  log.denied = decision.denying.length > 0 ? decision.denying.map(findingSummary) : undefined;
  log.warned = decision.warned.length > 0 ? decision.warned.map(findingSummary) : undefined;
  log.audited = decision.audited.length > 0 ? decision.audited.map((finding) => ({ check: finding.checkId, severity: finding.severity, path: finding.path, container: finding.container, message: finding.message })) : undefined;
  log.excepted = decision.findings.some((finding) => finding.status === 'excepted')
    ? decision.findings.filter((finding) => finding.status === 'excepted').map((finding) => `${findingSummary(finding)} (${finding.exception})`)
    : undefined;
  return { review: admissionReviewResponse(response), verdict, log };
}

/** Turns a mutation decision into the AdmissionReview with its JSON Patch. */
export function mutationResponse(request: AdmissionRequest, decision: MutationDecision): ReviewOutcome {
  const response: AdmissionResponse = { uid: request.uid, allowed: true };
  if (decision.patch.length > 0) {
    response.patchType = 'JSONPatch';
    response.patch = Buffer.from(JSON.stringify(decision.patch)).toString('base64');
  }
  const verdict: Verdict = decision.skipped !== undefined ? 'skipped' : decision.patch.length > 0 ? 'patched' : 'unchanged';
  const log = requestFields(request, 'mutate', verdict);
  log.object = decision.resource !== undefined ? resourceLabel(decision.resource) : undefined;
  log.skipped = decision.skipped?.detail;
  log.patched = decision.patch.length > 0 ? decision.patch.map((operation) => operation.path) : undefined;
  return { review: admissionReviewResponse(response), verdict, log };
}

/**
 * Decides a request at one endpoint; `body`, the request as received, keys the decision cache.
 * Throws when the engine cannot decide; see {@link failureResponse}.
 */
export function reviewRequest(engine: AdmissionEngine, endpoint: Endpoint, request: AdmissionRequest, body?: Buffer): ReviewOutcome {
  return endpoint === 'validate' ? validationResponse(request, engine.validate(request, body)) : mutationResponse(request, engine.mutate(request));
}

/** The answer when a request could not be decided: denied (`closed`) or allowed with a warning (`open`). */
export function failureResponse(request: AdmissionRequest, endpoint: Endpoint, mode: FailureMode, error: unknown): ReviewOutcome {
  const cause = error instanceof Error ? error.message : String(error);
  const what = `bulwark could not evaluate this request (uid ${request.uid}); the server log has the cause`;
  const response: AdmissionResponse = { uid: request.uid, allowed: mode === 'open' };
  if (mode === 'closed') response.status = { code: 500, reason: 'InternalError', message: `${what}. Denied because the server fails closed.` };
  else if (endpoint === 'validate') response.warnings = [`${what}. Allowed because the server fails open.`];
  const log = requestFields(request, endpoint, 'error');
  log.failureMode = mode;
  log.allowed = mode === 'open';
  log.cause = cause;
  return { review: admissionReviewResponse(response), verdict: 'error', log };
}
