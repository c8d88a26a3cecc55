/**
 * Resolves names and checks types, producing the plan the interpreter compiles.
 *
 * Resolution follows cel-go: comprehension variables first, then declared variables
 * (qualified names such as `a.b.c` resolve to the longest declared prefix, tried with the
 * container's prefixes first), then type names. `ns.fn(x)` calls the namespaced function
 * `ns.fn` when one is declared (`strings.quote`, `sets.contains`, `optional.of`, ...).
 *
 * Type checking is deliberately light: values from Kubernetes objects are `dyn`, and only
 * operations whose operand types are all known can fail to compile. When checking is
 * disabled (cel-go's "unchecked" mode), unknown names and functions become runtime errors.
 */
import type { Expr, MacroName } from './ast.js';
import { qualifiedName } from './parser.js';
import {
  assignable,
  DYN,
  join,
  sameType,
  substitute,
  T_BOOL,
  T_INT,
  T_NULL,
  T_STRING,
  T_TYPE,
  T_BYTES,
  T_DOUBLE,
  T_UINT,
  typeName,
  type Bindings,
  type FunctionDecl,
  type Overload,
  type StaticType,
} from './types.js';
import { CelType, CelUint, TYPE, type Value } from './values.js';

export type Plan =
  | { op: 'const'; value: Value }
  | { op: 'global'; name: string; offset: number }
  | { op: 'local'; slot: number }
  | { op: 'select'; operand: Plan; field: string; optional: boolean; offset: number }
  | { op: 'has'; operand: Plan; field: string; offset: number }
  | { op: 'index'; operand: Plan; index: Plan; optional: boolean; offset: number }
  | { op: 'call'; name: string; overloads: readonly Overload[]; args: Plan[]; offset: number }
  | { op: 'and' | 'or'; left: Plan; right: Plan; offset: number }
  | { op: 'conditional'; condition: Plan; then: Plan; otherwise: Plan; offset: number }
  | { op: 'list'; elements: Plan[]; optional: boolean[]; offset: number }
  | { op: 'map'; entries: { key: Plan; value: Plan; optional: boolean }[]; offset: number }
  | { op: 'macro'; macro: MacroName; range: Plan; slot: number; slot2: number | undefined; args: Plan[]; offset: number }
  | { op: 'optOr' | 'optOrValue'; target: Plan; arg: Plan; offset: number }
  | { op: 'fail'; message: string; offset: number };

export interface CheckEnv {
  /** Declared variables and their static types. */
  variables: ReadonlyMap<string, StaticType>;
  /** Composited variables (`variables.<name>`, as in ValidatingAdmissionPolicy); undefined when there are none. */
  compositeVariables: ReadonlyMap<string, StaticType> | undefined;
  functions: ReadonlyMap<string, FunctionDecl>;
  /** Namespace tried as a prefix of unqualified names (cel-go's container). */
  container: string;
  /** Report unknown names, unknown functions and type errors at compile time. */
  strict: boolean;
  /** Reject list/map literals whose elements have different known types (Kubernetes sets this). */
  homogeneousLiterals: boolean;
  /** Compile-time validation of literal arguments (regex, duration, timestamp). */
  validateLiterals: boolean;
  /** Names of library types usable as type values (`net.IP`, `kubernetes.Quantity`). */
  typeNames: ReadonlySet<string>;
}

export interface CheckIssue {
  message: string;
  offset: number;
}

export interface CheckResult {
  plan: Plan;
  type: StaticType;
  /** Frame size the interpreter needs for comprehension variables. */
  slots: number;
  issues: CheckIssue[];
}

const TYPE_NAMES = new Map<string, CelType>(Object.values(TYPE).map((type) => [type.name, type]));

interface Local {
  name: string;
  slot: number;
  type: StaticType;
}

interface Checked {
  plan: Plan;
  type: StaticType;
}

function literalType(value: Value): StaticType {
  switch (typeof value) {
    case 'boolean':
      return T_BOOL;
    case 'bigint':
      return T_INT;
    case 'number':
      return T_DOUBLE;
    case 'string':
      return T_STRING;
    default:
      if (value === null) return T_NULL;
      if (value instanceof CelUint) return T_UINT;
      if (value instanceof Uint8Array) return T_BYTES;
      if (value instanceof CelType) return T_TYPE;
      return DYN;
  }
}

function isBoolish(t: StaticType): boolean {
  return t.kind === 'dyn' || t.kind === 'param' || (t.kind === 'prim' && t.name === 'bool');
}

export function check(expr: Expr, env: CheckEnv): CheckResult {
  const checker = new Checker(env);
  const { plan, type } = checker.check(expr);
  return { plan, type, slots: checker.maxSlots, issues: checker.issues };
}

class Checker {
  readonly issues: CheckIssue[] = [];
  private readonly locals: Local[] = [];
  maxSlots = 0;
  /** Inside string.format() arguments, which cel-go exempts from the homogeneous-literal rule. */
  private exempt = 0;

  constructor(private readonly env: CheckEnv) {}

  private error(message: string, offset: number): Checked {
    this.issues.push({ message, offset });
    return { plan: { op: 'fail', message, offset }, type: DYN };
  }

  private local(name: string): Local | undefined {
    for (let i = this.locals.length - 1; i >= 0; i--) if ((this.locals[i] as Local).name === name) return this.locals[i];
    return undefined;
  }

  /** Names to try for an identifier: container-qualified first, then as written. */
  private candidates(name: string): string[] {
    if (name.startsWith('.')) return [name.slice(1)];
    const out: string[] = [];
    let container = this.env.container;
    while (container !== '') {
      out.push(`${container}.${name}`);
      const dot = container.lastIndexOf('.');
      container = dot < 0 ? '' : container.slice(0, dot);
    }
    out.push(name);
    return out;
  }

  /** Resolves a (possibly qualified) name to a declared variable or a type. */
  private resolveName(name: string, offset: number): Checked | undefined {
    for (const candidate of this.candidates(name)) {
      const type = this.env.variables.get(candidate);
      if (type !== undefined) return { plan: { op: 'global', name: candidate, offset }, type };
    }
    for (const candidate of this.candidates(name)) {
      const celType = TYPE_NAMES.get(candidate) ?? (this.env.typeNames.has(candidate) ? CelType.of(candidate) : undefined);
      if (celType !== undefined) return { plan: { op: 'const', value: celType }, type: T_TYPE };
    }
    return undefined;
  }

  /** A select chain rooted at a non-local identifier, as a dotted name. */
  private rootedName(expr: Expr): string | undefined {
    const name = qualifiedName(expr);
    if (name === undefined) return undefined;
    const root = name.startsWith('.') ? undefined : name.split('.')[0];
    if (root !== undefined && this.local(root) !== undefined) return undefined;
    return name;
  }

  check(expr: Expr): Checked {
    switch (expr.kind) {
      case 'literal':
        return { plan: { op: 'const', value: expr.value }, type: literalType(expr.value) };
      case 'ident':
        return this.ident(expr.name, expr.absolute, expr.offset);
      case 'select':
        return this.select(expr);
      case 'has': {
        const operand = this.check(expr.operand);
        this.requireSelectable(operand.type, expr.offset, expr.field);
        return { plan: { op: 'has', operand: operand.plan, field: expr.field, offset: expr.offset }, type: T_BOOL };
      }
      case 'index':
        return this.index(expr);
      case 'call':
        return this.call(expr);
      case 'and':
      case 'or': {
        const left = this.check(expr.left);
        const right = this.check(expr.right);
        for (const side of [left, right]) {
          if (this.env.strict && !isBoolish(side.type)) this.error(`expected bool operands for '${expr.kind === 'and' ? '&&' : '||'}', found '${typeName(side.type)}'`, expr.offset);
        }
        return { plan: { op: expr.kind, left: left.plan, right: right.plan, offset: expr.offset }, type: T_BOOL };
      }
      case 'conditional': {
        const condition = this.check(expr.condition);
        if (this.env.strict && !isBoolish(condition.type)) this.error(`expected a bool condition, found '${typeName(condition.type)}'`, expr.offset);
        const then = this.check(expr.then);
        const otherwise = this.check(expr.otherwise);
        return {
          plan: { op: 'conditional', condition: condition.plan, then: then.plan, otherwise: otherwise.plan, offset: expr.offset },
          type: join(then.type, otherwise.type),
        };
      }
      case 'list': {
        const elements = expr.elements.map((e) => this.check(e));
        const elemTypes = elements.map((e, i) => (expr.optional[i] ? optionalInner(e.type) : e.type));
        const elem = this.aggregateType(elemTypes, expr.offset, 'list element');
        return { plan: { op: 'list', elements: elements.map((e) => e.plan), optional: expr.optional, offset: expr.offset }, type: { kind: 'list', elem } };
      }
      case 'map': {
        const entries = expr.entries.map((entry) => ({ key: this.check(entry.key), value: this.check(entry.value), optional: entry.optional }));
        for (const entry of entries) {
          const k = entry.key.type;
          if (this.env.strict && k.kind === 'prim' && !['int', 'uint', 'bool', 'string'].includes(k.name)) {
            this.error(`unsupported map key type '${typeName(k)}'`, expr.offset);
          }
        }
        const key = this.aggregateType(
          entries.map((e) => e.key.type),
          expr.offset,
          'map key',
        );
        const value = this.aggregateType(
          entries.map((e) => (e.optional ? optionalInner(e.value.type) : e.value.type)),
          expr.offset,
          'map value',
        );
        return {
          plan: { op: 'map', entries: entries.map((e) => ({ key: e.key.plan, value: e.value.plan, optional: e.optional })), offset: expr.offset },
          type: { kind: 'map', key, value },
        };
      }
      case 'struct':
        if (!this.env.strict) return { plan: { op: 'fail', message: `message type '${expr.typeName}' is not supported`, offset: expr.offset }, type: DYN };
        return this.error(`message construction is not supported (type '${expr.typeName}')`, expr.offset);
      case 'macro':
        return this.macro(expr);
    }
  }

  /** Element type of a literal aggregate; enforces homogeneity when configured. */
  private aggregateType(types: StaticType[], offset: number, what: string, exempt = this.exempt > 0): StaticType {
    if (types.length === 0) return DYN;
    let result = types[0] as StaticType;
    for (const t of types.slice(1)) {
      if (this.env.strict && this.env.homogeneousLiterals && !exempt && t.kind !== 'dyn' && result.kind !== 'dyn' && !sameType(t, result)) {
        this.error(`expected type '${typeName(result)}' but found '${typeName(t)}' (${what}s must have the same type; wrap values in dyn() to mix types)`, offset);
        return DYN;
      }
      result = join(result, t);
    }
    return result;
  }

  private ident(name: string, absolute: boolean, offset: number): Checked {
    if (!absolute) {
      const local = this.local(name);
      if (local !== undefined) return { plan: { op: 'local', slot: local.slot }, type: local.type };
    }
    const resolved = this.resolveName(absolute ? `.${name}` : name, offset);
    if (resolved !== undefined) return resolved;
    if (!this.env.strict) return { plan: { op: 'global', name, offset }, type: DYN };
    return this.error(`undeclared reference to '${name}'`, offset);
  }

  private select(expr: Expr & { kind: 'select' }): Checked {
    // a.b.c may name a declared variable (or type) as a whole.
    if (!expr.optional) {
      const name = this.rootedName(expr);
      if (name !== undefined) {
        const resolved = this.resolveName(name, expr.offset);
        if (resolved !== undefined) return resolved;
      }
    }
    const operand = this.check(expr.operand);
    this.requireSelectable(operand.type, expr.offset, expr.field);
    const plan: Plan = { op: 'select', operand: operand.plan, field: expr.field, optional: expr.optional, offset: expr.offset };
    const composite = this.env.compositeVariables;
    if (composite !== undefined && operand.plan.op === 'global' && operand.plan.name === 'variables') {
      const declared = composite.get(expr.field);
      if (declared === undefined) {
        const known = [...composite.keys()];
        return this.error(`undefined variable 'variables.${expr.field}'${known.length > 0 ? ` (defined: ${known.join(', ')})` : ''}`, expr.offset);
      }
      return { plan, type: expr.optional ? { kind: 'optional', inner: declared } : declared };
    }
    let type: StaticType = DYN;
    const base = operand.type.kind === 'optional' ? operand.type.inner : operand.type;
    if (base.kind === 'map') type = base.value;
    if (expr.optional || operand.type.kind === 'optional') type = { kind: 'optional', inner: type };
    return { plan, type };
  }

  private requireSelectable(t: StaticType, offset: number, field: string): void {
    if (!this.env.strict) return;
    const base = t.kind === 'optional' ? t.inner : t;
    if (base.kind === 'prim' || base.kind === 'list' || base.kind === 'type') {
      this.error(`type '${typeName(base)}' does not support field selection (field '${field}')`, offset);
    }
  }

  private index(expr: Expr & { kind: 'index' }): Checked {
    const operand = this.check(expr.operand);
    const index = this.check(expr.index);
    const plan: Plan = { op: 'index', operand: operand.plan, index: index.plan, optional: expr.optional, offset: expr.offset };
    const wrapOptional = expr.optional || operand.type.kind === 'optional';
    const base = operand.type.kind === 'optional' ? operand.type.inner : operand.type;
    let type: StaticType = DYN;
    if (base.kind === 'list') {
      const it = index.type;
      if (this.env.strict && it.kind !== 'dyn' && !(it.kind === 'prim' && (it.name === 'int' || it.name === 'uint'))) {
        return this.error(`found no matching overload for '_[_]' applied to '(${typeName(base)}, ${typeName(it)})'`, expr.offset);
      }
      type = base.elem;
    } else if (base.kind === 'map') {
      type = base.value;
    } else if (this.env.strict && base.kind !== 'dyn' && base.kind !== 'param') {
      return this.error(`found no matching overload for '_[_]' applied to '(${typeName(base)}, ${typeName(index.type)})'`, expr.offset);
    }
    return { plan, type: wrapOptional ? { kind: 'optional', inner: type } : type };
  }

  private call(expr: Expr & { kind: 'call' }): Checked {
    let name = expr.name;
    let target = expr.target;
    let args = expr.args;
    // ns.fn(args) where ns.fn is a declared function (strings.quote, sets.contains, optional.of, ...).
    if (target !== undefined) {
      const ns = this.rootedName(target);
      if (ns !== undefined) {
        const full = `${ns.replace(/^\./, '')}.${name}`;
        if (this.env.functions.has(full) && this.resolveName(ns, target.offset)?.plan.op !== 'global') {
          name = full;
          target = undefined;
        }
      }
    }
    if (name.startsWith('.')) name = name.slice(1);
    if (target !== undefined && (name === 'or' || name === 'orValue') && args.length === 1 && this.env.functions.has(name)) {
      const t = this.check(target);
      const a = this.check(args[0] as Expr);
      if (this.env.strict && t.type.kind !== 'dyn' && t.type.kind !== 'optional') {
        return this.error(`found no matching overload for '${name}' applied to '${typeName(t.type)}.(${typeName(a.type)})'`, expr.offset);
      }
      const inner = t.type.kind === 'optional' ? t.type.inner : DYN;
      return {
        plan: { op: name === 'or' ? 'optOr' : 'optOrValue', target: t.plan, arg: a.plan, offset: expr.offset },
        type: name === 'or' ? t.type : join(inner, a.type),
      };
    }
    const decl = this.env.functions.get(name);
    const formatCall = name === 'format' && target !== undefined;
    if (formatCall) this.exempt++;
    const checkedArgs = (target === undefined ? args : [target, ...args]).map((a) => this.check(a));
    if (formatCall) this.exempt--;
    args = target === undefined ? args : [target, ...args];
    const plans = checkedArgs.map((a) => a.plan);
    const member = target !== undefined;
    if (decl === undefined) {
      if (!this.env.strict) return { plan: { op: 'call', name, overloads: [], args: plans, offset: expr.offset }, type: DYN };
      return this.error(`undeclared reference to '${name}'`, expr.offset);
    }
    const shaped = decl.overloads.filter((o) => o.member === member && o.params.length === checkedArgs.length);
    const argTypes = checkedArgs.map((a) => a.type);
    const matching: { overload: Overload; result: StaticType }[] = [];
    for (const overload of shaped) {
      const bindings: Bindings = new Map();
      if (overload.params.every((p, i) => assignable(p, argTypes[i] as StaticType, bindings))) {
        matching.push({ overload, result: substitute(overload.result, bindings) });
      }
    }
    if (this.env.strict && matching.length === 0) {
      const rendered = member
        ? `${typeName(argTypes[0] as StaticType)}.(${argTypes.slice(1).map(typeName).join(', ')})`
        : `(${argTypes.map(typeName).join(', ')})`;
      return this.error(`found no matching overload for '${name}' applied to '${rendered}'`, expr.offset);
    }
    if (this.env.validateLiterals && decl.validateLiterals !== undefined) {
      const literals = args.map((a) => (a.kind === 'literal' ? a.value : undefined));
      const problem = decl.validateLiterals(literals);
      if (problem !== undefined && this.env.strict) return this.error(problem, expr.offset);
    }
    const overloads = this.env.strict ? matching.map((m) => m.overload) : shaped;
    let type: StaticType = DYN;
    if (matching.length > 0) {
      type = (matching[0] as { result: StaticType }).result;
      for (const m of matching.slice(1)) if (!sameType(m.result, type)) type = DYN;
    }
    return { plan: { op: 'call', name, overloads, args: plans, offset: expr.offset }, type };
  }

  private macro(expr: Expr & { kind: 'macro' }): Checked {
    const range = this.check(expr.range);
    const rt = range.type;
    const twoVars = expr.iterVar2 !== undefined;
    let first: StaticType = DYN;
    let second: StaticType = DYN;
    if (expr.macro === 'optMap' || expr.macro === 'optFlatMap') {
      if (this.env.strict && rt.kind !== 'dyn' && rt.kind !== 'optional') {
        return this.error(`${expr.macro}() requires an optional value, found '${typeName(rt)}'`, expr.offset);
      }
      first = rt.kind === 'optional' ? rt.inner : DYN;
    } else if (rt.kind === 'list') {
      first = twoVars ? T_INT : rt.elem;
      second = rt.elem;
    } else if (rt.kind === 'map') {
      first = rt.key;
      second = rt.value;
    } else if (this.env.strict && rt.kind !== 'dyn') {
      return this.error(`expression of type '${typeName(rt)}' cannot be the range of a comprehension`, expr.offset);
    }
    const slot = this.locals.length;
    this.locals.push({ name: expr.iterVar, slot, type: first });
    let slot2: number | undefined;
    if (expr.iterVar2 !== undefined) {
      slot2 = this.locals.length;
      this.locals.push({ name: expr.iterVar2, slot: slot2, type: second });
    }
    this.maxSlots = Math.max(this.maxSlots, this.locals.length);
    const args = expr.args.map((a) => this.check(a));
    this.locals.length = slot;
    const plan: Plan = { op: 'macro', macro: expr.macro, range: range.plan, slot, slot2, args: args.map((a) => a.plan), offset: expr.offset };
    const last = args[args.length - 1] as Checked;
    const predicateOnly = expr.macro === 'all' || expr.macro === 'exists' || expr.macro === 'exists_one' || expr.macro === 'filter';
    // map(x, p, f) and transformX(a, b, p, f) take a filter predicate before the transform.
    const predicate = predicateOnly ? last : args.length === 2 ? args[0] : undefined;
    if (this.env.strict && predicate !== undefined && !isBoolish(predicate.type)) {
      this.error(`${expr.macro}() predicate must be a bool, found '${typeName(predicate.type)}'`, expr.offset);
    }
    let type: StaticType;
    switch (expr.macro) {
      case 'all':
      case 'exists':
      case 'exists_one':
        type = T_BOOL;
        break;
      case 'map':
      case 'transformList':
        type = { kind: 'list', elem: last.type };
        break;
      case 'filter':
        type = rt.kind === 'list' ? rt : { kind: 'list', elem: first };
        break;
      case 'transformMap':
        type = { kind: 'map', key: rt.kind === 'list' ? T_INT : first, value: last.type };
        break;
      case 'transformMapEntry':
        type = last.type.kind === 'map' ? last.type : { kind: 'map', key: DYN, value: DYN };
        break;
      case 'optMap':
        type = { kind: 'optional', inner: last.type };
        break;
      case 'optFlatMap':
        if (this.env.strict && last.type.kind !== 'dyn' && last.type.kind !== 'optional') {
          return this.error(`optFlatMap() must return an optional value, found '${typeName(last.type)}'`, expr.offset);
        }
        type = last.type;
        break;
    }
    return { plan, type };
  }
}

function optionalInner(t: StaticType): StaticType {
  return t.kind === 'optional' ? t.inner : DYN;
}
