import type { Check } from '../engine/types.js';
import type { RunOutcome } from '../engine/run.js';
import type { Finding } from '../findings/types.js';
import type { Diagnostic } from '../loader/types.js';
import { exceptionCovers, exceptionState, type ExceptionStatus } from './exceptions.js';
import { InlineIgnoreJudge } from './inline.js';
import type { PolicyResolver } from './resolve.js';
import type { FailThreshold, LoadedPolicy } from './types.js';

/** What the policy needs to judge findings: the same inputs `bulwark scan` passes. */
export interface JudgeOptions {
  /** Absent without a policy: then only inline opt-outs are looked at (and refused). */
  resolver: PolicyResolver | undefined;
  /** The run's threshold (the `--fail-on` flag, else the policy's global `failOn`, else `high`). */
  failOn: FailThreshold;
  now: Date;
  cluster?: string | undefined;
  /** Where refused or malformed opt-outs (and expired exceptions, when reported) are told. */
  diagnostics: Diagnostic[];
  /**
   * Whether every expired exception becomes a diagnostic, as in a scan. A server reports them
   * once when the policy loads rather than on every request.
   */
  reportExpired: boolean;
}

/**
 * Applies the policy to a run's findings exactly as `bulwark scan` does: the fail threshold of
 * each resource's levels, the enforcement mode (`warn` and `audit` findings never fail),
 * exceptions (status `excepted` with the exception's id) and `bulwark.io/ignore` opt-outs where
 * a level allows them. Returns each exception's state and use when there is a policy.
 * `bulwark scan`, the webhook and `bulwark admit` all decide through this one function.
 */
export function judgeFindings(
  findings: readonly Finding[],
  outcome: Pick<RunOutcome, 'resourceOf'> & Partial<Pick<RunOutcome, 'owners'>>,
  checksById: ReadonlyMap<string, Check>,
  options: JudgeOptions,
): ExceptionStatus[] | undefined {
  const { resolver, failOn, diagnostics } = options;
  const inline = new InlineIgnoreJudge(resolver, diagnostics);
  // `owners` holds each finding's resource at its position while `findings` are the run's, in its
  // order (judge before sorting): no look-up per finding. Any other list of findings asks `resourceOf`.
  const owners = outcome.owners !== undefined && findings.length === outcome.owners.length ? outcome.owners : undefined;
  const ownerOf = (finding: Finding, position: number) => (owners !== undefined ? owners[position] : outcome.resourceOf(finding));
  if (resolver === undefined) {
    for (let position = 0; position < findings.length; position++) {
      const finding = findings[position] as Finding;
      const resource = ownerOf(finding, position);
      const check = checksById.get(finding.checkId);
      if (resource !== undefined && check !== undefined) inline.apply(finding, check, resource);
    }
    return undefined;
  }
  const policy: LoadedPolicy = resolver.policy;
  const states = policy.config.exceptions.map((exception) => ({ exception, state: exceptionState(exception, options.now), used: 0 }));
  for (let position = 0; position < findings.length; position++) {
    const finding = findings[position] as Finding;
    const resource = ownerOf(finding, position);
    const check = checksById.get(finding.checkId);
    if (resource === undefined || check === undefined) continue;
    const threshold = resolver.failOn(resource, failOn).failOn;
    if (threshold !== failOn) finding.failOn = threshold;
    const mode = resolver.effective(check, resource).mode;
    if (mode === 'warn' || mode === 'audit') finding.mode = mode;
    const levels = resolver.levelsFor(resource);
    const covering = states.find((entry) => entry.state !== 'expired' && exceptionCovers(entry.exception, finding, resource, levels, options.cluster));
    if (covering !== undefined) {
      finding.status = 'excepted';
      finding.exception = covering.exception.id;
      covering.used++;
    } else inline.apply(finding, check, resource);
  }
  return states.map(({ exception, state, used }) => {
    const status: ExceptionStatus = { id: exception.id, owner: exception.owner, reason: exception.reason, state, used };
    if (exception.ticket !== undefined) status.ticket = exception.ticket;
    if (exception.expires !== undefined) status.expires = exception.expires;
    if (state === 'expired' && options.reportExpired) diagnostics.push(expiredDiagnostic(status, policy.file));
    return status;
  });
}

/** The diagnostic a scan gives for an expired exception. */
export function expiredDiagnostic(status: ExceptionStatus, file: string): Diagnostic {
  return { severity: 'warning', code: 'exception-expired', message: `exception ${status.id} (owner ${status.owner}) expired on ${status.expires}: the findings it covered fail again`, file };
}
