/**
 * Static types for the (light) type checker and for function declarations.
 * Kubernetes objects arrive without schemas here, so most expressions are `dyn`; the checker
 * still catches literal mistakes (`'a' + 1`, `size(1)`, unknown functions and variables).
 */
import type { Result, Value } from './values.js';

export type StaticType =
  | { kind: 'dyn' }
  | { kind: 'prim'; name: string }
  | { kind: 'list'; elem: StaticType }
  | { kind: 'map'; key: StaticType; value: StaticType }
  | { kind: 'type' }
  | { kind: 'optional'; inner: StaticType }
  | { kind: 'opaque'; name: string }
  | { kind: 'param'; name: string };

export const DYN: StaticType = { kind: 'dyn' };
export const T_BOOL: StaticType = { kind: 'prim', name: 'bool' };
export const T_INT: StaticType = { kind: 'prim', name: 'int' };
export const T_UINT: StaticType = { kind: 'prim', name: 'uint' };
export const T_DOUBLE: StaticType = { kind: 'prim', name: 'double' };
export const T_STRING: StaticType = { kind: 'prim', name: 'string' };
export const T_BYTES: StaticType = { kind: 'prim', name: 'bytes' };
export const T_NULL: StaticType = { kind: 'prim', name: 'null_type' };
export const T_TIMESTAMP: StaticType = { kind: 'prim', name: 'google.protobuf.Timestamp' };
export const T_DURATION: StaticType = { kind: 'prim', name: 'google.protobuf.Duration' };
export const T_TYPE: StaticType = { kind: 'type' };

const PRIMITIVES: Record<string, StaticType> = {
  bool: T_BOOL,
  int: T_INT,
  uint: T_UINT,
  double: T_DOUBLE,
  string: T_STRING,
  bytes: T_BYTES,
  null: T_NULL,
  null_type: T_NULL,
  timestamp: T_TIMESTAMP,
  'google.protobuf.Timestamp': T_TIMESTAMP,
  duration: T_DURATION,
  'google.protobuf.Duration': T_DURATION,
  dyn: DYN,
  type: T_TYPE,
};

/** Parses `int`, `list<A>`, `map<string, list<string>>`, `optional<T>`, `A` (a type parameter), or an opaque name. */
export function parseType(text: string): StaticType {
  const s = text.trim();
  const primitive = PRIMITIVES[s];
  if (primitive !== undefined) return primitive;
  if (/^[A-Z]$/.test(s)) return { kind: 'param', name: s };
  const generic = /^(list|map|optional)<(.*)>$/.exec(s);
  if (generic !== null) {
    const args = splitTopLevel(generic[2] ?? '');
    if (generic[1] === 'list' && args.length === 1) return { kind: 'list', elem: parseType(args[0] as string) };
    if (generic[1] === 'optional' && args.length === 1) return { kind: 'optional', inner: parseType(args[0] as string) };
    if (generic[1] === 'map' && args.length === 2) return { kind: 'map', key: parseType(args[0] as string), value: parseType(args[1] as string) };
    throw new Error(`invalid type '${text}'`);
  }
  if (s === 'list') return { kind: 'list', elem: DYN };
  if (s === 'map') return { kind: 'map', key: DYN, value: DYN };
  if (!/^[A-Za-z_][\w.]*$/.test(s)) throw new Error(`invalid type '${text}'`);
  return { kind: 'opaque', name: s };
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}

export function typeName(t: StaticType): string {
  switch (t.kind) {
    case 'dyn':
      return 'dyn';
    case 'prim':
    case 'opaque':
      return t.name;
    case 'list':
      return `list(${typeName(t.elem)})`;
    case 'map':
      return `map(${typeName(t.key)}, ${typeName(t.value)})`;
    case 'type':
      return 'type';
    case 'optional':
      return `optional_type(${typeName(t.inner)})`;
    case 'param':
      return t.name;
  }
}

export function sameType(a: StaticType, b: StaticType): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'prim':
    case 'opaque':
    case 'param':
      return a.name === (b as typeof a).name;
    case 'list':
      return sameType(a.elem, (b as typeof a).elem);
    case 'map':
      return sameType(a.key, (b as typeof a).key) && sameType(a.value, (b as typeof a).value);
    case 'optional':
      return sameType(a.inner, (b as typeof a).inner);
    default:
      return true;
  }
}

export type Bindings = Map<string, StaticType>;

/** Whether a value of static type `actual` may be passed where `declared` is expected; binds type parameters. */
export function assignable(declared: StaticType, actual: StaticType, bindings: Bindings): boolean {
  if (actual.kind === 'dyn' || declared.kind === 'dyn') return true;
  if (declared.kind === 'param') {
    const bound = bindings.get(declared.name);
    if (bound === undefined) {
      bindings.set(declared.name, actual);
      return true;
    }
    if (bound.kind === 'dyn') return true;
    if (assignable(bound, actual, new Map())) return true;
    // A parameter bound to null_type widens to the other type (e.g. [null, 1]).
    if (bound.kind === 'prim' && bound.name === 'null_type') {
      bindings.set(declared.name, actual);
      return true;
    }
    return false;
  }
  if (actual.kind === 'param') return true;
  switch (declared.kind) {
    case 'prim':
      return actual.kind === 'prim' && actual.name === declared.name;
    case 'opaque':
      return actual.kind === 'opaque' && actual.name === declared.name;
    case 'type':
      return actual.kind === 'type';
    case 'list':
      return actual.kind === 'list' && assignable(declared.elem, actual.elem, bindings);
    case 'map':
      return actual.kind === 'map' && assignable(declared.key, actual.key, bindings) && assignable(declared.value, actual.value, bindings);
    case 'optional':
      return actual.kind === 'optional' && assignable(declared.inner, actual.inner, bindings);
  }
}

/** Replaces bound type parameters; unbound ones become dyn. */
export function substitute(t: StaticType, bindings: Bindings): StaticType {
  switch (t.kind) {
    case 'param':
      return bindings.get(t.name) ?? DYN;
    case 'list':
      return { kind: 'list', elem: substitute(t.elem, bindings) };
    case 'map':
      return { kind: 'map', key: substitute(t.key, bindings), value: substitute(t.value, bindings) };
    case 'optional':
      return { kind: 'optional', inner: substitute(t.inner, bindings) };
    default:
      return t;
  }
}

/** Common type of two branches: the type itself when equal, otherwise dyn. */
export function join(a: StaticType, b: StaticType): StaticType {
  if (sameType(a, b)) return a;
  if (a.kind === 'prim' && a.name === 'null_type') return b;
  if (b.kind === 'prim' && b.name === 'null_type') return a;
  return DYN;
}

/**
 * Runtime kind a declared parameter requires: the name kindOf() returns, or undefined when any
 * value is acceptable (dyn or a type parameter).
 */
export function runtimeKind(t: StaticType): string | undefined {
  switch (t.kind) {
    case 'dyn':
    case 'param':
      return undefined;
    case 'prim':
      return t.name === 'null' ? 'null_type' : t.name;
    case 'opaque':
      return t.name;
    case 'list':
      return 'list';
    case 'map':
      return 'map';
    case 'type':
      return 'type';
    case 'optional':
      return 'optional_type';
  }
}

export type Impl = (...args: Value[]) => Result;

export interface Overload {
  /** Member-style (`target.name(args)`); the receiver is the first parameter. */
  readonly member: boolean;
  readonly params: readonly StaticType[];
  readonly result: StaticType;
  /** Kind each runtime argument must have, precomputed from params. */
  readonly kinds: readonly (string | undefined)[];
  readonly impl: Impl;
}

export interface FunctionDecl {
  readonly name: string;
  /** Documentation hint naming the library that declared the function. */
  library?: string;
  readonly overloads: Overload[];
  /**
   * Optional compile-time check of literal arguments (Kubernetes validates regex, duration
   * and timestamp literals when an expression is compiled). Returns an error message.
   */
  validateLiterals?: (args: readonly (Value | undefined)[]) => string | undefined;
}

function makeOverload(member: boolean, params: readonly string[], result: string, impl: Impl): Overload {
  const parsed = params.map(parseType);
  return { member, params: parsed, result: parseType(result), kinds: parsed.map(runtimeKind), impl };
}

/** A set of function declarations contributed by one library. */
export class FunctionSet {
  readonly functions = new Map<string, FunctionDecl>();
  /** Opaque types the library introduces; their names can be used as type values (`net.IP`). */
  readonly types = new Set<string>();

  type(name: string): this {
    this.types.add(name);
    return this;
  }

  private decl(name: string): FunctionDecl {
    let decl = this.functions.get(name);
    if (decl === undefined) {
      decl = { name, overloads: [] };
      this.functions.set(name, decl);
    }
    return decl;
  }

  /** Global function `name(params...)`. */
  fn(name: string, params: readonly string[], result: string, impl: Impl): this {
    this.decl(name).overloads.push(makeOverload(false, params, result, impl));
    return this;
  }

  /** Member function `receiver.name(params...)`; impl receives the receiver first. */
  method(name: string, receiver: string, params: readonly string[], result: string, impl: Impl): this {
    this.decl(name).overloads.push(makeOverload(true, [receiver, ...params], result, impl));
    return this;
  }

  validate(name: string, check: NonNullable<FunctionDecl['validateLiterals']>): this {
    this.decl(name).validateLiterals = check;
    return this;
  }
}
