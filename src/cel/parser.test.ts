import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse, CelSyntaxError } from './parser.js';
import { CelUint } from './values.js';

function literal(source: string): unknown {
  const expr = parse(source);
  assert.equal(expr.kind, 'literal', source);
  return expr.kind === 'literal' ? expr.value : undefined;
}

describe('CEL parser', () => {
  it('reads number literals', () => {
    assert.equal(literal('42'), 42n);
    assert.equal(literal('0x2A'), 42n);
    assert.equal(literal('-9223372036854775808'), -(2n ** 63n));
    assert.deepEqual(literal('18446744073709551615u'), new CelUint(2n ** 64n - 1n));
    assert.equal(literal('.5'), 0.5);
    assert.equal(literal('1e3'), 1000);
    assert.equal(literal('-2.5e-1'), -0.25);
    assert.throws(() => parse('9223372036854775808'), /integer literal out of range/);
    assert.throws(() => parse('18446744073709551616u'), /out of range/);
    assert.throws(() => parse('12abc'), /invalid number literal/);
  });

  it('reads string and bytes literals with CEL escapes', () => {
    assert.equal(literal(String.raw`'a\tb\n\x41\101\u00e9\U0001F600\\'`), 'a\tb\nAAé😀\\');
    assert.equal(literal(String.raw`r'\n'`), '\\n');
    assert.equal(literal("'''multi\nline'''"), 'multi\nline');
    assert.deepEqual(literal(String.raw`b'\xff\377ÿ'`), Uint8Array.from([0xff, 0xff, 0xc3, 0xbf]));
    assert.throws(() => parse("'line\nbreak'"), /newline in string literal/);
    assert.throws(() => parse(String.raw`b'\u00ff'`), /not allowed in bytes literals/);
    assert.throws(() => parse(String.raw`'\ud800'`), /invalid code point/);
    assert.throws(() => parse(String.raw`'\q'`), /invalid escape sequence/);
  });

  it('expands macros and validates their variables', () => {
    const expr = parse('list.all(x, x > 0)');
    assert.equal(expr.kind, 'macro');
    assert.equal(parse('m.exists(k, v, v > 0)').kind, 'macro');
    assert.equal(parse('has(a.b)').kind, 'has');
    assert.equal(parse('x.all(y)').kind, 'call'); // wrong arity: an ordinary call
    assert.throws(() => parse('list.all(x.y, true)'), /variable names must be simple identifiers/);
    assert.throws(() => parse('has(a)'), /has\(\) requires a field selection/);
    assert.throws(() => parse('m.exists(k, k, true)'), /variable names must differ/);
  });

  it('accepts optional syntax and quoted field names', () => {
    assert.equal(parse('a.?b').kind, 'select');
    assert.equal(parse('a[?0]').kind, 'index');
    assert.equal(parse('[?a, b]').kind, 'list');
    assert.equal(parse('{?"k": v}').kind, 'map');
    const quoted = parse('a.`b-c/d.e`');
    assert.ok(quoted.kind === 'select' && quoted.field === 'b-c/d.e');
  });

  it('allows reserved words as field and method names only', () => {
    assert.equal(parse('a.if').kind, 'select');
    assert.equal(parse('a.while()').kind, 'call');
    assert.throws(() => parse('if'), /reserved identifier 'if'/);
  });

  it('reports the offset of syntax errors', () => {
    try {
      parse('a +\n  * b');
      assert.fail('expected a syntax error');
    } catch (error) {
      assert.ok(error instanceof CelSyntaxError);
      assert.equal(error.offset, 6);
    }
  });
});
