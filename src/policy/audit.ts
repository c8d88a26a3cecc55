import { exceptionState, type ExceptionStatus } from './exceptions.js';
import type { LoadedPolicy } from './types.js';

/** Every exception's state, with how many findings each covered when a scan was run. */
export function auditExceptions(policy: LoadedPolicy, now: Date, used?: readonly ExceptionStatus[]): Array<ExceptionStatus & { unused?: boolean }> {
  return policy.config.exceptions.map((exception) => {
    const counted = used?.find((status) => status.id === exception.id);
    const status: ExceptionStatus & { unused?: boolean } = { id: exception.id, owner: exception.owner, reason: exception.reason, state: exceptionState(exception, now), used: counted?.used ?? 0 };
    if (exception.ticket !== undefined) status.ticket = exception.ticket;
    if (exception.expires !== undefined) status.expires = exception.expires;
    if (used !== undefined && status.state !== 'expired') status.unused = status.used === 0;
    return status;
  });
}

export function renderAudit(statuses: ReadonlyArray<ExceptionStatus & { unused?: boolean }>, scanned: boolean): string {
  if (statuses.length === 0) return 'The policy has no exceptions.\n';
  const out = statuses.map((status) => {
    const state = status.state === 'expired' ? 'EXPIRED ' : status.state === 'expiring' ? 'expiring' : 'active  ';
    const use = !scanned ? '' : status.unused ? '  UNUSED: covers no finding' : `  covers ${status.used} finding${status.used === 1 ? '' : 's'}`;
    return `${state}  ${status.id}  expires ${status.expires ?? 'never'}  owner ${status.owner}${status.ticket ? `  ticket ${status.ticket}` : ''}${use}\n          ${status.reason}`;
  });
  const expired = statuses.filter((status) => status.state === 'expired').length;
  out.push('', expired > 0 ? `${expired} expired exception${expired === 1 ? '' : 's'}: the findings they covered fail the gate again.` : 'No exception has expired.');
  return `${out.join('\n')}\n`;
}
