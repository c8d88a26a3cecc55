import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeRequest, isFullWildcardRule, namesAny, parsePolicyRule, ruleAllows } from './rules.js';
import type { AccessRequest, PolicyRule } from './types.js';

function rule(fields: Partial<PolicyRule>): PolicyRule {
  return { verbs: [], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [], ...fields };
}

describe('rule matching (RuleAllows)', () => {
  const podsReader = rule({ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods'] });
  const cases: { name: string; rule: PolicyRule; request: AccessRequest; allowed: boolean }[] = [
    { name: 'exact verb, core group, resource', rule: podsReader, request: { verb: 'get', resource: 'pods', name: 'web' }, allowed: true },
    { name: 'verb not listed', rule: podsReader, request: { verb: 'delete', resource: 'pods', name: 'web' }, allowed: false },
    { name: 'core group is "", not "v1"', rule: rule({ verbs: ['get'], apiGroups: ['v1'], resources: ['pods'] }), request: { verb: 'get', resource: 'pods' }, allowed: false },
    { name: 'other group', rule: podsReader, request: { verb: 'get', group: 'apps', resource: 'pods' }, allowed: false },
    { name: 'a rule without apiGroups matches no resource', rule: rule({ verbs: ['get'], resources: ['pods'] }), request: { verb: 'get', resource: 'pods' }, allowed: false },
    { name: 'verb *', rule: rule({ verbs: ['*'], apiGroups: [''], resources: ['pods'] }), request: { verb: 'deletecollection', resource: 'pods' }, allowed: true },
    { name: 'group *', rule: rule({ verbs: ['get'], apiGroups: ['*'], resources: ['deployments'] }), request: { verb: 'get', group: 'apps', resource: 'deployments' }, allowed: true },
    { name: 'resource * includes subresources', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['*'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: true },
    { name: 'a resource does not include its subresources', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { name: 'resource/subresource exactly', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/exec'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: true },
    { name: 'a subresource rule does not grant the resource', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['pods/log'] }), request: { verb: 'get', resource: 'pods', name: 'web' }, allowed: false },
    { name: '*/subresource matches that subresource of any resource', rule: rule({ verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }), request: { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' }, allowed: true },
    { name: '*/subresource does not match another subresource', rule: rule({ verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }), request: { verb: 'update', group: 'apps', resource: 'deployments', subresource: 'status', name: 'web' }, allowed: false },
    { name: '*/subresource does not match the resource itself', rule: rule({ verbs: ['update'], apiGroups: ['*'], resources: ['*/scale'] }), request: { verb: 'update', group: 'apps', resource: 'deployments', name: 'web' }, allowed: false },
    { name: 'another resource with the same subresource', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['services/exec'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { name: 'a resource that only begins like the rule\'s', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pod/exec'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { name: 'a subresource that only ends like the rule\'s', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/xexec', '*/xexec'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { name: 'the same letters without the slash', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['podsxlog'] }), request: { verb: 'get', resource: 'pods', subresource: 'log', name: 'web' }, allowed: false },
    { name: 'an empty subresource is the resource itself', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }), request: { verb: 'get', resource: 'pods', subresource: '', name: 'web' }, allowed: true },
    { name: 'resource/* is not a wildcard: it matches nothing', rule: rule({ verbs: ['create'], apiGroups: [''], resources: ['pods/*'] }), request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { name: 'resourceNames: listed name', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }), request: { verb: 'get', resource: 'configmaps', name: 'app' }, allowed: true },
    { name: 'resourceNames: other name', rule: rule({ verbs: ['get'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }), request: { verb: 'get', resource: 'configmaps', name: 'db' }, allowed: false },
    { name: 'resourceNames never allow a request without a name (create, list)', rule: rule({ verbs: ['create', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['app'] }), request: { verb: 'create', resource: 'configmaps' }, allowed: false },
    { name: 'non-resource URL, exact', rule: rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }), request: { verb: 'get', path: '/healthz' }, allowed: true },
    { name: 'non-resource URL, trailing * is a prefix', rule: rule({ verbs: ['get'], nonResourceURLs: ['/apis/*'] }), request: { verb: 'get', path: '/apis/apps/v1' }, allowed: true },
    { name: 'non-resource URL prefix without the slash', rule: rule({ verbs: ['get'], nonResourceURLs: ['/healthz*'] }), request: { verb: 'get', path: '/healthzfoo' }, allowed: true },
    { name: 'non-resource URL, * is everything', rule: rule({ verbs: ['get'], nonResourceURLs: ['*'] }), request: { verb: 'get', path: '/debug/pprof/' }, allowed: true },
    { name: 'non-resource URL, other path', rule: rule({ verbs: ['get'], nonResourceURLs: ['/healthz'] }), request: { verb: 'get', path: '/metrics' }, allowed: false },
    { name: 'a resource rule does not grant URLs', rule: rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }), request: { verb: 'get', path: '/metrics' }, allowed: false },
    { name: 'a URL rule does not grant resources', rule: rule({ verbs: ['*'], nonResourceURLs: ['*'] }), request: { verb: 'get', resource: 'pods' }, allowed: false },
  ];
  for (const testCase of cases) {
    it(testCase.name, () => assert.equal(ruleAllows(testCase.rule, testCase.request), testCase.allowed));
  }
});

describe('parsePolicyRule', () => {
  it('keeps string list fields and drops anything else', () => {
    assert.deepEqual(parsePolicyRule({ verbs: ['get', 3], apiGroups: '', resources: ['pods'] }), {
      verbs: ['get'],
      apiGroups: [],
      resources: ['pods'],
      resourceNames: [],
      nonResourceURLs: [],
    });
  });
  it('is undefined for a non-object', () => assert.equal(parsePolicyRule('get pods'), undefined));
});

describe('rule helpers', () => {
  it('a full wildcard rule has * verbs, groups and resources and no names', () => {
    assert.equal(isFullWildcardRule(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] })), true);
    assert.equal(isFullWildcardRule(rule({ verbs: ['*'], apiGroups: ['*'], resources: ['*'], resourceNames: ['x'] })), false);
    assert.equal(isFullWildcardRule(rule({ verbs: ['*'], apiGroups: [''], resources: ['*'] })), false);
  });
  it('describes requests the way kubectl names resources', () => {
    assert.equal(describeRequest({ verb: 'update', group: 'apps', resource: 'deployments', subresource: 'scale', name: 'web' }), 'update deployments.apps/scale "web"');
    assert.equal(describeRequest({ verb: 'get', path: '/healthz' }), 'get /healthz');
  });
});

describe('namesAny', () => {
  const risky = new Set(['secrets', 'pods']);
  it('is true for one of the resources, with or without a subresource', () => {
    assert.equal(namesAny(rule({ resources: ['configmaps', 'secrets'] }), risky), true);
    assert.equal(namesAny(rule({ resources: ['pods/exec'] }), risky), true);
  });
  it('is true for * and */<sub>, which may name any of them', () => {
    assert.equal(namesAny(rule({ resources: ['*'] }), risky), true);
    assert.equal(namesAny(rule({ resources: ['*/exec'] }), risky), true);
  });
  it('is false for other resources, and for names that only begin alike', () => {
    assert.equal(namesAny(rule({ resources: ['configmaps', 'secretstores', 'podsecuritypolicies/use'] }), risky), false);
    assert.equal(namesAny(rule({ resources: [] }), risky), false);
  });
});
