import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { celCompare, celEquals, CelDuration, CelTimestamp, CelUint, compareStrings, formatDouble, formatDuration, formatTimestamp, toCelValue, type CelMap } from './values.js';

describe('CEL values', () => {
  it('compares numbers across int, uint and double like cel-go', () => {
    assert.equal(celEquals(1n, 1), true);
    assert.equal(celEquals(new CelUint(1n), 1n), true);
    assert.equal(celEquals(NaN, NaN), false);
    assert.equal(celCompare(2n ** 63n - 1n, 2 ** 63), 0); // compared as doubles inside the int range
    assert.equal(celCompare(1n, 1.5), -1);
    assert.ok(Number.isNaN(celCompare(1n, NaN) as number));
    assert.equal(celCompare('a', 1n), undefined);
  });

  it('compares strings by code point', () => {
    assert.equal(compareStrings('\uffff', '😀'), -1); // UTF-16 order would say the opposite
    assert.equal(compareStrings('a', 'ab'), -1);
  });

  it('treats map keys 1, 1u and 1.0 as the same key', () => {
    const map = toCelValue(new Map<unknown, unknown>([[1n, 'one']])) as CelMap;
    assert.equal(map.get(new CelUint(1n)), 'one');
    assert.equal(map.get(1), 'one');
    assert.equal(map.get(1.5), undefined);
    assert.equal(map.get('1'), undefined);
  });

  it('formats doubles, durations and timestamps like cel-go', () => {
    assert.equal(formatDouble(123.456), '123.456');
    assert.equal(formatDouble(-4.5e-3), '-0.0045');
    assert.equal(formatDouble(1e6), '1e+06');
    assert.equal(formatDouble(1e-5), '1e-05');
    assert.equal(formatDouble(Infinity), '+Inf');
    assert.equal(formatDuration(new CelDuration(-1_500_000_000n)), '-1.5s');
    assert.equal(formatTimestamp(new CelTimestamp(1_000_000_001n)), '1970-01-01T00:00:01.000000001Z');
    assert.equal(formatTimestamp(new CelTimestamp(CelTimestamp.MIN)), '0001-01-01T00:00:00Z');
  });

  it('converts JSON data once and caches it by identity', () => {
    const data = { a: [1, 2.5, 'x', null, true] };
    assert.equal(toCelValue(data), toCelValue(data));
    const map = toCelValue(data) as CelMap;
    assert.deepEqual(map.get('a'), [1n, 2.5, 'x', null, true]);
  });
});
