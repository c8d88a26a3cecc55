import assert from 'node:assert/strict';
import { it } from 'node:test';
import { CelCompileError, createCelEnvironment, type CelEnvironment, type CelInput } from '../../src/cel/index.js';
import { celEquals, displayValue, typeOf, type Value } from '../../src/cel/values.js';

/** The default (Kubernetes ValidatingAdmissionPolicy) environment. */
export const vapEnv = createCelEnvironment();

/**
 * A table row: an expression and what it must produce. A string expectation is itself a CEL
 * expression, so `'50703.0'` means the double and `'3'` the int; `{ error }` expects an
 * evaluation error and `{ compileError }` a compile error whose message matches.
 */
export type Expectation = string | { error: string | RegExp } | { compileError: string | RegExp };
export type Row = readonly [expression: string, expected: Expectation];

function matches(message: string, expected: string | RegExp): boolean {
  return typeof expected === 'string' ? message.includes(expected) : expected.test(message);
}

/** Equal values of the same CEL type (so 1 and 1.0 differ, unlike CEL's ==). */
export function sameValue(actual: Value, expected: Value): boolean {
  if (typeOf(actual) !== typeOf(expected)) return false;
  if (typeof actual === 'number' && typeof expected === 'number' && Number.isNaN(actual)) return Number.isNaN(expected);
  if (Array.isArray(actual) && Array.isArray(expected)) {
    return actual.length === expected.length && actual.every((item: Value, i: number) => sameValue(item, expected[i] as Value));
  }
  return celEquals(actual, expected);
}

export function evaluate(expression: string, input: CelInput = {}, env: CelEnvironment = vapEnv): Value {
  return env.compile(expression).evaluateOrThrow(input);
}

/** One `it` per row. */
export function table(rows: readonly Row[], input: CelInput = {}, env: CelEnvironment = vapEnv): void {
  for (const [expression, expected] of rows) {
    const label = typeof expected === 'string' ? `${expression} == ${expected}` : `${expression} fails (${'error' in expected ? expected.error : expected.compileError})`;
    it(label, () => {
      if (typeof expected === 'object' && 'compileError' in expected) {
        const compiled = env.tryCompile(expression);
        assert.equal(compiled.ok, false, `expected a compile error for ${expression}`);
        if (!compiled.ok) assert.ok(matches(compiled.error.message, expected.compileError), compiled.error.message);
        return;
      }
      let program;
      try {
        program = env.compile(expression);
      } catch (error) {
        if (error instanceof CelCompileError) assert.fail(`unexpected compile error: ${error.message}`);
        throw error;
      }
      const result = program.evaluate(input);
      if (typeof expected === 'object') {
        assert.equal(result.ok, false, `expected an error, got ${result.ok ? displayValue(result.value) : ''}`);
        if (!result.ok) assert.ok(matches(result.error.message, expected.error), result.error.message);
        return;
      }
      if (!result.ok) assert.fail(`unexpected error: ${result.error.message}`);
      const want = evaluate(expected, input, env);
      assert.ok(sameValue(result.value, want), `got ${displayValue(result.value)} (${typeOf(result.value).name}), want ${displayValue(want)} (${typeOf(want).name})`);
    });
  }
}
