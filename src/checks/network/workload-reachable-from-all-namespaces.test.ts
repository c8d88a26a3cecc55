import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCheck, testCheck } from '../../testing/index.js';
import { workloadReachableFromAllNamespaces } from './workload-reachable-from-all-namespaces.js';
import { cases } from './workload-reachable-from-all-namespaces.cases.js';

testCheck(workloadReachableFromAllNamespaces, cases);

it('workload-reachable-from-all-namespaces: low on a few ports, medium on most', () => {
  const severities = cases.invalid.map((testCase) => evaluateCheck(workloadReachableFromAllNamespaces, testCase.yaml).map((finding) => finding.severity));
  assert.deepEqual(severities, [['low'], ['medium']]);
});
