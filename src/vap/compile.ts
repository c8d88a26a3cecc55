/**
 * Compiles the CEL of a policy the way the admission plugin does: variables in order, each
 * expression in the environment its field gets (validations and match conditions see
 * `authorizer`, message expressions do not; `params` only with a `paramKind`), and the result
 * type checked exactly (a validation must be statically `bool`, not `dyn`). A failure is kept
 * with the expression and becomes an error when the policy is evaluated, as in the API server.
 */
import { createCelEnvironment, type CelCompileError, type CelEnvironment, type CelProgram, type CelVariableSet, type CelNamedExpression } from '../cel/index.js';
import type { Path } from '../yaml/path.js';
import { CEL_IDENTIFIER, type AuditAnnotationDefinition, type PolicyDefinition, type ValidationDefinition } from './parse.js';
import type { VapProblem } from './types.js';

/** Per-evaluation limits; the defaults are the API server's. */
export interface VapCompileOptions {
  /** Cost limit of one expression (Kubernetes' `PerCallLimit`). Default 1,000,000. */
  costLimit?: number;
  /** Wall-clock limit of one expression in milliseconds. Default 1000. */
  timeLimitMs?: number;
}

/** An expression and its program, or why it has none (in the API server's words). */
export interface CompiledExpression {
  expression: string;
  /** Where the expression is inside the policy. */
  path: Path;
  program?: CelProgram;
  /** `compilation failed: ERROR: <input>:1:5: …` or `must evaluate to bool but got dyn`. */
  error?: string;
}

export interface CompiledValidation extends CompiledExpression {
  definition: ValidationDefinition;
  messageExpression?: CompiledExpression;
}

export interface CompiledAuditAnnotation extends CompiledExpression {
  definition: AuditAnnotationDefinition;
}

export interface CompiledMatchCondition extends CompiledExpression {
  name: string;
}

export interface CompiledPolicy {
  definition: PolicyDefinition;
  /** Environment of validations, match conditions, variables and audit annotations. */
  environment: CelEnvironment;
  /** Environment of message expressions: no `authorizer`. */
  messageEnvironment: CelEnvironment;
  variables: CelVariableSet;
  /** Cost limit of one expression. */
  costLimit: number;
  /** Variables that did not compile, by name, with the error a reference to them reports. */
  failedVariables: ReadonlyMap<string, string>;
  matchConditions: CompiledMatchCondition[];
  validations: CompiledValidation[];
  auditAnnotations: CompiledAuditAnnotation[];
}

/**
 * A variable that failed to compile is still defined, so that expressions referring to it
 * compile and fail when they use it, as in Kubernetes. Its stand-in fails with this key,
 * which evaluation recognises and replaces with the compile error.
 */
export const UNCOMPILED_VARIABLE_MARKER = '__bulwark_variable_failed_to_compile__';
const UNCOMPILED_VARIABLE = `dyn({'k': 1})['${UNCOMPILED_VARIABLE_MARKER}']`;

const BASE_VARIABLES = ['object', 'oldObject', 'request', 'namespaceObject'];
const AUTHORIZER_VARIABLES = ['authorizer', 'authorizer.requestResource'];

/** The four environments a policy may need, created once and shared by every policy. */
export class VapEnvironments {
  private readonly cache = new Map<string, CelEnvironment>();
  /** Cost limit of one expression. */
  readonly costLimit: number;

  constructor(private readonly options: VapCompileOptions = {}) {
    this.costLimit = options.costLimit ?? 1_000_000;
  }

  get(hasParams: boolean, hasAuthorizer: boolean): CelEnvironment {
    const key = `${hasParams}/${hasAuthorizer}`;
    let environment = this.cache.get(key);
    if (environment === undefined) {
      const variables = [...BASE_VARIABLES, ...(hasParams ? ['params'] : []), ...(hasAuthorizer ? AUTHORIZER_VARIABLES : [])];
      environment = createCelEnvironment({
        variables,
        costLimit: this.costLimit,
        ...(this.options.timeLimitMs !== undefined ? { timeLimitMs: this.options.timeLimitMs } : {}),
      });
      this.cache.set(key, environment);
    }
    return environment;
  }
}

/** cel-go's rendering of compile issues: `ERROR: <input>:line:column: message`, the source line, a caret. */
function celGoIssues(error: CelCompileError): string {
  const lines = error.expression.split('\n');
  return error.issues
    .map((issue) => `ERROR: <input>:${issue.line}:${issue.column}: ${issue.message}\n | ${lines[issue.line - 1] ?? ''}\n | ${'.'.repeat(Math.max(issue.column - 1, 0))}^`)
    .join('\n');
}

type Failure = { error: string; compileError?: CelCompileError };
type Outcome = { program: CelProgram } | Failure;

/** `resultTypes` undefined: any type (variables). */
function compileOne(environment: CelEnvironment, expression: string, variables: CelVariableSet, resultTypes: readonly string[] | undefined): Outcome {
  const compiled = environment.tryCompile(expression, { variables });
  if (!compiled.ok) return { error: `compilation failed: ${celGoIssues(compiled.error)}`, compileError: compiled.error };
  const type = compiled.program.resultType;
  if (resultTypes !== undefined && !resultTypes.includes(type)) {
    const wanted = resultTypes.length === 1 ? `must evaluate to ${resultTypes[0]}` : `must evaluate to one of [${resultTypes.join(' ')}]`;
    return { error: `${wanted} but got ${type}` };
  }
  return { program: compiled.program };
}

/** Compiles one policy; every expression that fails is reported as a problem at its path. */
export function compilePolicy(definition: PolicyDefinition, environments: VapEnvironments, problems: VapProblem[]): CompiledPolicy {
  const hasParams = definition.paramKind !== undefined;
  const environment = environments.get(hasParams, true);
  const messageEnvironment = environments.get(hasParams, false);
  const report = (path: Path, outcome: Failure) => {
    const first = outcome.compileError?.issues[0];
    const message = outcome.compileError !== undefined ? `compilation failed: ${outcome.compileError.issues.map((issue) => `ERROR: <input>:${issue.line}:${issue.column}: ${issue.message}`).join('; ')}` : outcome.error;
    problems.push({
      resource: definition.resource,
      path,
      severity: 'error',
      code: 'invalid-expression',
      message,
      ...(first !== undefined ? { expressionLocation: { line: first.line, column: first.column } } : {}),
    });
  };
  const compile = (expression: string, path: Path, variables: CelVariableSet, resultTypes: readonly string[] | undefined, env = environment): CompiledExpression => {
    // Blank expressions were already reported as missing.
    if (expression.trim() === '') return { expression, path, error: 'compilation failed: expression is empty' };
    const outcome = compileOne(env, expression, variables, resultTypes);
    if ('program' in outcome) return { expression, path, program: outcome.program };
    report(path, outcome);
    return { expression, path, error: outcome.error };
  };

  // Variables in order: each sees the ones before it. A failed or unusable one gets a stand-in.
  const definitions: CelNamedExpression[] = [];
  const failedVariables = new Map<string, string>();
  let variables = environment.compileVariables([]);
  definition.variables.forEach((variable, index) => {
    if (!CEL_IDENTIFIER.test(variable.name) || definitions.some((d) => d.name === variable.name)) return; // reported by the parser
    const compiled = compile(variable.expression, ['spec', 'variables', index, 'expression'], variables, undefined);
    if (compiled.program !== undefined) definitions.push({ name: variable.name, expression: variable.expression });
    else {
      failedVariables.set(variable.name, compiled.error ?? 'compilation failed');
      definitions.push({ name: variable.name, expression: UNCOMPILED_VARIABLE });
    }
    variables = environment.compileVariables(definitions);
  });

  return {
    definition,
    environment,
    messageEnvironment,
    variables,
    costLimit: environments.costLimit,
    failedVariables,
    matchConditions: definition.matchConditions.map((condition, index) => ({
      name: condition.name,
      ...compile(condition.expression, ['spec', 'matchConditions', index, 'expression'], variables, ['bool']),
    })),
    validations: definition.validations.map((validation, index) => {
      const compiled: CompiledValidation = { definition: validation, ...compile(validation.expression, ['spec', 'validations', index, 'expression'], variables, ['bool']) };
      if (validation.messageExpression !== undefined && validation.messageExpression.trim() !== '') {
        compiled.messageExpression = compile(validation.messageExpression, ['spec', 'validations', index, 'messageExpression'], variables, ['string'], messageEnvironment);
      }
      return compiled;
    }),
    auditAnnotations: definition.auditAnnotations.map((annotation, index) => ({
      definition: annotation,
      ...compile(annotation.valueExpression, ['spec', 'auditAnnotations', index, 'valueExpression'], variables, ['string', 'null_type']),
    })),
  };
}

