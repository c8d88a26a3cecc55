import assert from 'node:assert/strict';
import { it } from 'node:test';
import { evaluateCheck, testCheck } from '../../testing/index.js';
import { networkPolicyAllowsAllSources } from './network-policy-allows-all-sources.js';
import { cases } from './network-policy-allows-all-sources.cases.js';

testCheck(networkPolicyAllowsAllSources, cases);

it('network-policy-allows-all-sources: medium on every port (or many), low on a few named ports', () => {
  const severities = (yaml: string) => evaluateCheck(networkPolicyAllowsAllSources, yaml).map((finding) => `${finding.path} ${finding.severity}`);
  assert.deepEqual(severities((cases.invalid[0] as { yaml: string }).yaml), ['spec.ingress[0] medium']);
  assert.deepEqual(severities((cases.invalid[1] as { yaml: string }).yaml), ['spec.ingress[0].from[0] low', 'spec.ingress[0].from[1].ipBlock.cidr low', 'spec.ingress[1].from low']);
});
