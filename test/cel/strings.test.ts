import { describe } from 'node:test';
import { table } from './helpers.js';

describe('strings extension', () => {
  describe('indexing by code point', () => {
    table([
      ["'tacocat'.charAt(3)", "'o'"],
      ["'tacocat'.charAt(7)", "''"],
      ["'tacocat'.charAt(30)", { error: 'index out of range: 30' }],
      ["'©αT'.charAt(1)", "'α'"],
      ["'a😀b'.charAt(2)", "'b'"],
      ["'tacocat'.indexOf('co')", '2'],
      ["'tacocat'.indexOf('a', 3)", '5'],
      ["'tacocat'.indexOf('')", '0'],
      ["'a😀b😀'.indexOf('😀', 2)", '3'],
      ["'tacocat'.indexOf('a', 30)", { error: 'index out of range: 30' }],
      ["'tacocat'.lastIndexOf('a')", '5'],
      ["'tacocat'.lastIndexOf('a', 4)", '1'],
      ["'tacocat'.lastIndexOf('')", '7'],
      ["'tacocat'.lastIndexOf('a', -1)", { error: 'index out of range: -1' }],
      ["'tacocat'.substring(4)", "'cat'"],
      ["'tacocat'.substring(0, 4)", "'taco'"],
      ["'ta©o©αT'.substring(2, 6)", "'©o©α'"],
      ["'tacocat'.substring(4, 3)", { error: 'invalid substring range. start: 4, end: 3' }],
      ["'tacocat'.substring(-1)", { error: 'index out of range: -1' }],
      ["size('😀')", '1'],
    ]);
  });

  describe('transformations', () => {
    table([
      ["'TacoCat ÀÉ'.lowerAscii()", "'tacocat ÀÉ'"], // only ASCII letters change
      ["'tacoCat àé'.upperAscii()", "'TACOCAT àé'"],
      ["'{0} days {0} hours'.replace('{0}', '2')", "'2 days 2 hours'"],
      ["'{0} days {0} hours'.replace('{0}', '2', 1)", "'2 days {0} hours'"],
      ["'abc'.replace('', '-')", "'-a-b-c-'"],
      ["'hello world'.split(' ')", "['hello', 'world']"],
      ["'a,b,c'.split(',', 2)", "['a', 'b,c']"],
      ["'a,b,c'.split(',', 0)", '[]'],
      ["'abc'.split('')", "['a', 'b', 'c']"],
      ["' \\f\\n\\r\\t\\vtext  '.trim()", "'text'"],
      ["'\\u00a0\\u2003text\\u3000'.trim()", "'text'"],
      ["'\\u200btext'.trim()", "'\\u200btext'"], // zero-width space is not white space
      ["['x', 'y'].join()", "'xy'"],
      ["['x', 'y'].join('-')", "'x-y'"],
      ['[].join()', "''"],
      ["'gums'.reverse()", "'smug'"],
      ["'a😀b'.reverse()", "'b😀a'"],
      ["strings.quote('first\\nsecond')", "'\"first\\\\nsecond\"'"],
      ["strings.quote('say \"hi\"')", "'\"say \\\\\"hi\\\\\"\"'"],
      ["strings.quote('завтра')", "'\"завтра\"'"],
    ]);
  });

  describe('format', () => {
    table([
      ["'%s and %s'.format(['a', 'b'])", "'a and b'"],
      ["'%d%%'.format([42])", "'42%'"],
      ["'%.3f'.format([1.2345])", "'1.234'"],
      ["'%.0f'.format([2.5])", "'2'"], // half to even, like Go
      ["'%.0f'.format([3.5])", "'4'"],
      ["'%f'.format([2.71828])", "'2.718280'"],
      ["'%e'.format([1052.032911275])", "'1.052033e+03'"],
      ["'%b %o %x %X'.format([5, 11, 30, 30])", "'101 13 1e 1E'"],
      ["'%x'.format(['Hello'])", "'48656c6c6f'"],
      ["'%s'.format([[1, 'two', 3.5, null]])", "'[1, two, 3.5, null]'"],
      ["'%s'.format([{'b': 2, 'a': 1}])", "'{a: 1, b: 2}'"], // map entries sorted by key
      ["'%s'.format([duration('90s')])", "'90s'"],
      ["'%s'.format([timestamp('2024-01-02T03:04:05Z')])", "'2024-01-02T03:04:05Z'"],
      ["'%d'.format([double('NaN')])", "'NaN'"],
      ["'%d %d'.format([1])", { error: 'index 1 out of range' }],
      ["'%a'.format([1])", { error: 'unrecognized formatting clause "a"' }],
      ["'%d'.format(['x'])", { error: 'decimal clause can only be used on integers' }],
      ["'%s'.format([quantity('1')])", { error: 'string clause can only be used on' }],
      ["'replicas: %d'.format([object.spec.replicas])", "'replicas: 3'"],
    ], { object: { spec: { replicas: 3 } } });
  });
});
