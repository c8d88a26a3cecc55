import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesResources, ruleMatches } from './match.js';
import type { MatchResources, ResourceRule } from './parse.js';
import { EVERYTHING, parseLabelSelector } from './selector.js';
import type { AdmissionRequestInput } from './types.js';

function request(group: string, version: string, resource: string, options: Partial<AdmissionRequestInput> = {}): AdmissionRequestInput {
  return {
    operation: 'CREATE',
    kind: { group, version, kind: 'K' },
    resource: { group, version, resource },
    name: 'n',
    namespace: 'ns',
    object: { apiVersion: 'v1', kind: 'K', metadata: { name: 'n' } },
    oldObject: null,
    userInfo: { username: 'u' },
    ...options,
  };
}

const rule = (overrides: Partial<ResourceRule>): ResourceRule => ({ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'], scope: '*', resourceNames: [], ...overrides });

describe('resource rules', () => {
  const namespaced = request('g', 'v', 'r');
  const clusterScoped = request('g', 'v', 'r', { namespace: '' });
  const namespaceObject = request('', 'v1', 'namespaces', { namespace: 'ns' });
  const subresource = (sub: string) => request('g', 'v', 'r', { subResource: sub });
  const cases: [name: string, rule: ResourceRule, request: AdmissionRequestInput, expected: boolean][] = [
    ['group wildcard', rule({ apiGroups: ['*'] }), namespaced, true],
    ['group listed', rule({ apiGroups: ['x', 'g'] }), namespaced, true],
    ['group not listed', rule({ apiGroups: ['apps'] }), namespaced, false],
    ['core group is ""', rule({ apiGroups: [''] }), request('', 'v1', 'pods'), true],
    ['version not listed', rule({ apiVersions: ['v2'] }), namespaced, false],
    ['operation listed', rule({ operations: ['UPDATE', 'CREATE'] }), namespaced, true],
    ['operation not listed', rule({ operations: ['UPDATE', 'DELETE'] }), namespaced, false],
    ['resource listed', rule({ resources: ['r'] }), namespaced, true],
    ['resource not listed', rule({ resources: ['r2'] }), namespaced, false],
    ['* matches no subresource', rule({ resources: ['*'] }), subresource('exec'), false],
    ['r/* matches r itself', rule({ resources: ['r/*'] }), namespaced, true],
    ['r/* matches a subresource of r', rule({ resources: ['r/*'] }), subresource('exec'), true],
    ['*/scale matches scale of anything', rule({ resources: ['*/scale'] }), subresource('scale'), true],
    ['*/scale does not match the resource', rule({ resources: ['*/scale'] }), namespaced, false],
    ['*/* matches everything', rule({ resources: ['*/*'] }), subresource('status'), true],
    ['scope Namespaced, namespaced object', rule({ scope: 'Namespaced' }), namespaced, true],
    ['scope Namespaced, cluster-scoped object', rule({ scope: 'Namespaced' }), clusterScoped, false],
    ['scope Namespaced, a Namespace', rule({ scope: 'Namespaced' }), namespaceObject, false],
    ['scope Cluster, cluster-scoped object', rule({ scope: 'Cluster' }), clusterScoped, true],
    ['scope Cluster, a Namespace', rule({ scope: 'Cluster' }), namespaceObject, true],
    ['scope Cluster, namespaced object', rule({ scope: 'Cluster' }), namespaced, false],
    ['resourceNames listed', rule({ resourceNames: ['n'] }), namespaced, true],
    ['resourceNames not listed', rule({ resourceNames: ['other'] }), namespaced, false],
    ['resourceNames and a generated name', rule({ resourceNames: ['n'] }), request('g', 'v', 'r', { name: '' }), false],
  ];
  for (const [name, r, req, expected] of cases) it(name, () => assert.equal(ruleMatches(r, req), expected));
});

describe('match resources', () => {
  const selector = (value: unknown) => parseLabelSelector(value);
  const criteria = (overrides: Partial<MatchResources>): MatchResources => ({
    namespaceSelector: { ok: true, selector: EVERYTHING },
    objectSelector: { ok: true, selector: EVERYTHING },
    resourceRules: [rule({})],
    excludeResourceRules: [],
    matchPolicy: 'Equivalent',
    ...overrides,
  });
  const labels: Record<string, Record<string, string>> = { test: { environment: 'test' }, prod: { environment: 'prod' } };
  const namespaceLabels = (name: string) => ({ ...(labels[name] ?? {}), 'kubernetes.io/metadata.name': name });
  const inTest = request('apps', 'v1', 'deployments', { namespace: 'test' });
  const testOnly = criteria({ namespaceSelector: selector({ matchLabels: { environment: 'test' } }) });

  const cases: [name: string, criteria: MatchResources, request: AdmissionRequestInput, expected: ReturnType<typeof matchesResources>][] = [
    ['namespaceSelector matches the namespace labels', testOnly, inTest, { matches: true }],
    ['namespaceSelector rejects another namespace', testOnly, request('apps', 'v1', 'deployments', { namespace: 'prod' }), { matches: false }],
    ['a namespace not in the input has only its name label', criteria({ namespaceSelector: selector({ matchLabels: { 'kubernetes.io/metadata.name': 'elsewhere' } }) }), request('apps', 'v1', 'deployments', { namespace: 'elsewhere' }), { matches: true }],
    ['namespaceSelector does not filter cluster-scoped objects', testOnly, request('rbac.authorization.k8s.io', 'v1', 'clusterroles', { namespace: '' }), { matches: true }],
    [
      'a Namespace is matched by its own labels',
      testOnly,
      request('', 'v1', 'namespaces', { namespace: 'new', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new', labels: { environment: 'test' } } } }),
      { matches: true },
    ],
    [
      'a Namespace without the labels is not matched',
      testOnly,
      request('', 'v1', 'namespaces', { namespace: 'new', object: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'new' } } }),
      { matches: false },
    ],
    [
      'objectSelector matchExpressions',
      criteria({ objectSelector: selector({ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }) }),
      request('', 'v1', 'pods', { object: { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: 'web' } } } }),
      { matches: true },
    ],
    [
      'objectSelector against the old object on UPDATE',
      criteria({ objectSelector: selector({ matchLabels: { app: 'web' } }) }),
      request('', 'v1', 'pods', {
        operation: 'UPDATE',
        object: { apiVersion: 'v1', kind: 'Pod', metadata: {} },
        oldObject: { apiVersion: 'v1', kind: 'Pod', metadata: { labels: { app: 'web' } } },
      }),
      { matches: true },
    ],
    ['objectSelector without labels', criteria({ objectSelector: selector({ matchLabels: { app: 'web' } }) }), request('', 'v1', 'pods'), { matches: false }],
    ['excludeResourceRules win', criteria({ excludeResourceRules: [rule({ apiGroups: ['apps'], resources: ['deployments'] })] }), inTest, { matches: false }],
    ['no resourceRules (a binding) matches every resource', criteria({ resourceRules: [] }), inTest, { matches: true }],
    [
      'an invalid selector is an error when the rest matches',
      criteria({ objectSelector: selector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }) }),
      inTest,
      { matches: false, error: "Internal error occurred: values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty" },
    ],
    [
      'an invalid selector is no error when the rules do not match',
      criteria({ objectSelector: selector({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }), resourceRules: [rule({ resources: ['pods'] })] }),
      inTest,
      { matches: false },
    ],
  ];
  for (const [name, c, req, expected] of cases) it(name, () => assert.deepEqual(matchesResources(c, req, namespaceLabels), expected));
});
