import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { indexedLoops } from '../../scripts/indexed-loops.js';

/**
 * Every exported function runs once as `tsc` emits it and once with the build's transform;
 * the two must return the same values. The cases are the ways an indexed loop could differ
 * from `for…of` over an array: bindings, closures, labels, mutation during the loop, holes.
 */
const SNIPPETS = `
export function sum(): number {
  let total = 0;
  for (const value of [1, 2, 3]) total += value;
  return total;
}
export function readonlyAndTuple(): unknown[] {
  const out: unknown[] = [];
  const frozen: readonly string[] = ['a', 'b'];
  const pair: [number, string] = [1, 'x'];
  for (const item of frozen) out.push(item);
  for (const item of pair) out.push(item);
  return out;
}
export function unionOfArrays(): unknown[] {
  const out: unknown[] = [];
  const pick = (flag: boolean): number[] | string[] => (flag ? [1, 2] : ['a']);
  for (const item of pick(true)) out.push(item);
  for (const item of pick(false)) out.push(item);
  return out;
}
export function closuresCaptureEachItem(): number[] {
  const fns: Array<() => number> = [];
  for (const value of [1, 2, 3]) fns.push(() => value);
  return fns.map((fn) => fn());
}
export function letBindingIsFreshEachStep(): unknown[] {
  const values = [1, 2, 3];
  const seen: number[] = [];
  const fns: Array<() => number> = [];
  for (let value of values) {
    value *= 10;
    fns.push(() => value);
    seen.push(value);
  }
  return [seen, values, fns.map((fn) => fn())];
}
export function growsDuringTheLoop(): number[] {
  const values = [1, 2];
  const out: number[] = [];
  for (const value of values) {
    if (value < 3) values.push(value + 10);
    out.push(value);
  }
  return out;
}
export function shrinksDuringTheLoop(): number[] {
  const values = [1, 2, 3, 4, 5];
  const out: number[] = [];
  for (const value of values) {
    values.pop();
    out.push(value);
  }
  return out;
}
export function reassignedArray(): number[] {
  let values = [1, 2, 3];
  const out: number[] = [];
  for (const value of values) {
    values = [];
    out.push(value);
  }
  return out;
}
export function holes(): unknown[] {
  // eslint-disable-next-line no-sparse-arrays
  const sparse: Array<number | undefined> = [1, , 3];
  const out: unknown[] = [];
  for (const value of sparse) out.push(value === undefined ? 'hole' : value);
  return out;
}
export function labelledContinueAndBreak(): unknown[] {
  const out: unknown[] = [];
  outer: for (const a of [1, 2, 3, 4]) {
    for (const b of [1, 2, 3]) {
      if (b === a) continue outer;
      if (a === 4) break outer;
      out.push([a, b]);
    }
  }
  return out;
}
export function twoLabels(): unknown[] {
  const out: unknown[] = [];
  first: second: for (const a of [1, 2, 3]) {
    if (a === 1) continue first;
    if (a === 3) break second;
    out.push(a);
  }
  return out;
}
export function returnsFromInside(): number {
  for (const value of [5, 6, 7]) if (value > 5) return value;
  return -1;
}
export function bodyShadowsTheBinding(): number[] {
  const out: number[] = [];
  for (const value of [1, 2]) {
    const copy = value;
    {
      const value = 100;
      out.push(value + copy);
    }
  }
  return out;
}
export function bodyRedeclaresTheName(): number[] {
  const out: number[] = [];
  for (const value of [1, 2]) {
    const value = 0;
    out.push(value);
  }
  return out;
}
export function destructuring(): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of Object.entries({ a: 1, b: 2 })) out.push(key + value);
  for (const { name, size = 7 } of [{ name: 'x' }, { name: 'y', size: 2 }] as Array<{ name: string; size?: number }>) out.push(name + size);
  for (const [first, , third] of [[1, 2, 3]]) out.push(first, third);
  return out;
}
export function evaluatesTheArrayOnce(): number {
  let calls = 0;
  const values = (): number[] => {
    calls++;
    return [1, 2, 3];
  };
  for (const value of values()) void value;
  return calls;
}
export function nested(): number[] {
  const out: number[] = [];
  for (const row of [[1, 2], [3]]) for (const cell of row) out.push(cell);
  return out;
}
export function inAGenerator(): number[] {
  function* doubled(values: number[]): Generator<number> {
    for (const value of values) yield value * 2;
  }
  return [...doubled([1, 2, 3])];
}
export async function inAnAsyncFunction(): Promise<number[]> {
  const out: number[] = [];
  for (const value of [1, 2]) out.push(await Promise.resolve(value));
  return out;
}
export function inAClassMethod(): number {
  class Counter {
    total = 0;
    add(values: readonly number[]): this {
      for (const value of values) this.total += value;
      return this;
    }
  }
  return new Counter().add([1, 2, 3]).total;
}
export function iteratedExpressionMentionsTheBinding(): string {
  const pick = (): string => 'outer';
  try {
    // The closure sees the loop's own binding, not yet initialised when the array is made.
    for (const pick of [() => pick]) return typeof pick();
    return 'no items';
  } catch (error) {
    return (error as Error).constructor.name + String(pick === undefined);
  }
}
export function usingBindings(): string[] {
  const log: string[] = [];
  const resource = (name: string): Disposable => ({ [Symbol.dispose]: () => log.push(\`dispose \${name}\`) });
  for (using item of [resource('a'), resource('b')]) log.push(item === undefined ? 'none' : 'body');
  return log;
}
export async function awaitUsingBindings(): Promise<string[]> {
  const log: string[] = [];
  const resource = (name: string): AsyncDisposable => ({ [Symbol.asyncDispose]: async () => void log.push(\`dispose \${name}\`) });
  for (await using item of [resource('a'), resource('b')]) log.push(item === undefined ? 'none' : 'body');
  return log;
}
export function notArrays(): unknown[] {
  const out: unknown[] = [];
  for (const [key, value] of new Map([['k', 1]])) out.push(key, value);
  for (const value of new Set([1, 1, 2])) out.push(value);
  for (const character of 'a😀') out.push(character);
  function* numbers(): Generator<number> {
    yield 1;
    yield 2;
  }
  for (const value of numbers()) out.push(value);
  const iterable: Iterable<number> = { *[Symbol.iterator]() { yield 9; } };
  for (const value of iterable) out.push(value);
  return out;
}
`;

const FILE = '/virtual/snippets.ts';
const OPTIONS: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, strict: true, lib: ['lib.es2023.d.ts', 'lib.esnext.disposable.d.ts'], types: [], noEmitOnError: true };

/** The snippets compiled as tsc does, and with the transform: JavaScript texts. */
function compileBoth(): { plain: string; transformed: string; diagnostics: readonly ts.Diagnostic[] } {
  const host = ts.createCompilerHost(OPTIONS);
  const readSource = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError) => (name === FILE ? ts.createSourceFile(FILE, SNIPPETS, version) : readSource(name, version, onError));
  host.fileExists = ((exists) => (name: string) => name === FILE || exists(name))(host.fileExists.bind(host));
  const program = ts.createProgram([FILE], OPTIONS, host);
  const outputs: string[] = [];
  const write = (_name: string, text: string) => outputs.push(text);
  program.emit(undefined, write);
  program.emit(undefined, write, undefined, false, { before: [indexedLoops(program)] });
  return { plain: outputs[0] ?? '', transformed: outputs[1] ?? '', diagnostics: ts.getPreEmitDiagnostics(program) };
}

const load = async (code: string): Promise<Record<string, () => unknown>> => (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Record<string, () => unknown>;

describe('indexed loops (build transform)', () => {
  const { plain, transformed, diagnostics } = compileBoth();

  it('compiles the snippets cleanly', () => {
    assert.deepEqual(
      diagnostics.map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')),
      [],
    );
    assert.ok(plain.length > 0 && transformed.length > 0);
  });

  it('rewrites loops over arrays and leaves other iterables alone', () => {
    const forOfs = (code: string) => (code.match(/for \((const|let) [^;]*? of /g) ?? []).length;
    // tsc keeps every for…of; the transform keeps the five over a Map, a Set, a string, a generator
    // and an iterable, the one under two labels, the one whose array mentions its binding's name,
    // and the two `using` loops (whose disposal the loop performs).
    assert.equal(forOfs(plain), 34);
    assert.equal(forOfs(transformed), 9);
    assert.match(transformed, /outer: for \(let index_\d+ = 0;/);
    assert.match(transformed, /first: second: for \(const a of/);
  });

  it('gives every snippet the same result as the untransformed code', async () => {
    const before = await load(plain);
    const after = await load(transformed);
    const names = Object.keys(before).sort();
    assert.equal(names.length, 24);
    for (const name of names) {
      const expected = await (before[name] as () => unknown)();
      assert.deepEqual(await (after[name] as () => unknown)(), expected, name);
    }
  });
});
