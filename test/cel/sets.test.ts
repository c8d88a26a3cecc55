import { describe } from 'node:test';
import { table } from './helpers.js';

describe('sets library', () => {
  table([
    ['sets.contains([], [])', 'true'],
    ['sets.contains([1], [])', 'true'],
    ['sets.contains([1], [1])', 'true'],
    ['sets.contains([1], [1, 1])', 'true'],
    ['sets.contains([1, 1], [1])', 'true'],
    ['sets.contains([2, 1], [1])', 'true'],
    ['sets.contains([1, 2, 3, 4], [2, 3])', 'true'],
    ['sets.contains([1], [dyn(1.0), dyn(1u)])', 'true'],
    ['sets.contains([[1], [2, 3]], [[2, 3]])', 'true'],
    ["sets.contains([{'a': 1}], [{'a': 1}])", 'true'],
    ['sets.contains([1], [2])', 'false'],
    ['sets.contains([], [1])', 'false'],
    ['sets.equivalent([], [])', 'true'],
    ['sets.equivalent([1], [1, 1])', 'true'],
    ['sets.equivalent([1, 2], [2, 2, 1])', 'true'],
    ['sets.equivalent([1], [dyn(1u), dyn(1.0)])', 'true'],
    ['sets.equivalent([1, 2], [2, 3])', 'false'],
    ['sets.intersects([1], [1])', 'true'],
    ['sets.intersects([1, 2], [2, 3])', 'true'],
    ['sets.intersects([1], [dyn(1.0)])', 'true'],
    ['sets.intersects([1], [1.0])', { compileError: "found no matching overload for 'sets.intersects'" }],
    ['sets.intersects([], [])', 'false'],
    ['sets.intersects([1], [])', 'false'],
    ['sets.intersects([1, 2], [3, 4])', 'false'],
    ["sets.contains(['a'], 'a')", { compileError: "found no matching overload for 'sets.contains'" }],
  ]);
  describe('on Kubernetes data', () => {
    table(
      [
        ["sets.contains(['NET_BIND_SERVICE'], object.spec.capabilities.add)", 'false'],
        ["sets.intersects(object.spec.capabilities.add, ['SYS_ADMIN', 'NET_ADMIN'])", 'true'],
      ],
      { object: { spec: { capabilities: { add: ['NET_ADMIN', 'NET_BIND_SERVICE'] } } } },
    );
  });
});
