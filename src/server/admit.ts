import { createColors } from 'picocolors';
import { resourceLabel } from '../report/format.js';
import { InvalidReviewError, parseAdmissionReview, type AdmissionRequest } from './admission-review.js';
import { EvaluationError, type AdmissionDecision, type AdmissionEngine, type MutationDecision } from './engine.js';
import { where } from './message.js';
import { mutationResponse, validationResponse, type Endpoint, type ReviewOutcome } from './review.js';

/** The decision on an AdmissionReview read from a file, as the server would answer it. */
export interface OfflineAdmission {
  request: AdmissionRequest;
  endpoint: Endpoint;
  outcome: ReviewOutcome;
  validation?: AdmissionDecision;
  mutation?: MutationDecision;
}

/**
 * Decides an AdmissionReview given as text (`bulwark admit`), exactly as `POST /validate` or
 * `POST /mutate` would. Throws {@link InvalidReviewError} for a body the server would answer
 * with 400, and {@link EvaluationError} when a check fails on the object.
 */
export function admitOffline(engine: AdmissionEngine, text: string, endpoint: Endpoint = 'validate'): OfflineAdmission {
  const request = parseAdmissionReview(text);
  if (endpoint === 'validate') {
    const validation = engine.validate(request);
    return { request, endpoint, outcome: validationResponse(request, validation), validation };
  }
  const mutation = engine.mutate(request);
  return { request, endpoint, outcome: mutationResponse(request, mutation), mutation };
}

/** The decision as text: the verdict, each violation with its fix, the warnings, the patch. */
export function renderAdmission(admission: OfflineAdmission, remediationOf: (checkId: string) => string | undefined, color: boolean): string {
  const colors = createColors(color);
  const { request, outcome } = admission;
  const response = outcome.review.response;
  const subject = admission.validation?.resource ?? admission.mutation?.resource;
  const what = `${subject !== undefined ? resourceLabel(subject) : `${request.kind.kind} ${request.namespace !== undefined ? `${request.namespace}/` : ''}${request.name ?? ''}`} (${request.operation}${request.subResource !== undefined ? ` ${request.subResource}` : ''}, uid ${request.uid})`;
  const out: string[] = [];
  const verdict = response.allowed ? colors.green(colors.bold('ALLOWED')) : colors.red(colors.bold('DENIED'));
  out.push(`${verdict}  ${what}`);
  const skipped = admission.validation?.skipped ?? admission.mutation?.skipped;
  if (skipped !== undefined) out.push(`  not checked: ${skipped.detail}`);
  for (const finding of admission.validation?.denying ?? []) {
    out.push(`  ${colors.red(finding.severity.padEnd(8))} ${colors.bold(finding.checkId)}  ${where(finding)}`);
    out.push(`           ${finding.message}`);
    const remediation = remediationOf(finding.checkId);
    if (remediation) out.push(`           ${colors.dim(`Fix: ${remediation}`)}`);
  }
  if (response.warnings !== undefined && response.warnings.length > 0) {
    out.push(`  ${colors.yellow('warnings')} (shown by kubectl as "Warning: …"):`);
    for (const warning of response.warnings) out.push(`    ${warning}`);
  }
  const audited = admission.validation?.audited ?? [];
  if (audited.length > 0) out.push(`  audit mode, recorded only: ${audited.map((finding) => `${finding.checkId} at ${finding.path}`).join(', ')}`);
  const excepted = (admission.validation?.findings ?? []).filter((finding) => finding.status === 'excepted');
  if (excepted.length > 0) out.push(`  excepted: ${excepted.map((finding) => `${finding.checkId} (${finding.exception === 'inline' ? `bulwark.io/ignore: ${finding.inlineReason ?? ''}` : `exception ${finding.exception}`})`).join(', ')}`);
  if (admission.mutation !== undefined && admission.mutation.patch.length > 0) {
    out.push('  JSON Patch:');
    for (const operation of admission.mutation.patch) out.push(`    ${operation.op} ${operation.path} ${JSON.stringify(operation.value)}`);
  }
  return `${out.join('\n')}\n`;
}

export { EvaluationError, InvalidReviewError };
