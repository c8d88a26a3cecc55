import type { Value } from './values.js';

/**
 * Parsed CEL expression. Operators are calls with cel-go's internal names (`_+_`, `_==_`,
 * `!_`, `-_`, `@in`, ...), except those with non-strict evaluation (`&&`, `||`, `?:`),
 * field selection, indexing and the macros, which have their own node kinds.
 * `offset` is the UTF-16 offset of the node's main token in the source, for messages.
 */
export type Expr =
  | LiteralExpr
  | IdentExpr
  | SelectExpr
  | HasExpr
  | IndexExpr
  | CallExpr
  | LogicalExpr
  | ConditionalExpr
  | ListExpr
  | MapExpr
  | StructExpr
  | MacroExpr;

export interface LiteralExpr {
  kind: 'literal';
  offset: number;
  value: Value;
}

export interface IdentExpr {
  kind: 'ident';
  offset: number;
  name: string;
  /** A leading dot (`.name`) asks for the name in the root scope, ignoring the container. */
  absolute: boolean;
}

export interface SelectExpr {
  kind: 'select';
  offset: number;
  operand: Expr;
  field: string;
  /** `a.?b`: yields optional.none() instead of an error when b is absent. */
  optional: boolean;
}

/** `has(a.b)`: presence test of field b on a. */
export interface HasExpr {
  kind: 'has';
  offset: number;
  operand: Expr;
  field: string;
}

export interface IndexExpr {
  kind: 'index';
  offset: number;
  operand: Expr;
  index: Expr;
  /** `a[?b]` */
  optional: boolean;
}

export interface CallExpr {
  kind: 'call';
  offset: number;
  name: string;
  /** Receiver of a member-style call (`target.name(args)`). */
  target: Expr | undefined;
  args: Expr[];
}

export interface LogicalExpr {
  kind: 'and' | 'or';
  offset: number;
  left: Expr;
  right: Expr;
}

export interface ConditionalExpr {
  kind: 'conditional';
  offset: number;
  condition: Expr;
  then: Expr;
  otherwise: Expr;
}

export interface ListExpr {
  kind: 'list';
  offset: number;
  elements: Expr[];
  /** Elements written `?e`: included only when the optional e has a value. */
  optional: boolean[];
}

export interface MapEntry {
  key: Expr;
  value: Expr;
  /** `?key: value`: the entry exists only when the optional value has one. */
  optional: boolean;
}

export interface MapExpr {
  kind: 'map';
  offset: number;
  entries: MapEntry[];
}

/** `Type{field: value}` message construction: parsed, but this engine has no message types. */
export interface StructExpr {
  kind: 'struct';
  offset: number;
  typeName: string;
  fields: { name: string; value: Expr; optional: boolean }[];
}

export type MacroName =
  | 'all'
  | 'exists'
  | 'exists_one'
  | 'map'
  | 'filter'
  | 'transformList'
  | 'transformMap'
  | 'transformMapEntry'
  | 'optMap'
  | 'optFlatMap';

/**
 * Comprehension macros. With one variable, lists bind the element and maps the key; with
 * two (`all(i, v, p)`), lists bind index and element and maps key and value.
 * `args` holds the remaining macro arguments in source order (predicate, or filter and
 * transform).
 */
export interface MacroExpr {
  kind: 'macro';
  offset: number;
  macro: MacroName;
  range: Expr;
  iterVar: string;
  iterVar2: string | undefined;
  args: Expr[];
}

/** Direct sub-expressions of a node. */
export function children(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'literal':
    case 'ident':
      return [];
    case 'select':
    case 'has':
      return [expr.operand];
    case 'index':
      return [expr.operand, expr.index];
    case 'call':
      return expr.target === undefined ? expr.args : [expr.target, ...expr.args];
    case 'and':
    case 'or':
      return [expr.left, expr.right];
    case 'conditional':
      return [expr.condition, expr.then, expr.otherwise];
    case 'list':
      return expr.elements;
    case 'map':
      return expr.entries.flatMap((entry) => [entry.key, entry.value]);
    case 'struct':
      return expr.fields.map((field) => field.value);
    case 'macro':
      return [expr.range, ...expr.args];
  }
}
