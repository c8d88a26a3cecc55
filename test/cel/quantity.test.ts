import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseQuantity } from '../../src/cel/lib/quantity.js';
import { table } from './helpers.js';

describe('quantity library', () => {
  describe('Kubernetes quantity_test.go cases', () => {
    table([
      ['quantity("12Mi") == quantity("12582912")', 'true'],
      ['quantity("10Mo")', { error: 'quantities must match the regular expression' }],
      ['quantity("10Mm")', { error: "unable to parse quantity's suffix" }],
      ['isQuantity("20")', 'true'],
      ['isQuantity("20M")', 'true'],
      ['isQuantity("20Mi")', 'true'],
      ['isQuantity("20Mo")', 'false'],
      ['isQuantity("10Mm")', 'false'],
      ['isQuantity([1, 2, 3])', { compileError: "found no matching overload for 'isQuantity'" }],
      ['quantity("200M") == quantity("200M")', 'true'],
      ['quantity("200M") == quantity("0.2G") && quantity("0.2G") == quantity("200M")', 'true'],
      ['quantity("2M") == quantity("0.002G") && quantity("2000k") == quantity("2M") && quantity("0.002G") == quantity("2000k")', 'true'],
      ['quantity("200M") == quantity("0.3G")', 'false'],
      ['quantity("50M").isLessThan(quantity("50Mi"))', 'true'],
      ['quantity("50M").isLessThan(quantity("100M"))', 'true'],
      ['quantity("100M").isLessThan(quantity("50M"))', 'false'],
      ['quantity("50Mi").isGreaterThan(quantity("50M"))', 'true'],
      ['quantity("150Mi").isGreaterThan(quantity("100Mi"))', 'true'],
      ['quantity("50M").isGreaterThan(quantity("100M"))', 'false'],
      ['quantity("200M").compareTo(quantity("0.2G"))', '0'],
      ['quantity("50M").compareTo(quantity("50Mi"))', '-1'],
      ['quantity("50Mi").compareTo(quantity("50M"))', '1'],
      ['quantity("50k").add(quantity("20")) == quantity("50.02k")', 'true'],
      ['quantity("50k").add(20).isLessThan(quantity("50020"))', 'false'],
      ['quantity("50k").sub(quantity("20")) == quantity("49.98k")', 'true'],
      ['quantity("50k").sub(20) == quantity("49980")', 'true'],
      ['quantity("50k").add(20).sub(quantity("100k")).asInteger()', '-49980'],
      ['quantity("50k").add(20).sub(quantity("100k")).sub(-50000).asInteger()', '20'],
      ['quantity("50k").asInteger()', '50000'],
      ['quantity("9999999999999999999999999999999999999G").asInteger()', { error: 'cannot convert value to integer' }],
      ['quantity("9999999999999999999999999999999999999G").isInteger()', 'false'],
      ['quantity("50").isInteger()', 'true'],
      ['quantity("50.703k").asApproximateFloat()', '50703.0'],
    ]);
  });

  describe('parsing and the int64/decimal distinction Kubernetes exposes', () => {
    table([
      ['quantity("1.5Gi") == quantity("1536Mi")', 'true'],
      ['quantity("1e3") == quantity("1k")', 'true'],
      ['quantity("1E3") == quantity("1000")', 'true'],
      ['quantity("1E") == quantity("1000P")', 'true'],
      ['quantity("100m") == quantity("0.1")', 'true'],
      ['quantity("1n").isGreaterThan(quantity("0"))', 'true'],
      ['quantity("0.0000000001") == quantity("1n")', 'true'], // rounded up to a nano
      ['quantity("-0.0000000001") == quantity("-1n")', 'true'],
      ['quantity("+5") == quantity("5")', 'true'],
      ['quantity(".5") == quantity("500m")', 'true'],
      ['quantity("1.") == quantity("1")', 'true'],
      ['quantity("-1Ki").sign()', '-1'],
      ['quantity("0").sign()', '0'],
      ['sign(quantity("2"))', '1'],
      ['quantity("1.0").isInteger()', 'false'], // int64 amount with a negative scale
      ['quantity("1Ti").isInteger()', 'true'],
      ['quantity("100Ti").isInteger()', 'false'], // parsed through the decimal path
      ['quantity("1Ei").isInteger()', 'false'],
      ['quantity("1E").asInteger()', '1000000000000000000'],
      ['quantity("10E").isInteger()', 'false'],
      ['quantity("8Ei") == quantity("9223372036854775807")', 'true'], // BinarySI is capped at 2^63-1
      ['quantity("1.5").add(quantity("500m")).isInteger()', 'false'],
      ['quantity("1k").add(quantity("1")).asInteger()', '1001'],
      ['quantity("9223372036854775807").add(1).isInteger()', 'false'], // overflow moves to decimals
      ['quantity("9223372036854775807").add(1).isGreaterThan(quantity("9223372036854775807"))', 'true'],
      ['quantity("1Mi").asApproximateFloat()', '1048576.0'],
      ['quantity("K")', { error: "unable to parse quantity's suffix" }],
      ['quantity("1 Ki")', { error: 'quantities must match' }],
      ['quantity("0.1mi")', { error: "unable to parse quantity's suffix" }],
      ['quantity("1e+-3")', { error: 'quantities must match' }],
      ['quantity("1K")', { error: "unable to parse quantity's suffix" }],
      ['quantity("1Mi2")', { error: "unable to parse quantity's suffix" }],
      ['quantity("1.5.5")', { error: 'quantities must match' }],
      ['quantity("")', { error: 'quantities must match' }],
      ['quantity("1e1000000")', { error: 'outside the supported range' }],
      ['type(quantity("1")) == kubernetes.Quantity', 'true'],
    ]);
  });

  it('keeps values exact where floating point would not', () => {
    assert.equal(parseQuantity('0.1').add(parseQuantity('0.2')).compare(parseQuantity('0.3')), 0);
    assert.equal(parseQuantity('123456789012345678901234567890').compare(parseQuantity('123456789012345678901234567891')), -1);
  });
});
