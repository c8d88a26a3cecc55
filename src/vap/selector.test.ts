import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFieldPath } from '../yaml/field-path.js';
import { parseLabelSelector, selectorMatches, type Labels } from './selector.js';

describe('label selectors', () => {
  const matching: [name: string, selector: unknown, labels: Labels, expected: boolean][] = [
    ['{} selects everything', {}, {}, true],
    ['absent selects everything', undefined, { a: 'b' }, true],
    ['matchLabels equal', { matchLabels: { environment: 'test' } }, { environment: 'test' }, true],
    ['matchLabels differ', { matchLabels: { environment: 'test' } }, { environment: 'prod' }, false],
    ['matchLabels missing', { matchLabels: { environment: 'test' } }, {}, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] }, { tier: 'b' }, true],
    ['In without the label', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }, {}, false],
    ['NotIn with another value', { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] }, { environment: 'prod' }, true],
    ['NotIn without the label', { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] }, {}, true],
    ['NotIn with the value', { matchExpressions: [{ key: 'environment', operator: 'NotIn', values: ['test'] }] }, { environment: 'test' }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, { app: '' }, true],
    ['Exists without the label', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, {}, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, {}, true],
    ['DoesNotExist with the label', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, { app: 'x' }, false],
    ['labels and expressions are ANDed', { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] }, { a: '1' }, false],
  ];
  for (const [name, selector, labels, expected] of matching) {
    it(name, () => {
      const parsed = parseLabelSelector(selector);
      assert.ok(parsed.ok);
      assert.equal(selectorMatches(parsed.selector, labels), expected);
    });
  }

  const invalid: [name: string, selector: unknown, message: string][] = [
    ['unknown operator', { matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, '"Equals" is not a valid label selector operator'],
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist'],
    ['invalid key', { matchLabels: { 'bad key': 'x' } }, 'key: Invalid value: "bad key": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character'],
    ['invalid value', { matchLabels: { a: 'not valid!' } }, 'values[0]: Invalid value: "not valid!": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character'],
    ['not an object', 'app=web', 'a label selector must be an object'],
  ];
  for (const [name, selector, message] of invalid) {
    it(`rejects: ${name}`, () => assert.deepEqual(parseLabelSelector(selector), { ok: false, message }));
  }
});

describe('field paths', () => {
  const valid: [string, (string | number)[]][] = [
    ['spec.replicas', ['spec', 'replicas']],
    ['.spec.replicas', ['spec', 'replicas']],
    ['spec.containers[0].image', ['spec', 'containers', 0, 'image']],
    ["spec.x['a.b']", ['spec', 'x', 'a.b']],
    ['metadata.labels["app.kubernetes.io/name"]', ['metadata', 'labels', 'app.kubernetes.io/name']],
    ["metadata.annotations['it\\'s']", ['metadata', 'annotations', "it's"]],
    ['spec.template.spec.containers[12]', ['spec', 'template', 'spec', 'containers', 12]],
  ];
  for (const [text, path] of valid) it(text, () => assert.deepEqual(parseFieldPath(text), { ok: true, path }));

  const invalid: [string, string][] = [
    ['', 'empty field path'],
    ['spec..x', 'invalid field path at column 6: expected a field name after "."'],
    ['spec[*]', 'invalid field path at column 6: expected a list index or a quoted key'],
    ["spec['x'", 'invalid field path at column 9: expected "]"'],
    ["spec['x", 'invalid field path at column 8: unterminated quoted key'],
    ['spec.x y', 'invalid field path at column 7: unexpected " "'],
    ['[0]', 'invalid field path at column 1: expected a field name'],
  ];
  for (const [text, message] of invalid) it(`rejects ${JSON.stringify(text)}`, () => assert.deepEqual(parseFieldPath(text), { ok: false, message }));
});
