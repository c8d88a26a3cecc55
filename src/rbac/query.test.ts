import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BulwarkError } from '../errors/index.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { ApiResourceCatalog } from './api-resources.js';
import { parseSubjectArgument, resolveAccessQuery, type AccessQuery, type AccessQueryInput } from './query.js';

const CRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: clusterwidgets.example.com
spec:
  group: example.com
  scope: Cluster
  names:
    plural: clusterwidgets
    singular: clusterwidget
    shortNames: [cw]
    kind: ClusterWidget
`;

const catalog = new ApiResourceCatalog(extractResources(parseSource('crd.yaml', CRD, DEFAULT_LIMITS).documents, 'default').resources);

const cases: { input: AccessQueryInput; expected: AccessQuery }[] = [
  { input: { verb: 'get', resource: 'pods' }, expected: { request: { verb: 'get', group: '', resource: 'pods' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: 'get', resource: 'po', namespace: 'shop' }, expected: { request: { verb: 'get', group: '', resource: 'pods', namespace: 'shop' }, namespaced: true, anyNamespace: false, notes: [] } },
  {
    input: { verb: 'create', resource: 'pods/exec', namespace: 'shop', name: 'web-0' },
    expected: { request: { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web-0' }, namespaced: true, anyNamespace: false, notes: [] },
  },
  { input: { verb: 'patch', resource: 'deploy/scale' }, expected: { request: { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: 'patch', resource: 'deployments.apps/scale' }, expected: { request: { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: 'list', resource: 'events.events.k8s.io' }, expected: { request: { verb: 'list', group: 'events.k8s.io', resource: 'events' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: 'bind', resource: 'clusterroles' }, expected: { request: { verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' }, namespaced: false, anyNamespace: false, notes: [] } },
  {
    input: { verb: 'get', resource: 'nodes/proxy', namespace: 'shop' },
    expected: { request: { verb: 'get', group: '', resource: 'nodes', subresource: 'proxy' }, namespaced: false, anyNamespace: false, notes: ['nodes are cluster-scoped: the namespace is ignored, only ClusterRoleBindings can grant them'] },
  },
  { input: { verb: 'get', resource: 'namespaces', name: 'shop' }, expected: { request: { verb: 'get', group: '', resource: 'namespaces', name: 'shop', namespace: 'shop' }, namespaced: false, anyNamespace: false, notes: [] } },
  { input: { verb: 'delete', resource: 'cw' }, expected: { request: { verb: 'delete', group: 'example.com', resource: 'clusterwidgets' }, namespaced: false, anyNamespace: false, notes: [] } },
  {
    input: { verb: 'get', resource: 'gadgets', namespace: 'shop' },
    expected: {
      request: { verb: 'get', group: '', resource: 'gadgets', namespace: 'shop' },
      namespaced: true,
      anyNamespace: false,
      notes: ['"gadgets" is not a built-in resource nor defined by a CustomResourceDefinition of the input: taken as a core-group resource "gadgets", namespaced'],
    },
  },
  { input: { verb: '*', resource: '*' }, expected: { request: { verb: '*', group: '', resource: '*' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: '*', resource: '*.*' }, expected: { request: { verb: '*', group: '*', resource: '*' }, namespaced: true, anyNamespace: true, notes: [] } },
  { input: { verb: 'get', resource: '/healthz', namespace: 'shop' }, expected: { request: { verb: 'get', path: '/healthz' }, namespaced: false, anyNamespace: false, notes: ['/healthz is a URL, not a resource: the namespace is ignored'] } },
];

describe('access queries', () => {
  for (const { input, expected } of cases) {
    it(`${input.verb} ${input.resource}${input.namespace ? ` -n ${input.namespace}` : ''}${input.name ? ` --name ${input.name}` : ''}`, () => {
      assert.deepEqual(resolveAccessQuery(input, catalog), expected);
    });
  }
  for (const input of [
    { verb: '', resource: 'pods' },
    { verb: 'get', resource: ' ' },
    { verb: 'get', resource: 'pods/' },
    { verb: 'get', resource: 'pods/exec/extra' },
    { verb: 'get', resource: 'pods//exec' },
  ]) {
    it(`rejects ${JSON.stringify(input)}`, () => {
      assert.throws(() => resolveAccessQuery(input, catalog), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_USAGE');
    });
  }
});

describe('subjects on the command line', () => {
  const valid: [string, unknown][] = [
    ['user:alice', { kind: 'User', name: 'alice' }],
    ['User:system:kube-scheduler', { kind: 'User', name: 'system:kube-scheduler' }],
    ['group:system:authenticated', { kind: 'Group', name: 'system:authenticated' }],
    ['sa:shop/web', { kind: 'ServiceAccount', namespace: 'shop', name: 'web' }],
    ['serviceaccount:shop/web', { kind: 'ServiceAccount', namespace: 'shop', name: 'web' }],
    ['system:serviceaccount:kube-system:default', { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' }],
    ['user:system:serviceaccount:shop:web', { kind: 'ServiceAccount', namespace: 'shop', name: 'web' }],
  ];
  for (const [text, expected] of valid) it(text, () => assert.deepEqual(parseSubjectArgument(text), expected));
  for (const text of ['alice', 'user:', 'sa:web', 'sa:shop/web/x', 'robot:r2d2', 'system:serviceaccount:shop']) {
    it(`rejects ${text}`, () => assert.throws(() => parseSubjectArgument(text), (error: unknown) => error instanceof BulwarkError && error.code === 'BULWARK_E_USAGE'));
  }
});
