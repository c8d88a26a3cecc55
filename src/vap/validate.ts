/**
 * Evaluates one compiled policy for one (request, binding, param) — the admission plugin's
 * `Validate`: match conditions first, then every validation (with its message), then audit
 * annotations, with failurePolicy deciding what an error does and the API server's messages.
 */
import { kindOf, type CelActivation, type CelResult, type CelValue } from '../cel/index.js';
import type { Path } from '../yaml/path.js';
import { UNCOMPILED_VARIABLE_MARKER, type CompiledExpression, type CompiledPolicy } from './compile.js';

/** Total cost one group of expressions (the validations, their messages) may spend: `RuntimeCELCostBudget`. */
const RUNTIME_COST_BUDGET = 10_000_000;
/** Longest message a messageExpression may produce (`MaxEvaluatedMessageExpressionSizeBytes`). */
const MAX_MESSAGE_BYTES = 5 * 1024;
const OUT_OF_BUDGET = 'validation failed due to running out of cost budget, no further validation rules will be run';

/** The values of the CEL variables for one evaluation, as plain data. */
export interface PolicyInput {
  object: unknown;
  oldObject: unknown;
  request: Record<string, unknown>;
  namespaceObject: unknown;
  params: unknown;
}

/** A decision before the binding's validationActions are applied (`PolicyDecision`). */
export interface PolicyDecision {
  action: 'admit' | 'deny';
  evaluation: 'admit' | 'deny' | 'error';
  message: string;
  /** Set for denials by a validation: its reason, `Invalid` by default. */
  reason?: string;
  /** Position of the decision in the result, the `expressionIndex` of audit records. */
  index: number;
  validationIndex?: number;
  expression?: string;
  fieldPath?: Path;
  policyPath: Path;
}

export interface AuditAnnotationResult {
  action: 'publish' | 'exclude' | 'error';
  key: string;
  value?: string;
  error?: string;
  /** Set when failurePolicy Ignore turned an error into `exclude`. */
  ignoredError?: string;
  path: Path;
}

export interface ValidateResult {
  /** False when a match condition was false: the policy does not apply to the request. */
  applies: boolean;
  decisions: PolicyDecision[];
  auditAnnotations: AuditAnnotationResult[];
}

/**
 * Rewrites a variable failure the way Kubernetes reports it: the engine's `variables.x: …`
 * becomes `composited variable "x" fails to evaluate: …`, and the stand-in of a variable that
 * did not compile becomes `composited variable "x" fails to compile: …`.
 */
function kubernetesDetail(detail: string, failedVariables: ReadonlyMap<string, string>): string {
  // Offline there is no authorizer; say so in terms of the product rather than the engine.
  if (detail.startsWith('no authorizer is available')) return 'no authorizer is available offline: authorization checks (authorizer.*) cannot be evaluated without a cluster';
  let prefix = '';
  let rest = detail;
  for (let match = /^variables\.([_a-zA-Z][_a-zA-Z0-9]*): /.exec(rest); match !== null; match = /^variables\.([_a-zA-Z][_a-zA-Z0-9]*): /.exec(rest)) {
    const name = match[1] as string;
    rest = rest.slice(match[0].length);
    const compileError = failedVariables.get(name);
    if (compileError !== undefined && rest.includes(UNCOMPILED_VARIABLE_MARKER)) return `${prefix}composited variable "${name}" fails to compile: ${compileError}`;
    prefix += `composited variable "${name}" fails to evaluate: `;
  }
  return prefix + rest;
}

/** The error text of an expression, as the admission plugin's evaluation reports it. */
function evaluationError(policy: CompiledPolicy, compiled: CompiledExpression, result: CelResult & { ok: false }): string {
  const error = result.error;
  const detail =
    error.kind === 'cost' ? 'operation cancelled: actual cost limit exceeded' : error.kind === 'timeout' ? 'operation interrupted' : kubernetesDetail(error.detail, policy.failedVariables);
  return `expression '${compiled.expression}' resulted in error: ${detail}`;
}

/** Go's `utilerrors.NewAggregate(errs).Error()`: one message as is, several de-duplicated in brackets. */
function aggregate(messages: readonly string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? (unique[0] as string) : `[${unique.join(', ')}]`;
}

type Evaluated = { ok: true; value: CelValue } | { ok: false; message: string; outOfBudget: boolean };

/** Evaluates within what is left of a group budget; compile errors come back as the API server words them. */
function evaluate(policy: CompiledPolicy, compiled: CompiledExpression, activation: CelActivation, budget: { remaining: number } | undefined): Evaluated {
  if (compiled.program === undefined) return { ok: false, message: `compilation error: ${compiled.error ?? 'compilation failed'}`, outOfBudget: false };
  const limit = budget === undefined ? policy.costLimit : Math.min(policy.costLimit, budget.remaining);
  const result = compiled.program.evaluate(activation, { costLimit: limit });
  if (budget !== undefined) {
    if (!result.ok && result.error.kind === 'cost' && limit < policy.costLimit) return { ok: false, message: OUT_OF_BUDGET, outOfBudget: true };
    budget.remaining -= result.cost;
  }
  return result.ok ? { ok: true, value: result.value } : { ok: false, message: evaluationError(policy, compiled, result), outOfBudget: false };
}

/** Evaluates a policy for one request and param. */
export function validatePolicy(policy: CompiledPolicy, input: PolicyInput): ValidateResult {
  const ignore = policy.definition.failurePolicy === 'Ignore';
  const errorAction = ignore ? 'admit' : 'deny';
  const hasParams = policy.definition.paramKind !== undefined;
  const data: Record<string, unknown> = { object: input.object, oldObject: input.oldObject, request: input.request, namespaceObject: input.namespaceObject };
  if (hasParams) data.params = input.params;
  // Each group of expressions gets its own activation, so variables are evaluated afresh per group as in Kubernetes.
  const activation = () => policy.environment.activation(data, policy.variables);

  if (policy.matchConditions.length > 0) {
    const conditions = activation();
    const errors: string[] = [];
    let errorPath: Path | undefined;
    for (const condition of policy.matchConditions) {
      const result = evaluate(policy, condition, conditions, undefined);
      if (!result.ok) {
        errors.push(result.message);
        errorPath ??= condition.path;
      } else if (result.value === false) {
        return { applies: false, decisions: [], auditAnnotations: [] }; // any false condition: the policy does not apply
      }
    }
    if (errors.length > 0) {
      return { applies: true, decisions: [{ action: errorAction, evaluation: 'error', message: aggregate(errors), index: 0, policyPath: errorPath as Path }], auditAnnotations: [] };
    }
  }

  const validations = activation();
  const budget = { remaining: RUNTIME_COST_BUDGET };
  const outcomes: Evaluated[] = [];
  for (const validation of policy.validations) {
    const outcome = evaluate(policy, validation, validations, budget);
    if (!outcome.ok && outcome.outOfBudget) {
      return { applies: true, decisions: [{ action: errorAction, evaluation: 'error', message: OUT_OF_BUDGET, index: 0, policyPath: validation.path }], auditAnnotations: [] };
    }
    outcomes.push(outcome);
  }
  // Message expressions run for every validation that has one, on what is left of the budget.
  const messages = policy.messageEnvironment.activation(data, policy.variables);
  let messageBudgetError: string | undefined;
  const messageResults = policy.validations.map((validation) => {
    if (validation.messageExpression === undefined || messageBudgetError !== undefined) return undefined;
    const outcome = evaluate(policy, validation.messageExpression, messages, budget);
    if (!outcome.ok && outcome.outOfBudget) messageBudgetError = `failed messageExpression: ${OUT_OF_BUDGET}`;
    return outcome;
  });

  const decisions: PolicyDecision[] = policy.validations.map((validation, index) => {
    const outcome = outcomes[index] as Evaluated;
    const base = {
      index,
      validationIndex: index,
      expression: validation.expression,
      policyPath: validation.path,
      ...(validation.definition.fieldPath !== undefined ? { fieldPath: validation.definition.fieldPath } : {}),
    };
    if (!outcome.ok) return { ...base, action: errorAction, evaluation: 'error', message: outcome.message };
    if (messageBudgetError !== undefined) return { ...base, action: errorAction, evaluation: 'error', message: messageBudgetError };
    if (outcome.value === true) return { ...base, action: 'admit', evaluation: 'admit', message: '' };
    // Anything but true denies; the message comes from messageExpression, then message, then the expression.
    let message = '';
    const messageResult = messageResults[index];
    if (messageResult?.ok === true && typeof messageResult.value === 'string') {
      message = messageResult.value.trim();
      if (Buffer.byteLength(message, 'utf8') > MAX_MESSAGE_BYTES || message.includes('\n')) message = '';
    }
    if (message === '' && validation.definition.message !== undefined) message = validation.definition.message.trim();
    if (message === '') message = `failed expression: ${validation.expression.trim()}`;
    return { ...base, action: 'deny', evaluation: 'deny', message, reason: validation.definition.reason ?? 'Invalid' };
  });

  const annotations = policy.auditAnnotations.length > 0 ? activation() : undefined;
  const auditAnnotations: AuditAnnotationResult[] = policy.auditAnnotations.map((annotation) => {
    const key = annotation.definition.key;
    const outcome = evaluate(policy, annotation, annotations as CelActivation, undefined);
    const failed = (error: string): AuditAnnotationResult => (ignore ? { action: 'exclude', key, ignoredError: error, path: annotation.path } : { action: 'error', key, error, path: annotation.path });
    if (!outcome.ok) return failed(outcome.message);
    if (outcome.value === null) return { action: 'exclude', key, path: annotation.path };
    if (typeof outcome.value === 'string') {
      const value = outcome.value.trim();
      return value === '' ? { action: 'exclude', key, path: annotation.path } : { action: 'publish', key, value, path: annotation.path };
    }
    // A wrong type is an error whatever the failurePolicy, as in the admission plugin.
    return {
      action: 'error',
      key,
      error: `valueExpression '${annotation.expression}' resulted in unsupported return type: ${kindOf(outcome.value)}. Return type must be either string or null.`,
      path: annotation.path,
    };
  });
  return { applies: true, decisions, auditAnnotations };
}
