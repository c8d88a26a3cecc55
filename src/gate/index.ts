/** Deployment gates: branch, approval and time-window rules per environment of `bulwark.yaml`. */
export { gateProblems, normaliseGate, resolveGate, resolvedGateProblems } from './config.js';
export { evaluateGate } from './evaluate.js';
export { GATE_RESULT_SCHEMA_VERSION, gateReport, renderGateJson, renderGateText, type GateReport, type GateSource } from './render.js';
export { GATE_SCHEMA } from './schema.js';
export { parseInstant } from './time-text.js';
export type { GateConfig, GateDecision, GateField, GateProblem, GateReason, GateRequest, GateRule, GateWindow } from './types.js';
export { describeWindow, windowContains, windowTimeZone } from './windows.js';
export { isTimeZone, WEEKDAYS, type Weekday } from './zone.js';
