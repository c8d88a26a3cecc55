export { PSS_CHECKS, pssControlId, evaluatePod, podViewOf, parsePssVersion, formatPssVersion, isPssLevel, type PssPolicy, type PssViolation, type PssEvaluation } from './evaluate.js';
export { LATEST_MINOR, PSS_LEVELS, type PssLevel, type PodView, type PssCheck } from './types.js';
export { checkPodSecurity, PSS_RESULT_SCHEMA_VERSION, type PssRun, type PssRunOptions, type PssResourceResult, type PssModeResult, type PssViolationReport } from './report.js';
export { namespacePolicy, PSA_MODES, type PsaMode, type NamespacePolicy, type ModePolicy } from './namespaces.js';
export { renderPss, renderPssJson, renderPssText } from './render.js';
