/**
 * Compile once, evaluate many times: the public face of the CEL engine.
 *
 * ```ts
 * const env = createCelEnvironment(); // ValidatingAdmissionPolicy variables, Kubernetes libraries
 * const program = env.compile('object.spec.replicas <= 5', { resultType: 'bool' });
 * const result = program.evaluate({ object: deployment });
 * if (result.ok) console.log(result.value); else console.log(result.error.message);
 * ```
 */
import type { Expr } from './ast.js';
import { check, type CheckEnv, type Plan } from './checker.js';
import { BudgetExceeded, CelCompileError, CelEvaluationError, locate, type CelIssue } from './errors.js';
import { compile, LazyMap, type Activation, type Evaluator } from './interpreter.js';
import { bindLibraryVariable, LIBRARIES, libraryVariables, type CelLibraryName } from './libraries.js';
import { CelSyntaxError, DEFAULT_PARSE_LIMITS, parse } from './parser.js';
import { activeBudget, Budget, withBudget } from './runtime.js';
import { standardFunctions } from './stdlib.js';
import { assignable, DYN, parseType, runtimeKind, T_STRING, typeName, type FunctionDecl, type FunctionSet, type StaticType } from './types.js';
import { CelError, kindOf, toCelValue, type Result, type Value } from './values.js';

/** Variables of a ValidatingAdmissionPolicy expression (`variables` is added when spec.variables are given). */
export const VAP_VARIABLES: readonly string[] = ['object', 'oldObject', 'request', 'params', 'namespaceObject', 'authorizer', 'authorizer.requestResource'];

export interface CelVariableDeclaration {
  readonly name: string;
  /** CEL type such as `int`, `map<string, dyn>`, `list<string>`; defaults to `dyn`. */
  readonly type?: string;
}

export interface CelEnvironmentOptions {
  /** Top-level variables expressions may use. Default: VAP_VARIABLES. */
  readonly variables?: readonly (string | CelVariableDeclaration)[];
  /** Kubernetes libraries to enable (the standard library and optional types are always on). Default: all. */
  readonly libraries?: readonly CelLibraryName[];
  /** Namespace prefix for unqualified names (cel-go's container). Default: none. */
  readonly container?: string;
  /** Check names and types at compile time. Default true; false mirrors cel-go's unchecked evaluation. */
  readonly typeCheck?: boolean;
  /** Reject `[1, 'a']`-style mixed literals, as Kubernetes does. Default true. */
  readonly homogeneousAggregateLiterals?: boolean;
  /**
   * Cost budget per evaluation. A unit is roughly one operation; string and list building,
   * comprehension iterations and regex matching charge in proportion to their size.
   * Default 1,000,000 (the per-expression limit Kubernetes applies).
   */
  readonly costLimit?: number;
  /** Wall-clock budget per evaluation in milliseconds, a backstop to the cost limit. Default 1000. */
  readonly timeLimitMs?: number;
  /** Maximum expression length in code points. Default 100,000. */
  readonly maxExpressionLength?: number;
  /** Maximum nesting depth of an expression. Default 250. */
  readonly maxNestingDepth?: number;
}

/** A named expression, like an entry of ValidatingAdmissionPolicy `spec.variables`. */
export interface CelNamedExpression {
  readonly name: string;
  readonly expression: string;
}

export interface CelCompileOptions {
  /** Composited variables exposed as `variables.<name>` (compiled with compileVariables, or given as definitions). */
  readonly variables?: CelVariableSet | readonly CelNamedExpression[];
  /** Static result type the expression must have when its type is known, e.g. `bool` for a validation. */
  readonly resultType?: string;
}

export interface CelEvaluateOptions {
  readonly costLimit?: number;
  readonly timeLimitMs?: number;
}

/** Input data: plain JSON-like values for the declared variables (missing VAP variables are null). */
export type CelInput = Readonly<Record<string, unknown>>;

export type CelResult =
  | { readonly ok: true; readonly value: Value; readonly cost: number }
  | { readonly ok: false; readonly error: CelEvaluationError; readonly cost: number };

interface CompiledVariable {
  readonly name: string;
  readonly evaluator: Evaluator;
  readonly slots: number;
  readonly type: StaticType;
}

/** Compiled composited variables; evaluated lazily, at most once per activation. */
export class CelVariableSet {
  /** @internal */
  constructor(readonly variables: readonly CompiledVariable[]) {}

  get names(): string[] {
    return this.variables.map((v) => v.name);
  }
}

/**
 * Bound input for one evaluation context (for example one admission request). Passing the
 * same activation to several programs shares the conversion of the input and the values of
 * composited variables, as Kubernetes does across a policy's validations.
 */
export class CelActivation implements Activation {
  private readonly values = new Map<string, Result>();

  /** @internal */
  constructor(
    private readonly declared: ReadonlyMap<string, StaticType>,
    private readonly input: CelInput,
    private readonly defaults: ReadonlySet<string>,
    private readonly special: (name: string, input: CelInput) => Result | undefined,
    readonly variableSet: CelVariableSet | undefined,
  ) {
    if (variableSet !== undefined) {
      const byName = new Map(variableSet.variables.map((v) => [v.name, v]));
      const lazy = new LazyMap(variableSet.names, (name) => {
        const variable = byName.get(name) as CompiledVariable;
        const budget = activeBudget() ?? new Budget(1_000_000, performance.now() + 1000);
        return variable.evaluator({ locals: new Array<Value>(variable.slots), activation: this, budget });
      });
      this.values.set('variables', lazy);
    }
  }

  get(name: string): Result | undefined {
    const cached = this.values.get(name);
    if (cached !== undefined) return cached;
    if (!this.declared.has(name) && name !== 'variables') return this.undeclared(name);
    let value: Result | undefined = this.special(name, this.input);
    if (value === undefined) {
      const raw = Object.prototype.hasOwnProperty.call(this.input, name) ? this.input[name] : undefined;
      if (raw === undefined) {
        if (!this.defaults.has(name)) return undefined;
        value = null; // e.g. oldObject on CREATE, params without a paramKind
      } else {
        value = convert(name, raw);
        // A value of the wrong kind for a typed declaration would only fail later, less clearly.
        const expected = runtimeKind(this.declared.get(name) ?? DYN);
        if (expected !== undefined && !(value instanceof CelError) && kindOf(value) !== expected) {
          value = new CelError(`variable '${name}' is declared as ${expected} but the input is ${kindOf(value)}`);
        }
      }
    }
    this.values.set(name, value);
    return value;
  }

  /** Unchecked expressions may name variables that were not declared; the input may still bind them. */
  private undeclared(name: string): Result | undefined {
    if (!Object.prototype.hasOwnProperty.call(this.input, name)) return undefined;
    const value = convert(name, this.input[name]);
    this.values.set(name, value);
    return value;
  }
}

function convert(name: string, raw: unknown): Result {
  try {
    return toCelValue(raw);
  } catch (error) {
    return new CelError(`cannot convert variable '${name}': ${error instanceof Error ? error.message : String(error)}`);
  }
}

export class CelProgram {
  /** @internal */
  constructor(
    readonly expression: string,
    private readonly evaluator: Evaluator,
    private readonly slots: number,
    private readonly staticType: StaticType,
    private readonly environment: CelEnvironment,
    readonly variableSet: CelVariableSet | undefined,
  ) {}

  /** The statically known result type (`dyn` when it depends on the input). */
  get resultType(): string {
    return typeName(this.staticType);
  }

  /** Evaluates against plain input data or a prepared activation; never throws for CEL errors. */
  evaluate(input: CelInput | CelActivation = {}, options: CelEvaluateOptions = {}): CelResult {
    const activation = input instanceof CelActivation ? input : this.environment.activation(input, this.variableSet);
    const limits = this.environment.limits;
    const budget = new Budget(options.costLimit ?? limits.costLimit, performance.now() + (options.timeLimitMs ?? limits.timeLimitMs));
    let result: Result;
    try {
      result = withBudget(budget, () => this.evaluator({ locals: new Array<Value>(this.slots), activation, budget }));
    } catch (error) {
      if (error instanceof BudgetExceeded) {
        return { ok: false, error: new CelEvaluationError(this.expression, error.message, error.kind), cost: budget.cost };
      }
      if (error instanceof RangeError) {
        // Stack or allocation limits: report, never crash a scan.
        return { ok: false, error: new CelEvaluationError(this.expression, `evaluation failed: ${error.message}`, 'error'), cost: budget.cost };
      }
      throw error;
    }
    if (result instanceof CelError) {
      const location = result.offset === undefined ? undefined : locate(this.expression, result.offset);
      return { ok: false, error: new CelEvaluationError(this.expression, result.message, 'error', location), cost: budget.cost };
    }
    return { ok: true, value: result, cost: budget.cost };
  }

  /** Like evaluate, but throws CelEvaluationError. */
  evaluateOrThrow(input: CelInput | CelActivation = {}, options: CelEvaluateOptions = {}): Value {
    const result = this.evaluate(input, options);
    if (!result.ok) throw result.error;
    return result.value;
  }
}

export class CelEnvironment {
  private readonly declared: Map<string, StaticType>;
  private readonly functions: Map<string, FunctionDecl>;
  private readonly defaults: Set<string>;
  private readonly options: CelEnvironmentOptions;
  private readonly libraryNames: readonly CelLibraryName[];
  private readonly typeNames: Set<string>;
  /** @internal */
  readonly limits: { costLimit: number; timeLimitMs: number };

  constructor(options: CelEnvironmentOptions = {}) {
    this.options = options;
    this.libraryNames = options.libraries ?? (Object.keys(LIBRARIES) as CelLibraryName[]);
    this.limits = { costLimit: options.costLimit ?? 1_000_000, timeLimitMs: options.timeLimitMs ?? 1000 };
    this.functions = new Map();
    const sets: FunctionSet[] = [standardFunctions(), ...this.libraryNames.map((name) => LIBRARIES[name]())];
    for (const set of sets) {
      for (const decl of set.functions.values()) {
        const existing = this.functions.get(decl.name);
        if (existing === undefined) {
          this.functions.set(decl.name, { name: decl.name, overloads: [...decl.overloads], validateLiterals: decl.validateLiterals });
        } else {
          existing.overloads.push(...decl.overloads);
          if (decl.validateLiterals !== undefined) {
            const first = existing.validateLiterals;
            const second = decl.validateLiterals;
            existing.validateLiterals = first === undefined ? second : (args) => first(args) ?? second(args);
          }
        }
      }
    }
    const libraryTypes = libraryVariables(this.libraryNames);
    this.declared = new Map();
    const declarations = options.variables ?? VAP_VARIABLES;
    for (const declaration of declarations) {
      const { name, type } = typeof declaration === 'string' ? { name: declaration, type: undefined } : declaration;
      this.declared.set(name, type === undefined ? (libraryTypes.get(name) ?? DYN) : parseType(type));
    }
    if (options.variables === undefined && !this.libraryNames.includes('authz')) {
      this.declared.delete('authorizer');
      this.declared.delete('authorizer.requestResource');
    }
    this.defaults = new Set(options.variables === undefined ? VAP_VARIABLES.filter((v) => !v.startsWith('authorizer')) : []);
    this.typeNames = new Set(sets.flatMap((set) => [...set.types]));
  }

  /** Names of the declared top-level variables. */
  get variableNames(): string[] {
    return [...this.declared.keys()];
  }

  private checkEnv(variables: ReadonlyMap<string, StaticType>, composite: CelVariableSet | undefined): CheckEnv {
    return {
      variables,
      compositeVariables: composite === undefined ? undefined : new Map(composite.variables.map((v) => [v.name, v.type])),
      functions: this.functions,
      container: this.options.container ?? '',
      strict: this.options.typeCheck ?? true,
      homogeneousLiterals: this.options.homogeneousAggregateLiterals ?? true,
      validateLiterals: true,
      typeNames: this.typeNames,
    };
  }

  private parseOrThrow(expression: string): Expr {
    try {
      return parse(expression, {
        maxDepth: this.options.maxNestingDepth ?? DEFAULT_PARSE_LIMITS.maxDepth,
        maxLength: this.options.maxExpressionLength ?? DEFAULT_PARSE_LIMITS.maxLength,
      });
    } catch (error) {
      if (error instanceof CelSyntaxError) throw new CelCompileError(expression, [issue(expression, `syntax error: ${error.message}`, error.offset)]);
      throw error;
    }
  }

  private compileExpression(expression: string, composite: CelVariableSet | undefined): { plan: Plan; type: StaticType; slots: number } {
    const ast = this.parseOrThrow(expression);
    const variables = new Map(this.declared);
    if (composite !== undefined) variables.set('variables', { kind: 'map', key: T_STRING, value: DYN });
    const result = check(ast, this.checkEnv(variables, composite));
    if (result.issues.length > 0) {
      throw new CelCompileError(
        expression,
        result.issues.map((i) => issue(expression, i.message, i.offset)),
      );
    }
    return result;
  }

  /** Compiles an expression; throws CelCompileError with positions on syntax, name or type errors. */
  compile(expression: string, options: CelCompileOptions = {}): CelProgram {
    const variableSet = Array.isArray(options.variables) ? this.compileVariables(options.variables as readonly CelNamedExpression[]) : (options.variables as CelVariableSet | undefined);
    const { plan, type, slots } = this.compileExpression(expression, variableSet);
    if (options.resultType !== undefined) {
      const expected = parseType(options.resultType);
      if (!assignable(expected, type, new Map())) {
        throw new CelCompileError(expression, [issue(expression, `expression must evaluate to ${typeName(expected)}, but its type is ${typeName(type)}`, 0)]);
      }
    }
    return new CelProgram(expression, compile(plan), slots, type, this, variableSet);
  }

  /** Like compile, but returns the error instead of throwing it. */
  tryCompile(expression: string, options: CelCompileOptions = {}): { ok: true; program: CelProgram } | { ok: false; error: CelCompileError } {
    try {
      return { ok: true, program: this.compile(expression, options) };
    } catch (error) {
      if (error instanceof CelCompileError) return { ok: false, error };
      throw error;
    }
  }

  /**
   * Compiles composited variables in order; each may use the ones before it through
   * `variables.<name>`. A failing definition throws CelCompileError whose message names it.
   */
  compileVariables(definitions: readonly CelNamedExpression[]): CelVariableSet {
    const compiled: CompiledVariable[] = [];
    for (const definition of definitions) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(definition.name)) {
        throw new CelCompileError(definition.expression, [issue(definition.expression, `invalid variable name '${definition.name}'`, 0)]);
      }
      if (compiled.some((c) => c.name === definition.name)) {
        throw new CelCompileError(definition.expression, [issue(definition.expression, `variable '${definition.name}' is defined twice`, 0)]);
      }
      try {
        const { plan, type, slots } = this.compileExpression(definition.expression, new CelVariableSet([...compiled]));
        compiled.push({ name: definition.name, evaluator: compile(plan), slots, type });
      } catch (error) {
        if (error instanceof CelCompileError) {
          throw new CelCompileError(
            definition.expression,
            error.issues.map((i) => ({ ...i, message: `variable '${definition.name}': ${i.message}` })),
          );
        }
        throw error;
      }
    }
    return new CelVariableSet(compiled);
  }

  /** Binds input data (and composited variables) for evaluation by one or more programs. */
  activation(input: CelInput, variables?: CelVariableSet): CelActivation {
    return new CelActivation(this.declared, input, this.defaults, (name, data) => bindLibraryVariable(this.libraryNames, name, data), variables);
  }
}

function issue(expression: string, message: string, offset: number): CelIssue {
  return { message, ...locate(expression, offset) };
}

export function createCelEnvironment(options: CelEnvironmentOptions = {}): CelEnvironment {
  return new CelEnvironment(options);
}
