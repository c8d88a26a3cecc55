import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSelector, describeSelector } from './selectors.js';

describe('label selectors', () => {
  const labels = { app: 'web', tier: 'frontend' };
  const cases: { name: string; selector: unknown; matches: boolean }[] = [
    { name: 'empty selects all', selector: {}, matches: true },
    { name: 'null is the empty selector', selector: null, matches: true },
    { name: 'matchLabels equal', selector: { matchLabels: { app: 'web' } }, matches: true },
    { name: 'matchLabels differ', selector: { matchLabels: { app: 'db' } }, matches: false },
    { name: 'matchLabels and expressions are ANDed', selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] }, matches: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'frontend'] }] }, matches: true },
    { name: 'NotIn with another value', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, matches: true },
    { name: 'NotIn holds when the label is absent', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, matches: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, matches: true },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, matches: false },
    { name: 'In without values is invalid and selects nothing', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, matches: false },
    { name: 'Exists with values is invalid', selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, matches: false },
    { name: 'an unknown operator is invalid', selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, matches: false },
    { name: 'a prefixed key is valid', selector: { matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'DoesNotExist' }] }, matches: true },
    { name: 'a key with @ is invalid', selector: { matchLabels: { 'app@b': 'web' } }, matches: false },
    { name: 'a value with $ is invalid', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['$db'] }] }, matches: false },
  ];
  for (const { name, selector, matches } of cases) it(name, () => assert.equal(compileSelector(selector).matches(labels), matches));

  it('reports why a selector is invalid, as the API server words it', () => {
    assert.equal(compileSelector({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }).error, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty");
    assert.equal(compileSelector({ matchLabels: 'app=web' }).error, 'matchLabels must be a map of strings');
    // Written alike as JSON, judged apart: a value YAML reads as NaN is no map, where null is none.
    assert.equal(compileSelector({ matchLabels: null }).error, undefined);
    assert.equal(compileSelector({ matchLabels: Number.NaN }).error, 'matchLabels must be a map of strings');
    assert.equal(compileSelector({ matchExpressions: [{ key: 'a', operator: null }] }).error, '"" is not a valid label selector operator');
    assert.equal(compileSelector({ matchExpressions: [{ key: 'a', operator: Number.POSITIVE_INFINITY }] }).error, '"Infinity" is not a valid label selector operator');
    assert.equal(
      compileSelector({ matchLabels: { tier: '$backend' } }).error,
      `values[0]: Invalid value: "$backend": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`,
    );
    assert.equal(compileSelector({ matchLabels: { 'app@b': 'web' } }).error, `key: Invalid value: "app@b": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character`);
    assert.equal(compileSelector({ matchLabels: { tier: 7 } }).error, 'matchLabels["tier"] must be a string');
  });

  it('equal selectors written differently share a key', () => {
    const a = compileSelector({ matchLabels: { app: 'web', tier: 'frontend' } });
    const b = compileSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }], matchLabels: { app: 'web' } });
    assert.equal(a.key, b.key);
    assert.notEqual(a.key, compileSelector({ matchLabels: { app: 'web' } }).key);
  });

  it('describes selectors for people', () => {
    assert.equal(describeSelector(compileSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['a', 'b'] }, { key: 'debug', operator: 'DoesNotExist' }] })), '{app=web,!debug,tier notin (a,b)}');
    assert.equal(describeSelector(compileSelector({})), '{}');
  });
});
