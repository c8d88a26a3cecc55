import { BulwarkError } from '../errors/index.js';
import { globMatches } from '../policy/match.js';
import { formatPath } from '../yaml/path.js';
import { gateFieldPath, resolvedGateProblems } from './config.js';
import type { GateConfig, GateDecision, GateReason, GateRequest, GateWindow } from './types.js';
import { describeWindow, windowContains, windowTimeZone } from './windows.js';
import { formatZoned, zonedTime } from './zone.js';

/** `refs/heads/main` is the branch `main`: CI systems hand over either form. */
function branchName(branch: string): string {
  return branch.startsWith('refs/heads/') ? branch.slice('refs/heads/'.length) : branch;
}

function branchReason(gate: GateConfig, request: GateRequest): GateReason | undefined {
  const patterns = gate.branches ?? [];
  if (patterns.length === 0) return undefined;
  const path = gateFieldPath(gate, 'branches');
  const allowedList = patterns.join(', ');
  if (request.branch === undefined || request.branch === '') {
    return { rule: 'branch', allowed: false, message: `the request names no branch, and ${request.environment} accepts deployments only from ${allowedList}`, path };
  }
  const branch = branchName(request.branch);
  const index = patterns.findIndex((pattern) => globMatches(pattern, branch));
  if (index === -1) return { rule: 'branch', allowed: false, message: `branch "${branch}" may not deploy to ${request.environment}: only ${allowedList} may`, path };
  return { rule: 'branch', allowed: true, message: `branch "${branch}" may deploy to ${request.environment} (matches "${patterns[index]}")`, path: [...path, index] };
}

function approvalReason(gate: GateConfig, request: GateRequest): GateReason | undefined {
  if (gate.requireApproval !== true) return undefined;
  const path = gateFieldPath(gate, 'requireApproval');
  return request.approved
    ? { rule: 'approval', allowed: true, message: 'the deployment is approved', path }
    : { rule: 'approval', allowed: false, message: `${request.environment} requires an approved deployment, and this one is not marked approved`, path };
}

function windowsContaining(gate: GateConfig, windows: readonly GateWindow[], instant: number): number[] {
  return windows.flatMap((window, index) => (windowContains(window, instant, windowTimeZone(window, gate)) ? [index] : []));
}

const names = (windows: readonly GateWindow[]) => windows.map((window) => `"${window.name}"`).join(', ');

function blackoutReasons(gate: GateConfig, instant: number): GateReason[] {
  const windows = gate.blackouts ?? [];
  if (windows.length === 0) return [];
  const path = gateFieldPath(gate, 'blackouts');
  const inside = windowsContaining(gate, windows, instant);
  if (inside.length === 0) return [{ rule: 'blackout', allowed: true, message: `outside every blackout window (${names(windows)})`, path }];
  return inside.map((index) => {
    const window = windows[index] as GateWindow;
    return { rule: 'blackout', allowed: false, message: `inside blackout window "${window.name}" (${describeWindow(window, windowTimeZone(window, gate))})`, window: window.name, path: [...path, index] };
  });
}

function maintenanceReason(gate: GateConfig, request: GateRequest, instant: number): GateReason | undefined {
  const windows = gate.maintenance ?? [];
  if (windows.length === 0) return undefined;
  const path = gateFieldPath(gate, 'maintenance');
  const index = windowsContaining(gate, windows, instant)[0];
  if (index === undefined) {
    return { rule: 'maintenance', allowed: false, message: `outside every maintenance window (${names(windows)}): ${request.environment} accepts deployments only inside one`, path };
  }
  const window = windows[index] as GateWindow;
  return { rule: 'maintenance', allowed: true, message: `inside maintenance window "${window.name}" (${describeWindow(window, windowTimeZone(window, gate))})`, window: window.name, path: [...path, index] };
}

/**
 * Decides whether a deployment may go ahead under an environment's gate (from `resolveGate`).
 * Every rule is evaluated, so the result lists every reason to deny, not only the first; the
 * request is allowed when all of them allow it. No gate, or a gate with no rules, allows
 * everything. Throws a configuration error for a gate with problems: a gate it cannot read
 * must not let a deployment through.
 */
export function evaluateGate(gate: GateConfig | undefined, request: GateRequest): GateDecision {
  const instant = request.time.getTime();
  if (Number.isNaN(instant)) throw new BulwarkError('BULWARK_E_USAGE', 'the time of the deployment request is not a valid date');
  const rules = gate ?? { paths: {} };
  const problems = resolvedGateProblems(rules);
  if (problems.length > 0) {
    const lines = problems.map((problem) => `  ${formatPath(problem.path)}: ${problem.message} [${problem.code}]`);
    throw new BulwarkError('BULWARK_E_CONFIG', `the gate of ${request.environment} is not valid:\n${lines.join('\n')}`, 'See docs/guides/deployment-gates.md.');
  }
  const reasons = [branchReason(rules, request), approvalReason(rules, request), ...blackoutReasons(rules, instant), maintenanceReason(rules, request, instant)].filter(
    (reason): reason is GateReason => reason !== undefined,
  );
  const timeZone = rules.timeZone ?? 'UTC';
  const local = zonedTime(instant, timeZone);
  return {
    environment: request.environment,
    allowed: reasons.every((reason) => reason.allowed),
    reasons,
    evaluatedAt: request.time.toISOString(),
    localTime: { timeZone, dateTime: formatZoned(local), weekday: local.weekday },
  };
}
