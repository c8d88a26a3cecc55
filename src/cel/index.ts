/**
 * CEL engine for Bulwark: custom rules in CEL and offline ValidatingAdmissionPolicy evaluation.
 * See src/cel/README.md for the supported language, libraries and known deviations.
 */
export {
  createCelEnvironment,
  CelEnvironment,
  CelProgram,
  CelActivation,
  CelVariableSet,
  VAP_VARIABLES,
  type CelEnvironmentOptions,
  type CelVariableDeclaration,
  type CelNamedExpression,
  type CelCompileOptions,
  type CelEvaluateOptions,
  type CelInput,
  type CelResult,
} from './environment.js';
export { CelCompileError, CelEvaluationError, type CelIssue, type CelLocation, type CelEvaluationErrorKind } from './errors.js';
export type { CelLibraryName } from './libraries.js';
export type { CelAuthorizer, CelAuthorizationCheck, CelAuthorizationDecision } from './lib/authz.js';
export {
  celEquals,
  celToJson,
  toCelValue,
  displayValue,
  typeOf,
  kindOf,
  CelMap,
  CelUint,
  CelType,
  CelTimestamp,
  CelDuration,
  CelOptional,
  CelObject,
  type Value as CelValue,
} from './values.js';
