import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Budget, withBudget } from './runtime.js';
import { compileRegex, Re2, RegexSyntaxError } from './re2.js';

describe('RE2 engine', () => {
  it('matches leftmost-first, like Go and Perl', () => {
    assert.deepEqual(compileRegex('a|ab').exec('ab'), [0, 1]);
    assert.deepEqual(compileRegex('ab|a').exec('ab'), [0, 2]);
    assert.deepEqual(compileRegex('a*?b').exec('aaab'), [0, 4]);
    assert.deepEqual(compileRegex('x*').exec('aaa'), [0, 0]);
    assert.deepEqual(compileRegex('b+').exec('aabbb'), [2, 5]);
  });

  it('implements counted repetition and classes', () => {
    assert.equal(compileRegex('^a{2,3}$').test('aaa'), true);
    assert.equal(compileRegex('^a{2,3}$').test('aaaa'), false);
    assert.equal(compileRegex('^a{2,}$').test('aaaaa'), true);
    assert.equal(compileRegex('^[^a-c]+$').test('xyz'), true);
    assert.equal(compileRegex('^[]a]+$').test(']a'), true); // a leading ] is literal
    assert.equal(compileRegex('^[\\d\\-x]+$').test('1-x'), true);
    assert.equal(compileRegex('^[[:^alpha:]]+$').test('123'), true);
    assert.equal(compileRegex('^\\PL+$').test('123'), true);
    assert.equal(compileRegex('^\\p{^Greek}+$').test('abc'), true);
  });

  it('handles code points outside the BMP as single characters', () => {
    assert.equal(compileRegex('^.$').test('😀'), true);
    assert.equal(compileRegex('^[😀-😂]$').test('😁'), true);
    assert.deepEqual(compileRegex('.').findAll('a😀b', -1), ['a', '😀', 'b']);
  });

  it('supports scoped flags', () => {
    assert.equal(compileRegex('a(?i:B)c').test('abc'), true);
    assert.equal(compileRegex('a(?i:B)c').test('abC'), false);
    assert.equal(compileRegex('(?i)a(?-i)B').test('AB'), true);
    assert.equal(compileRegex('(?i)a(?-i)B').test('Ab'), false);
  });

  it('runs in time linear in the input on patterns that make backtracking engines explode', () => {
    for (const [pattern, input] of [
      ['(a+)+$', `${'a'.repeat(20_000)}!`],
      ['(a|aa)*b', 'a'.repeat(20_000)],
      ['(x+x+)+y', 'x'.repeat(5_000)],
      ['.*foo.*bar', 'x'.repeat(200_000)],
    ] as const) {
      const started = performance.now();
      assert.equal(compileRegex(pattern).test(input), false, pattern);
      assert.ok(performance.now() - started < 3000, `${pattern} took ${performance.now() - started} ms`);
    }
  });

  it('charges the evaluation budget for its work', () => {
    const budget = new Budget(100, performance.now() + 10_000);
    assert.throws(() => withBudget(budget, () => compileRegex('(a|b|c|d)*e').test('abcd'.repeat(10_000))), /cost exceeded/);
  });

  it('rejects what RE2 rejects', () => {
    for (const pattern of ['(a)\\1', 'a(?=b)', '(?!a)', 'a**', 'a{1001}', '(a', 'a)', '[a', '[z-a]', '\\C', '*', '\\8', '(?P<>a)', 'x{2,1}']) {
      assert.throws(() => Re2.compile(pattern), RegexSyntaxError, pattern);
    }
  });

  it('keeps a literal { that does not start a repeat', () => {
    assert.equal(compileRegex('^a{,2}$').test('a{,2}'), true);
    assert.equal(compileRegex('^{$').test('{'), true);
  });
});
