export { PSS_CHECKS, evaluatePod, podViewOf, parsePssVersion, formatPssVersion, isPssLevel, checksFor, type PssPolicy, type PssViolation, type PssEvaluation } from './evaluate.js';
export { LATEST_MINOR, PSS_LEVELS, type PssLevel, type PodView, type PssCheck } from './types.js';
