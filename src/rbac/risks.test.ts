import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeMatches, risksOfRule, type RiskId } from './risks.js';
import type { PolicyRule } from './types.js';

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

describe('risky permissions of a rule', () => {
  const cases: { name: string; rule: PolicyRule; risks: RiskId[] }[] = [
    { name: 'reading secrets', rule: rule({ verbs: ['list'], apiGroups: [''], resources: ['secrets'] }), risks: ['secrets-read'] },
    { name: 'creating secrets is not reading them', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['secrets'] }), risks: [] },
    { name: 'creating a Deployment runs pods', rule: rule({ verbs: ['create'], apiGroups: ['apps'], resources: ['deployments'] }), risks: ['pod-create'] },
    { name: 'Deployments are not in the core group', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['deployments'] }), risks: [] },
    { name: 'creation cannot be limited by name: such a rule creates nothing', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'], resourceNames: ['web'] }), risks: [] },
    { name: 'exec by get (WebSocket)', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/exec'] }), risks: ['pod-exec'] },
    { name: 'pods/* is not a wildcard', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }), risks: [] },
    { name: '*/exec is', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['*/exec'] }), risks: ['pod-exec'] },
    { name: 'bind and escalate', rule: rule({ verbs: ['bind', 'escalate'], apiGroups: ['rbac.authorization.k8s.io'], resources: ['clusterroles'] }), risks: ['escalation', 'escalation'] },
    { name: 'impersonate', rule: rule({ verbs: ['impersonate'], apiGroups: [''], resources: ['users', 'groups'] }), risks: ['escalation', 'escalation'] },
    { name: 'reading nodes/proxy', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['nodes/proxy'] }), risks: ['node-proxy'] },
    { name: 'nodes/metrics is not nodes/proxy', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['nodes/metrics'] }), risks: [] },
    { name: 'CSR approval', rule: rule({ verbs: ['update'], apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests/approval'] }), risks: ['csr-approval'] },
    { name: 'signer approval', rule: rule({ verbs: ['approve'], apiGroups: ['certificates.k8s.io'], resources: ['signers'], resourceNames: ['example.com/*'] }), risks: ['csr-signer-approve'] },
    { name: 'webhook update limited by name still counts', rule: rule({ verbs: ['update'], apiGroups: ['admissionregistration.k8s.io'], resources: ['validatingwebhookconfigurations'], resourceNames: ['mine'] }), risks: ['webhook-config'] },
    { name: 'reading webhooks does not', rule: rule({ verbs: ['get', 'list', 'watch'], apiGroups: ['admissionregistration.k8s.io'], resources: ['mutatingwebhookconfigurations'] }), risks: [] },
    { name: 'token for a ServiceAccount', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['serviceaccounts/token'] }), risks: ['sa-token-create'] },
    { name: 'persistent volumes', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['persistentvolumes'] }), risks: ['pv-create'] },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => assert.deepEqual(risksOfRule(testCase.rule).map((match) => match.permission.risk), testCase.risks));
  }

  it('a full wildcard carries every risk, through the * verb', () => {
    const matches = risksOfRule(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }));
    assert.deepEqual(new Set(matches.map((match) => match.permission.risk)).size, 10);
    assert.ok(matches.every((match) => match.verbIndexes.length === 1 && match.verbIndexes[0] === 0));
  });

  it('reports the matched verbs and where they are written', () => {
    const [match] = risksOfRule(rule({ verbs: ['watch', 'update', 'get'], apiGroups: [''], resources: ['secrets'] }), 'secrets-read');
    assert.ok(match);
    assert.deepEqual(match.verbs, ['get', 'watch']);
    assert.deepEqual(match.verbIndexes, [0, 2]);
  });

  it('describes matches briefly', () => {
    const matches = risksOfRule(rule({ verbs: ['create'], apiGroups: ['', 'apps'], resources: ['pods', 'deployments'] }), 'pod-create');
    assert.equal(describeMatches(matches), 'create on pods, deployments.apps');
    const named = risksOfRule(rule({ verbs: ['get'], apiGroups: [''], resources: ['secrets'], resourceNames: ['tls', 'db'] }), 'secrets-read');
    assert.equal(describeMatches(named), 'get on secrets (only "tls", "db")');
  });
});
