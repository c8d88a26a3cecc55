import { describe } from 'node:test';
import { table } from './helpers.js';

describe('lists library', () => {
  describe('documented Kubernetes examples', () => {
    table([
      ['[1, 2, 3].isSorted()', 'true'],
      ["['a', 'b', 'b', 'c'].isSorted()", 'true'],
      ['[2.0, 1.0].isSorted()', 'false'],
      ['[1].isSorted()', 'true'],
      ['[].isSorted()', 'true'],
      ['[1, 3].sum()', '4'],
      ['[1.0, 3.0].sum()', '4.0'],
      ["[duration('1m'), duration('1s')].sum()", "duration('1m1s')"],
      ['[].sum()', '0'],
      ['[1, 3].min()', '1'],
      ['[1, 3].max()', '3'],
      ['[].min()', { error: 'min called on empty list' }],
      ['[].max()', { error: 'max called on empty list' }],
      ['[1].min()', '1'],
      ['([0] + []).min()', '0'],
      ['[1, 2, 2, 3].indexOf(2)', '1'],
      ["['a', 'b', 'b', 'c'].lastIndexOf('b')", '2'],
      ['[1.0].indexOf(1.1)', '-1'],
      ["[].indexOf('string')", '-1'],
    ]);
  });

  describe('details', () => {
    table([
      ['[1u, 2u].sum()', '3u'],
      ['[9223372036854775807, 1].sum()', { error: 'integer overflow' }],
      ["['b', 'a'].min()", "'a'"],
      ["[b'b', b'a'].max()", "b'b'"],
      ["[timestamp('2024-01-01T00:00:00Z'), timestamp('2023-01-01T00:00:00Z')].min()", "timestamp('2023-01-01T00:00:00Z')"],
      ['[false, true].isSorted()', 'true'],
      ['[dyn(1), dyn(2.5), dyn(3u)].isSorted()', 'true'], // numbers compare across types
      ['[dyn(1), dyn(2.5)].max()', '2.5'],
      ["[dyn(1), dyn('a')].isSorted()", { error: 'no matching overload' }],
      ['[[1], [2]].min()', { error: 'no matching overload' }],
      ['[dyn(1), dyn(2.5)].sum()', { error: 'no matching overload' }], // Kubernetes sums in the first element's type
      ["[1, 'a']", { compileError: "expected type 'int' but found 'string'" }], // homogeneous literals, as in Kubernetes
      ['[1, 2, 1].indexOf(1)', '0'],
      ['[1, 2, 1].lastIndexOf(1)', '2'],
      ['dyn([1, 2, 3]).indexOf(2.0)', '1'], // CEL equality across numeric types
      ["['x'].indexOf('y')", '-1'],
      ["'abc'.indexOf('c')", '2'], // the strings extension's overload is still there
    ]);
  });

  describe('on Kubernetes data', () => {
    table(
      [
        ['object.spec.ports.map(p, p.port).isSorted()', 'true'],
        ['object.spec.ports.map(p, p.port).max()', '8443'],
        ['object.spec.ports.map(p, p.name).indexOf("metrics")', '1'],
      ],
      { object: { spec: { ports: [{ name: 'http', port: 80 }, { name: 'metrics', port: 443 }, { name: 'https', port: 8443 }] } } },
    );
  });
});
