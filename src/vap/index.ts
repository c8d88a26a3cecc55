/**
 * Offline ValidatingAdmissionPolicy evaluation: policies and bindings read from manifests,
 * matched and evaluated against resources with the result (and the messages) the API server
 * would give for a CREATE of each, or against an explicit admission request.
 * See src/vap/README.md.
 */
export * from './types.js';
export { compileAdmissionPolicies, admitRequest, evaluateAdmissionPolicies, formatDenial, formatWarning, type CompiledAdmissionPolicies, type VapScanOptions } from './admission.js';
export type { VapCompileOptions, CompiledPolicy } from './compile.js';
export { parseAdmissionPolicies, isPolicyResource, isBindingResource, type PolicyDefinition, type BindingDefinition, type MatchResources, type ResourceRule } from './parse.js';
export { ResourceCatalog, guessResource, parseApiVersion, type KindInfo, type GroupVersion } from './resources.js';
export { admissionVariables, clusterFromResources, createRequestFor, storedObjectView, DEFAULT_USER } from './request.js';
export { parseFieldPath } from '../yaml/field-path.js';
export { parseLabelSelector, selectorMatches } from './selector.js';
export { ADMISSION_CHECK_PREFIX, admissionPolicyCheckId, vapFindingReports, vapProblemDiagnostics, positionOf, type VapFindingReport } from './findings.js';
