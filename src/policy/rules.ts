import { CelCompileError, createCelEnvironment, type CelEnvironment, type CelProgram, type CelVariableSet } from '../cel/index.js';
import type { CheckOption, ResourceCheck, ResourceContext } from '../engine/types.js';
import { isStringList, type Resource } from '../model/resource.js';
import { admissionVariables, createRequestFor, DEFAULT_USER, ResourceCatalog } from '../vap/index.js';
import { parseFieldPath } from '../yaml/field-path.js';
import type { Path } from '../yaml/path.js';
import type { CustomRule } from './types.js';

/** A problem in a custom rule, at a path of `bulwark.yaml`. */
export interface RuleProblem {
  path: Path;
  code: string;
  message: string;
}

interface CompiledValidation {
  program: CelProgram;
  message: string;
  messageProgram?: CelProgram;
  fieldPath: Path;
}

interface CompiledRule {
  matchConditions: Array<{ name: string; program: CelProgram }>;
  validations: CompiledValidation[];
  variables: CelVariableSet | undefined;
}

/** Built-in kinds and their plural resource names, for `request.resource`. */
const CATALOG = new ResourceCatalog();

/** One environment for every rule of every policy: compiling is the costly part, not the environment. */
let environment: CelEnvironment | undefined;

function celEnvironment(): CelEnvironment {
  environment ??= createCelEnvironment();
  return environment;
}

function optionType(value: unknown): CheckOption['type'] | undefined {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  if (isStringList(value)) return 'string[]';
  return undefined;
}

function compileOne(env: CelEnvironment, expression: string, resultType: 'bool' | 'string', variables: CelVariableSet | undefined, at: Path, problems: RuleProblem[]): CelProgram | undefined {
  try {
    return env.compile(expression, { ...(variables !== undefined ? { variables } : {}), resultType });
  } catch (error) {
    if (!(error instanceof CelCompileError)) throw error;
    problems.push({ path: at, code: 'cel-compile-error', message: `CEL: ${error.message}` });
    return undefined;
  }
}

function compileRule(rule: CustomRule, base: Path, problems: RuleProblem[]): CompiledRule | undefined {
  const env = celEnvironment();
  const before = problems.length;
  let variables: CelVariableSet | undefined;
  if (rule.variables !== undefined && rule.variables.length > 0) {
    // Compile each variable alone first, so that a problem points at the variable that has it.
    const seen: Array<{ name: string; expression: string }> = [];
    rule.variables.forEach((variable, index) => {
      try {
        variables = env.compileVariables([...seen, variable]);
        seen.push(variable);
      } catch (error) {
        if (!(error instanceof CelCompileError)) throw error;
        problems.push({ path: [...base, 'variables', index, 'expression'], code: 'cel-compile-error', message: `CEL: ${error.message}` });
      }
    });
    // With no problem, the last set compiled holds every variable.
    if (problems.length > before) return undefined;
  }
  const matchConditions = (rule.matchConditions ?? []).map((condition, index) => ({
    name: condition.name,
    program: compileOne(env, condition.expression, 'bool', variables, [...base, 'matchConditions', index, 'expression'], problems),
  }));
  const validations = rule.validations.map((validation, index) => {
    const at: Path = [...base, 'validations', index];
    const program = compileOne(env, validation.expression, 'bool', variables, [...at, 'expression'], problems);
    const messageProgram = validation.messageExpression === undefined ? undefined : compileOne(env, validation.messageExpression, 'string', variables, [...at, 'messageExpression'], problems);
    let fieldPath: Path = [];
    if (validation.fieldPath !== undefined) {
      const parsed = parseFieldPath(validation.fieldPath);
      if (!parsed.ok) problems.push({ path: [...at, 'fieldPath'], code: 'invalid-field-path', message: `"${validation.fieldPath}": ${parsed.message} (write it like spec.containers[0].image)` });
      else fieldPath = parsed.path;
    }
    return { program, message: validation.message ?? `failed expression: ${validation.expression.trim()}`, messageProgram, fieldPath };
  });
  if (problems.length > before) return undefined;
  return {
    matchConditions: matchConditions as CompiledRule['matchConditions'],
    validations: validations.map(({ program, message, messageProgram, fieldPath }) => ({ program: program as CelProgram, message, fieldPath, ...(messageProgram !== undefined ? { messageProgram } : {}) })),
    variables,
  };
}

function evaluationFailure(rule: CustomRule, what: string, message: string, context: ResourceContext): void {
  if (rule.failurePolicy === 'Ignore') return;
  context.report({ path: [], message: `rule ${rule.id} could not be evaluated (${what}): ${message}` });
}

/** What every rule sees of a resource, built once per resource however many rules there are. */
const variablesByResource = new WeakMap<Resource, ReturnType<typeof admissionVariables>>();

/** Exactly what a ValidatingAdmissionPolicy sees on a CREATE of the object. */
function requestVariables(context: ResourceContext): ReturnType<typeof admissionVariables> {
  let variables = variablesByResource.get(context.resource);
  if (variables === undefined) {
    variables = admissionVariables(createRequestFor(context.resource, CATALOG, DEFAULT_USER), (name) => context.namespaceObject(name));
    variablesByResource.set(context.resource, variables);
  }
  return variables;
}

/** Runs a compiled rule on one resource, as the API server runs a policy's validations. */
function runRule(rule: CustomRule, compiled: CompiledRule, context: ResourceContext): void {
  const env = celEnvironment();
  const params = rule.params === undefined ? null : context.options;
  const variables = requestVariables(context);
  const activation = env.activation({ ...variables, params }, compiled.variables);
  for (const condition of compiled.matchConditions) {
    const result = condition.program.evaluate(activation);
    if (!result.ok) return evaluationFailure(rule, `match condition ${condition.name}`, result.error.message, context);
    if (result.value !== true) return;
  }
  for (const validation of compiled.validations) {
    const result = validation.program.evaluate(activation);
    if (!result.ok) {
      evaluationFailure(rule, validation.program.expression.trim(), result.error.message, context);
      continue;
    }
    if (result.value === true) continue;
    let message = validation.message;
    if (validation.messageProgram !== undefined) {
      // As the API server does: a messageExpression that fails or yields nothing falls back to message.
      const text = validation.messageProgram.evaluate(activation);
      if (text.ok && typeof text.value === 'string' && text.value.trim() !== '' && !text.value.includes('\n')) message = text.value;
      else if (!text.ok) message = `${message} (messageExpression failed: ${text.error.message})`;
    }
    context.report({ path: validation.fieldPath, message });
  }
}

/**
 * Compiles the custom rules of a policy into checks. Every problem (a CEL expression that does not
 * compile, a bad field path, an id taken by a built-in check) is returned with its place in the file.
 */
export function compileRules(rules: readonly CustomRule[], builtinIds: ReadonlySet<string>): { checks: ResourceCheck[]; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const checks: ResourceCheck[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    const base: Path = ['rules', index];
    if (builtinIds.has(rule.id)) problems.push({ path: [...base, 'id'], code: 'rule-id-taken', message: `"${rule.id}" is the id of a built-in check; choose another` });
    if (ids.has(rule.id)) problems.push({ path: [...base, 'id'], code: 'duplicate-rule', message: `rule id "${rule.id}" is used twice` });
    ids.add(rule.id);
    const options: Record<string, CheckOption> = {};
    for (const [name, value] of Object.entries(rule.params ?? {})) {
      const type = optionType(value);
      if (type === undefined) problems.push({ path: [...base, 'params', name], code: 'invalid-param', message: `param "${name}" must be a number, a string, a boolean or a list of strings` });
      else options[name] = { description: `param ${name} of the rule`, type, default: value as CheckOption['default'] };
    }
    const compiled = compileRule(rule, base, problems);
    if (compiled === undefined) return;
    const check: ResourceCheck = {
      id: rule.id,
      scope: 'resource',
      meta: {
        title: rule.title,
        summary: rule.summary ?? rule.title,
        severity: rule.severity,
        category: rule.category ?? 'custom',
        remediation: rule.remediation ?? '',
        references: rule.references ?? [],
        frameworks: rule.frameworks ?? [],
        ...(Object.keys(options).length > 0 ? { options } : {}),
        ...(rule.enabled === false ? { enabledByDefault: false } : {}),
        custom: true,
      },
      run: (context) => runRule(rule, compiled, context),
    };
    if (rule.kinds !== undefined) check.appliesTo = rule.kinds.length === 1 && rule.kinds[0] === 'workloads' ? 'workloads' : rule.kinds;
    checks.push(check);
  });
  return { checks, problems };
}

