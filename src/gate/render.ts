import { createColors } from 'picocolors';
import { formatPath, type Path } from '../yaml/path.js';
import type { GateDecision, GateRequest, GateRule } from './types.js';

/** Version of the JSON result (`docs/schemas/gate-result.schema.json`). */
export const GATE_RESULT_SCHEMA_VERSION = '1.0.0';

/** Where the policy came from, to point each reason at its line. */
export interface GateSource {
  file: string;
  /** Line of a path in the policy file, when it can be found. */
  lineOf: (path: Path) => number | undefined;
}

/** The `bulwark gate --format json` document. */
export interface GateReport {
  schemaVersion: string;
  policy?: string;
  environment: string;
  allowed: boolean;
  request: { branch?: string; time: string; approved: boolean };
  evaluatedAt: string;
  localTime: GateDecision['localTime'];
  reasons: Array<{ rule: GateRule; allowed: boolean; message: string; window?: string; path: string; line?: number }>;
}

/** The decision as a plain document: paths written the way people read them, with their lines. */
export function gateReport(decision: GateDecision, request: GateRequest, source?: GateSource): GateReport {
  return {
    schemaVersion: GATE_RESULT_SCHEMA_VERSION,
    ...(source !== undefined ? { policy: source.file } : {}),
    environment: decision.environment,
    allowed: decision.allowed,
    request: { ...(request.branch !== undefined ? { branch: request.branch } : {}), time: request.time.toISOString(), approved: request.approved },
    evaluatedAt: decision.evaluatedAt,
    localTime: decision.localTime,
    reasons: decision.reasons.map((reason) => {
      const line = source?.lineOf(reason.path);
      return {
        rule: reason.rule,
        allowed: reason.allowed,
        message: reason.message,
        ...(reason.window !== undefined ? { window: reason.window } : {}),
        path: formatPath(reason.path),
        ...(line !== undefined ? { line } : {}),
      };
    }),
  };
}

export function renderGateJson(report: GateReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** The decision for people: the verdict, the time on both clocks, then each rule with where it is written. */
export function renderGateText(report: GateReport, color: boolean): string {
  const colors = createColors(color);
  const denied = report.reasons.filter((reason) => !reason.allowed).length;
  const verdict = report.allowed ? colors.green('ALLOWED') : colors.red('DENIED');
  const count = report.reasons.length === 0 ? 'no gate rules apply' : denied === 0 ? `all ${report.reasons.length} rules allow it` : `${denied} of ${report.reasons.length} rules deny it`;
  const out = [
    `${verdict} deployment to ${colors.bold(report.environment)}: ${count}`,
    `  at ${report.evaluatedAt}, ${report.localTime.weekday} ${report.localTime.dateTime} in ${report.localTime.timeZone}`,
  ];
  for (const reason of report.reasons) {
    const mark = reason.allowed ? colors.green('allow') : colors.red('deny ');
    out.push(`  ${mark}  ${reason.rule.padEnd(11)}  ${reason.message}`);
    const where = report.policy === undefined ? reason.path : `${report.policy}${reason.line !== undefined ? `:${reason.line}` : ''}  ${reason.path}`;
    out.push(colors.dim(`                      ${where}`));
  }
  return `${out.join('\n')}\n`;
}
