import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSelector, requirementHolds } from './label-selector.js';

describe('the shared label selector reader', () => {
  it('compiles each written selector once and keeps a bounded table of them', () => {
    const written = (index: number) => ({ matchLabels: { app: `table-test-${index}` } });
    const first = compileSelector(written(0));
    assert.equal(compileSelector(written(0)), first, 'the same text gives the same selector');
    for (let index = 1; index < 12_000; index++) compileSelector(written(index));
    assert.equal(compileSelector(written(0)), first, 'the first texts seen stay');
    const late = compileSelector(written(11_999));
    assert.notEqual(compileSelector(written(11_999)), late, 'past the bound, selectors are compiled each time');
    assert.equal(late.matches({ app: 'table-test-11999' }), true);
  });

  it('does not share a selector between values that JSON writes alike', () => {
    assert.equal(compileSelector({ matchLabels: null }).empty, true);
    assert.equal(compileSelector({ matchLabels: Number.NaN }).error, 'matchLabels must be a map of strings');
    assert.equal(compileSelector({ matchLabels: null }).error, undefined);
  });

  it('takes no inherited property for an operator', () => {
    for (const operator of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      assert.equal(compileSelector({ matchExpressions: [{ key: 'a', operator }] }).error, `${JSON.stringify(operator)} is not a valid label selector operator`);
      // With another requirement on the same key, ordering them must not fail either.
      assert.equal(compileSelector({ matchLabels: { a: 'x' }, matchExpressions: [{ key: 'a', operator }] }).matches({ a: 'x' }), false);
    }
  });

  it('gives equal selectors equal keys, whatever the order of their requirements', () => {
    const one = compileSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['x'] }, { key: 'a', operator: 'In', values: ['y', 'z'] }] });
    const other = compileSelector({ matchExpressions: [{ key: 'a', operator: 'In', values: ['z', 'y'] }, { key: 'a', operator: 'In', values: ['x'] }] });
    assert.equal(one.key, other.key);
  });

  it('evaluates NotIn as apimachinery does: an absent label satisfies it', () => {
    assert.equal(requirementHolds({ key: 'env', operator: 'NotIn', values: ['prod'] }, {}), true);
    assert.equal(requirementHolds({ key: 'env', operator: 'NotIn', values: ['prod'] }, { env: 'prod' }), false);
    assert.equal(requirementHolds({ key: 'env', operator: 'In', values: ['prod'] }, {}), false);
  });
});
