import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { labelsOf, selectorMatches } from './selectors.js';

const web = { app: 'web', tier: 'frontend' };

describe('label selectors', () => {
  const cases: { name: string; selector: Record<string, unknown>; labels: Record<string, string>; matches: boolean }[] = [
    { name: 'empty selector selects everything', selector: {}, labels: web, matches: true },
    { name: 'empty lists are an empty selector', selector: { matchLabels: {}, matchExpressions: [] }, labels: {}, matches: true },
    { name: 'matchLabels subset', selector: { matchLabels: { app: 'web' } }, labels: web, matches: true },
    { name: 'matchLabels value differs', selector: { matchLabels: { app: 'api' } }, labels: web, matches: false },
    { name: 'matchLabels key missing', selector: { matchLabels: { team: 'shop' } }, labels: web, matches: false },
    { name: 'In', selector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] }, labels: web, matches: true },
    { name: 'In, label missing', selector: { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, labels: web, matches: false },
    { name: 'NotIn, other value', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }, labels: web, matches: true },
    { name: 'NotIn, listed value', selector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }, labels: web, matches: false },
    { name: 'NotIn is satisfied when the label is absent', selector: { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels: web, matches: true },
    { name: 'Exists', selector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels: web, matches: true },
    { name: 'Exists, absent', selector: { matchExpressions: [{ key: 'zone', operator: 'Exists' }] }, labels: web, matches: false },
    { name: 'DoesNotExist', selector: { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, labels: web, matches: true },
    { name: 'DoesNotExist, present', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels: web, matches: false },
    {
      name: 'matchLabels and matchExpressions are ANDed',
      selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
      labels: web,
      matches: false,
    },
    { name: 'an unknown operator matches nothing', selector: { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] }, labels: web, matches: false },
    { name: 'In without values is invalid and matches nothing', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }, labels: web, matches: false },
    { name: 'Exists with values is invalid and matches nothing', selector: { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['web'] }] }, labels: web, matches: false },
    { name: 'a label named like an Object property is not present', selector: { matchExpressions: [{ key: 'constructor', operator: 'Exists' }] }, labels: web, matches: false },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => assert.equal(selectorMatches(testCase.selector, testCase.labels), testCase.matches));
  }
});

describe('labelsOf', () => {
  it('keeps string values only', () => {
    assert.deepEqual(labelsOf({ labels: { app: 'web', version: 2, debug: true } }), { app: 'web' });
  });
  it('metadata without labels has none', () => {
    assert.deepEqual(labelsOf({ name: 'web' }), {});
    assert.deepEqual(labelsOf(undefined), {});
  });
});
