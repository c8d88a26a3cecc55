/** Where in an expression something went wrong. Line and column are 1-based; columns count code points. */
export interface CelLocation {
  /** UTF-16 offset into the expression text. */
  offset: number;
  line: number;
  column: number;
}

export function locate(source: string, offset: number): CelLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  const column = [...source.slice(lineStart, end)].length + 1;
  return { offset: end, line, column };
}

/** Renders `message` with the offending source line and a caret under the position. */
export function formatWithSource(source: string, location: CelLocation, message: string): string {
  const lines = source.split('\n');
  const text = lines[location.line - 1] ?? '';
  return `${message}\n | ${text}\n | ${' '.repeat(Math.max(location.column - 1, 0))}^`;
}

export interface CelIssue extends CelLocation {
  message: string;
}

/** The expression does not parse, refers to something undeclared, or is ill-typed. */
export class CelCompileError extends Error {
  readonly issues: readonly CelIssue[];
  readonly expression: string;

  constructor(expression: string, issues: readonly CelIssue[]) {
    const first = issues[0];
    const where = first === undefined ? '' : `${first.line}:${first.column}: `;
    super(`${where}${first?.message ?? 'invalid expression'}${issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''}`);
    this.name = 'CelCompileError';
    this.issues = issues;
    this.expression = expression;
  }

  /** All issues with the source line and a caret, one block per issue. */
  describe(): string {
    return this.issues.map((issue) => formatWithSource(this.expression, issue, `${issue.line}:${issue.column}: ${issue.message}`)).join('\n');
  }
}

/**
 * Why an evaluation failed: `error` is a CEL runtime error (no such key, division by zero,
 * no matching overload, ...); `cost` and `timeout` mean the evaluation exceeded its budget.
 */
export type CelEvaluationErrorKind = 'error' | 'cost' | 'timeout';

export class CelEvaluationError extends Error {
  readonly kind: CelEvaluationErrorKind;
  /** Position of the sub-expression that failed, when known. */
  readonly location: CelLocation | undefined;
  readonly expression: string;
  /** The message without the position prefix. */
  readonly detail: string;

  constructor(expression: string, message: string, kind: CelEvaluationErrorKind, location?: CelLocation) {
    super(location === undefined ? message : `${location.line}:${location.column}: ${message}`);
    this.name = 'CelEvaluationError';
    this.kind = kind;
    this.location = location;
    this.expression = expression;
    this.detail = message;
  }

  /** The message with the source line and a caret under the failing sub-expression. */
  describe(): string {
    return this.location === undefined ? this.message : formatWithSource(this.expression, this.location, this.message);
  }
}

/** Thrown inside the interpreter when the cost or time budget runs out; never absorbed by `||`/`&&`. */
export class BudgetExceeded extends Error {
  constructor(
    readonly kind: 'cost' | 'timeout',
    message: string,
  ) {
    super(message);
    this.name = 'BudgetExceeded';
  }
}
