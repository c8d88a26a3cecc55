import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isNonZeroQuantity, isZeroQuantity, parseQuantity } from './quantity.js';

describe('resource quantities', () => {
  it('reads the forms the API server accepts', () => {
    const cases: Array<[unknown, number | undefined]> = [
      ['500m', 0.5], ['1.5Gi', 1.5 * 2 ** 30], ['2e3', 2000], ['1E', 1e18], ['128974848', 128974848], ['.5', 0.5], [' 1Ki ', 1024],
      [1, 1], [0.25, 0.25], ['0', 0], ['0Mi', 0], ['00', 0], ['-0', -0], ['0e5', 0], ['1e-400', 0],
      ['', undefined], ['abc', undefined], ['1Kb', undefined], ['1.2.3', undefined], [Number.NaN, undefined], [null, undefined], [true, undefined],
    ];
    for (const [value, expected] of cases) assert.equal(parseQuantity(value), expected, String(value));
  });

  it('tells a written zero from a value, and from nothing written', () => {
    const zero = ['0', '0m', '0Gi', '000', '0.0', '-0', '+0', '0e9', '1e-400', ' 0', 0];
    const notZero = ['1', '500m', '128Mi', '9', '1E', '2e3', '10', '0.5', '.5', 'garbage', '1x', undefined, null];
    for (const value of zero) assert.equal(isZeroQuantity(value), true, `zero: ${String(value)}`);
    for (const value of notZero) assert.equal(isZeroQuantity(value), false, `not zero: ${String(value)}`);
    assert.equal(isNonZeroQuantity('0'), false);
    assert.equal(isNonZeroQuantity('250m'), true);
    assert.equal(isNonZeroQuantity('garbage'), true, 'a value that does not parse counts as set');
    assert.equal(isNonZeroQuantity(undefined), false);
  });
});
