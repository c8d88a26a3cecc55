/**
 * Compiles a checked plan into nested closures and evaluates them.
 *
 * Errors are values (CelError) so that `&&`/`||` and the quantifier macros can ignore an
 * error when another operand decides the result, as CEL specifies. Every operation charges
 * the evaluation budget (see runtime.ts); exceeding it throws BudgetExceeded, which nothing
 * absorbs.
 */
import type { Plan } from './checker.js';
import { BudgetExceeded } from './errors.js';
import type { Budget } from './runtime.js';
import type { Impl, Overload } from './types.js';
import {
  CelError,
  CelEvalException,
  CelMap,
  CelOptional,
  CelUint,
  displayValue,
  kindOf,
  storageKey,
  type MapKey,
  type Result,
  type Value,
} from './values.js';

/** Values of the declared variables for one evaluation. */
export interface Activation {
  /** Undefined when the variable is not bound at all. */
  get(name: string): Result | undefined;
}

export interface Frame {
  readonly locals: Value[];
  readonly activation: Activation;
  readonly budget: Budget;
}

export type Evaluator = (frame: Frame) => Result;

/**
 * A map whose entries are computed on first access (Kubernetes ValidatingAdmissionPolicy
 * `variables`). An entry that fails to evaluate yields its error wherever it is used.
 */
export class LazyMap extends CelMap {
  private readonly cache = new Map<string, Result>();
  private readonly active = new Set<string>();

  constructor(
    private readonly names: readonly string[],
    private readonly compute: (name: string) => Result,
  ) {
    super();
  }

  /**
   * The entry's value. A failure is returned as a fresh error without a position, so that it is
   * reported where the variable is used (its own offset belongs to another expression).
   */
  resolve(name: string): Result | undefined {
    if (!this.names.includes(name)) return undefined;
    let value = this.cache.get(name);
    if (value === undefined) {
      if (this.active.has(name)) return new CelError(`variable '${name}' refers to itself`);
      this.active.add(name);
      try {
        value = this.compute(name);
      } finally {
        this.active.delete(name);
      }
      this.cache.set(name, value);
    }
    return value instanceof CelError ? new CelError(`variables.${name}: ${value.message}`) : value;
  }

  override get size(): number {
    return this.names.length;
  }

  override get(key: Value): Value | undefined {
    if (typeof key !== 'string') return undefined;
    const value = this.resolve(key);
    return value instanceof CelError ? undefined : value;
  }

  override has(key: Value): boolean {
    return typeof key === 'string' && this.names.includes(key);
  }

  override *keys(): IterableIterator<Value> {
    yield* this.names;
  }

  override *entries(): IterableIterator<readonly [Value, Value]> {
    for (const name of this.names) {
      const value = this.resolve(name);
      if (!(value instanceof CelError) && value !== undefined) yield [name, value];
    }
  }
}

function errorAt(error: CelError, offset: number): CelError {
  if (error.offset === undefined) error.offset = offset;
  return error;
}

function failure(message: string, offset: number): CelError {
  return new CelError(message, offset);
}

function noOverload(name: string, args: readonly Value[], offset: number): CelError {
  return failure(`no matching overload for '${name}' applied to '(${args.map(kindOf).join(', ')})'`, offset);
}

/** Runs a library implementation, turning thrown evaluation errors into error values. */
function invoke(impl: Impl, args: Value[], offset: number): Result {
  try {
    const result = impl(...args);
    return result instanceof CelError ? errorAt(result, offset) : result;
  } catch (error) {
    if (error instanceof CelEvalException) return failure(error.message, offset);
    if (error instanceof BudgetExceeded) throw error;
    // JavaScript limits (e.g. "Invalid string length") surface as CEL errors, not crashes.
    if (error instanceof RangeError) return failure(error.message, offset);
    throw error;
  }
}

function kindsMatch(overload: Overload, args: readonly Value[]): boolean {
  const kinds = overload.kinds;
  for (let i = 0; i < kinds.length; i++) {
    const k = kinds[i];
    if (k !== undefined && k !== kindOf(args[i] as Value)) return false;
  }
  return true;
}

/** Position for a list index (int, uint, or a double with an integral value); undefined when out of bounds. */
function listIndex(list: readonly Value[], index: Value, offset: number): number | undefined | CelError {
  let i: number;
  if (typeof index === 'bigint') i = Number(index);
  else if (index instanceof CelUint) i = Number(index.value);
  else if (typeof index === 'number' && Number.isInteger(index)) i = index;
  else return failure(`invalid list index of type '${kindOf(index)}'`, offset);
  return i >= 0 && i < list.length ? i : undefined;
}

/** Visits one element; returning a value stops the iteration with that result. */
type Visitor = (first: Value, second: Value, isList: boolean) => Result | undefined;
type Iteration = (frame: Frame, visit: Visitor) => Result | undefined;

export function compile(plan: Plan): Evaluator {
  switch (plan.op) {
    case 'const': {
      const value = plan.value;
      return () => value;
    }
    case 'fail': {
      const { message, offset } = plan;
      return () => failure(message, offset);
    }
    case 'local': {
      const slot = plan.slot;
      return (f) => f.locals[slot] as Value;
    }
    case 'global': {
      const { name, offset } = plan;
      return (f) => {
        const value = f.activation.get(name);
        return value === undefined ? failure(`no value for variable '${name}'`, offset) : value;
      };
    }
    case 'select':
      return compileSelect(plan);
    case 'has':
      return compileHas(plan);
    case 'index':
      return compileIndex(plan);
    case 'call':
      return compileCall(plan);
    case 'and':
    case 'or':
      return compileLogical(plan);
    case 'conditional': {
      const condition = compile(plan.condition);
      const then = compile(plan.then);
      const otherwise = compile(plan.otherwise);
      const offset = plan.offset;
      return (f) => {
        const c = condition(f);
        if (c === true) return then(f);
        if (c === false) return otherwise(f);
        if (c instanceof CelError) return c;
        return failure(`no matching overload for '_?_:_' applied to '(${kindOf(c)}, ...)'`, offset);
      };
    }
    case 'list':
      return compileList(plan);
    case 'map':
      return compileMap(plan);
    case 'macro':
      return compileMacro(plan);
    case 'optOr':
    case 'optOrValue': {
      const target = compile(plan.target);
      const arg = compile(plan.arg);
      const { offset, op } = plan;
      return (f) => {
        const t = target(f);
        if (t instanceof CelError) return t;
        if (!(t instanceof CelOptional)) return noOverload(op === 'optOr' ? 'or' : 'orValue', [t], offset);
        f.budget.charge(1);
        if (t.present) return op === 'optOr' ? t : t.inner;
        const a = arg(f); // evaluated only when needed
        if (op === 'optOr' && !(a instanceof CelError) && !(a instanceof CelOptional)) return noOverload('or', [t, a], offset);
        return a;
      };
    }
  }
}

function selectField(value: Value, field: string, offset: number): Result | undefined {
  if (value instanceof LazyMap) {
    const r = value.resolve(field);
    return r instanceof CelError ? errorAt(r, offset) : r;
  }
  if (value instanceof CelMap) return value.get(field);
  return failure(`no such key: '${field}' (cannot select a field of a value of type '${kindOf(value)}')`, offset);
}

function compileSelect(plan: Plan & { op: 'select' }): Evaluator {
  const operand = compile(plan.operand);
  const { field, offset, optional } = plan;
  return (f) => {
    const v = operand(f);
    if (v instanceof CelError) return v;
    f.budget.charge(1);
    if (v instanceof CelOptional || optional) {
      let inner = v;
      if (v instanceof CelOptional) {
        if (!v.present) return CelOptional.NONE;
        inner = v.inner;
      }
      const r = selectField(inner, field, offset);
      if (r === undefined) return CelOptional.NONE;
      return r instanceof CelError ? r : CelOptional.of(r);
    }
    const r = selectField(v, field, offset);
    return r === undefined ? failure(`no such key: '${field}'`, offset) : r;
  };
}

function compileHas(plan: Plan & { op: 'has' }): Evaluator {
  const operand = compile(plan.operand);
  const { field, offset } = plan;
  return (f) => {
    let v = operand(f);
    if (v instanceof CelError) return v;
    f.budget.charge(1);
    if (v instanceof CelOptional) {
      if (!v.present) return false;
      v = v.inner;
    }
    if (v instanceof CelMap) return v.has(field);
    return failure(`has() cannot test field '${field}' of a value of type '${kindOf(v)}'`, offset);
  };
}

function indexValue(container: Value, index: Value, offset: number): Result | undefined {
  if (Array.isArray(container)) {
    const i = listIndex(container, index, offset);
    return typeof i === 'number' ? (container[i] as Value) : i;
  }
  if (container instanceof LazyMap) {
    const r = typeof index === 'string' ? container.resolve(index) : undefined;
    return r instanceof CelError ? errorAt(r, offset) : r;
  }
  if (container instanceof CelMap) return container.get(index);
  return failure(`no matching overload for '_[_]' applied to '(${kindOf(container)}, ${kindOf(index)})'`, offset);
}

function compileIndex(plan: Plan & { op: 'index' }): Evaluator {
  const operand = compile(plan.operand);
  const index = compile(plan.index);
  const { offset, optional } = plan;
  return (f) => {
    const c = operand(f);
    if (c instanceof CelError) return c;
    const i = index(f);
    if (i instanceof CelError) return i;
    f.budget.charge(1);
    if (c instanceof CelOptional || optional) {
      let inner = c;
      if (c instanceof CelOptional) {
        if (!c.present) return CelOptional.NONE;
        inner = c.inner;
      }
      const r = indexValue(inner, i, offset);
      if (r === undefined) return CelOptional.NONE;
      return r instanceof CelError ? r : CelOptional.of(r);
    }
    const r = indexValue(c, i, offset);
    if (r !== undefined) return r;
    if (Array.isArray(c)) return failure(`index out of bounds: ${displayValue(i)} (list size ${c.length})`, offset);
    return failure(`no such key: ${typeof i === 'string' ? `'${i}'` : displayValue(i)}`, offset);
  };
}

function compileCall(plan: Plan & { op: 'call' }): Evaluator {
  const args = plan.args.map(compile);
  const { name, overloads, offset } = plan;
  if (overloads.length === 0) {
    return (f) => {
      for (const arg of args) {
        const v = arg(f);
        if (v instanceof CelError) return v;
      }
      return failure(`unbound function '${name}' (no overload takes these arguments)`, offset);
    };
  }
  const first = overloads[0] as Overload;
  // Operators share one implementation across their overloads; it dispatches on the values itself.
  const shared = overloads.every((o) => o.impl === first.impl) && overloads.every((o) => o.kinds.length === first.kinds.length) ? first.impl : undefined;
  const dispatch = (values: Value[], f: Frame): Result => {
    f.budget.charge(1);
    if (shared !== undefined && overloads.length > 1) return invoke(shared, values, offset);
    for (const overload of overloads) if (kindsMatch(overload, values)) return invoke(overload.impl, values, offset);
    return noOverload(name, values, offset);
  };
  if (args.length === 1) {
    const a0 = args[0] as Evaluator;
    return (f) => {
      const v0 = a0(f);
      if (v0 instanceof CelError) return v0;
      return dispatch([v0], f);
    };
  }
  if (args.length === 2) {
    const a0 = args[0] as Evaluator;
    const a1 = args[1] as Evaluator;
    return (f) => {
      const v0 = a0(f);
      if (v0 instanceof CelError) return v0;
      const v1 = a1(f);
      if (v1 instanceof CelError) return v1;
      return dispatch([v0, v1], f);
    };
  }
  return (f) => {
    const values: Value[] = [];
    for (const arg of args) {
      const v = arg(f);
      if (v instanceof CelError) return v;
      values.push(v);
    }
    return dispatch(values, f);
  };
}

function compileLogical(plan: Plan & { op: 'and' | 'or' }): Evaluator {
  const left = compile(plan.left);
  const right = compile(plan.right);
  const decisive = plan.op === 'or'; // the value that short-circuits
  const { offset } = plan;
  const name = plan.op === 'and' ? '_&&_' : '_||_';
  return (f) => {
    const l = left(f);
    if (l === decisive) return decisive;
    const r = right(f);
    if (r === decisive) return decisive;
    if (l === !decisive && r === !decisive) return !decisive;
    if (l instanceof CelError) return l;
    if (r instanceof CelError) return r;
    return noOverload(name, [l, r], offset);
  };
}

function compileList(plan: Plan & { op: 'list' }): Evaluator {
  const elements = plan.elements.map(compile);
  const { optional, offset } = plan;
  const anyOptional = optional.some(Boolean);
  return (f) => {
    const out: Value[] = [];
    for (let i = 0; i < elements.length; i++) {
      const v = (elements[i] as Evaluator)(f);
      if (v instanceof CelError) return v;
      if (anyOptional && optional[i]) {
        if (!(v instanceof CelOptional)) return failure(`optional list element must be an optional value, found '${kindOf(v)}'`, offset);
        if (v.present) out.push(v.inner);
      } else {
        out.push(v);
      }
    }
    f.budget.charge(1 + out.length);
    return out;
  };
}

function compileMap(plan: Plan & { op: 'map' }): Evaluator {
  const entries = plan.entries.map((e) => ({ key: compile(e.key), value: compile(e.value), optional: e.optional }));
  const { offset } = plan;
  return (f) => {
    const map = new Map<MapKey, readonly [Value, Value]>();
    for (const entry of entries) {
      const k = entry.key(f);
      if (k instanceof CelError) return k;
      const v = entry.value(f);
      if (v instanceof CelError) return v;
      const stored = storageKey(k);
      if (stored === undefined) return failure(`unsupported map key type '${kindOf(k)}'`, offset);
      if (map.has(stored)) return failure(`map literal has a repeated key: ${displayValue(k)}`, offset);
      if (entry.optional) {
        if (!(v instanceof CelOptional)) return failure(`optional map entry must be an optional value, found '${kindOf(v)}'`, offset);
        if (v.present) map.set(stored, [k, v.inner]);
      } else {
        map.set(stored, [k, v]);
      }
    }
    f.budget.charge(1 + map.size);
    return new CelMap(map);
  };
}

/** Iterates a list (index, element) or a map (key, value); one-variable macros use the first for maps, the second for lists. */
function iterate(range: Evaluator, offset: number): Iteration {
  return (f, visit) => {
    const r = range(f);
    if (r instanceof CelError) return r;
    if (Array.isArray(r)) {
      for (let i = 0; i < r.length; i++) {
        f.budget.charge(1);
        const stop = visit(BigInt(i), r[i] as Value, true);
        if (stop !== undefined) return stop;
      }
      return undefined;
    }
    if (r instanceof CelMap) {
      for (const [k, v] of r.entries()) {
        f.budget.charge(1);
        const stop = visit(k, v, false);
        if (stop !== undefined) return stop;
      }
      return undefined;
    }
    return failure(`cannot iterate over a value of type '${kindOf(r)}'`, offset);
  };
}

function compileMacro(plan: Plan & { op: 'macro' }): Evaluator {
  const range = compile(plan.range);
  const args = plan.args.map(compile);
  const { slot, slot2, offset, macro } = plan;
  const twoVars = slot2 !== undefined;
  const loop: Iteration = iterate(range, offset);
  // Binds the iteration variables: with one variable, lists bind the element and maps the key.
  const bind = (f: Frame, first: Value, second: Value, isList: boolean) => {
    if (twoVars) {
      f.locals[slot] = first;
      f.locals[slot2] = second;
    } else {
      f.locals[slot] = isList ? second : first;
    }
  };
  const boolOrError = (v: Result, what: string): boolean | CelError => {
    if (typeof v === 'boolean' || v instanceof CelError) return v;
    return failure(`${what} must evaluate to a bool, found '${kindOf(v)}'`, offset);
  };
  const predicate = args[args.length - 1] as Evaluator;
  const filter = args.length === 2 ? (args[0] as Evaluator) : undefined;
  const transform = args[args.length - 1] as Evaluator;

  switch (macro) {
    case 'all':
    case 'exists': {
      const decisive = macro === 'exists';
      return (f) => {
        let error: CelError | undefined;
        const stop = loop(f, (first, second, isList) => {
          bind(f, first, second, isList);
          const v = predicate(f);
          if (v === decisive) return decisive;
          // Errors are kept but do not decide: a later decisive element still wins.
          if (v !== !decisive) error ??= v instanceof CelError ? v : failure(`${macro}() predicate must evaluate to a bool, found '${kindOf(v)}'`, offset);
          return undefined;
        });
        if (stop !== undefined) return stop;
        return error ?? !decisive;
      };
    }
    case 'exists_one':
      return (f) => {
        let count = 0;
        const stop = loop(f, (first, second, isList) => {
          bind(f, first, second, isList);
          const v = boolOrError(predicate(f), 'exists_one() predicate');
          if (v instanceof CelError) return v;
          if (v) count++;
          return undefined;
        });
        if (stop !== undefined) return stop;
        return count === 1;
      };
    case 'map':
    case 'filter':
    case 'transformList':
      return (f) => {
        const out: Value[] = [];
        const stop = loop(f, (first, second, isList) => {
          bind(f, first, second, isList);
          if (macro === 'filter') {
            const keep = boolOrError(predicate(f), 'filter() predicate');
            if (keep instanceof CelError) return keep;
            if (keep) out.push(isList ? second : first);
            return undefined;
          }
          if (filter !== undefined) {
            const keep = boolOrError(filter(f), `${macro}() filter`);
            if (keep instanceof CelError) return keep;
            if (!keep) return undefined;
          }
          const v = transform(f);
          if (v instanceof CelError) return v;
          out.push(v);
          return undefined;
        });
        return stop === undefined ? out : stop;
      };
    case 'transformMap':
    case 'transformMapEntry':
      return (f) => {
        const out = new Map<MapKey, readonly [Value, Value]>();
        const stop = loop(f, (first, second, isList) => {
          bind(f, first, second, isList);
          if (filter !== undefined) {
            const keep = boolOrError(filter(f), `${macro}() filter`);
            if (keep instanceof CelError) return keep;
            if (!keep) return undefined;
          }
          const v = transform(f);
          if (v instanceof CelError) return v;
          if (macro === 'transformMap') {
            out.set(storageKey(first) as MapKey, [first, v]);
            return undefined;
          }
          if (!(v instanceof CelMap)) return failure(`transformMapEntry() must produce a map, found '${kindOf(v)}'`, offset);
          for (const [k, value] of v.entries()) {
            const stored = storageKey(k) as MapKey;
            if (out.has(stored)) return failure(`transformMapEntry() produced the key ${displayValue(k)} twice`, offset);
            out.set(stored, [k, value]);
          }
          return undefined;
        });
        return stop === undefined ? new CelMap(out) : stop;
      };
    case 'optMap':
    case 'optFlatMap':
      return (f) => {
        const r = range(f);
        if (r instanceof CelError) return r;
        if (!(r instanceof CelOptional)) return failure(`${macro}() requires an optional value, found '${kindOf(r)}'`, offset);
        if (!r.present) return CelOptional.NONE;
        f.budget.charge(1);
        f.locals[slot] = r.inner;
        const v = transform(f);
        if (v instanceof CelError) return v;
        if (macro === 'optMap') return CelOptional.of(v);
        if (!(v instanceof CelOptional)) return failure(`optFlatMap() must produce an optional value, found '${kindOf(v)}'`, offset);
        return v;
      };
  }
}
