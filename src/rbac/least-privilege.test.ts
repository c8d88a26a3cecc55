import assert from 'node:assert/strict';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { effectiveIdentity, readAuditLog, type AuditLog } from './audit-log.js';
import { defaultLeastPrivilegeName, leastPrivilege, minimalRules, nameLimits, requestsOf } from './least-privilege.js';
import { renderManifests } from './manifest-output.js';
import { buildRbacModel, type RbacModel } from './model.js';
import { serviceAccountIdentity, userIdentity } from './subjects.js';
import type { AccessRequest, PolicyRule, ResourceRequest, Subject, UserInfo } from './types.js';

function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames: string[] = []): PolicyRule {
  return { verbs, apiGroups, resources, resourceNames, nonResourceURLs: [] };
}

function urls(verbs: string[], nonResourceURLs: string[]): PolicyRule {
  return { verbs, apiGroups: [], resources: [], resourceNames: [], nonResourceURLs };
}

const get = (resource: string, name?: string, more: Partial<ResourceRequest> = {}): ResourceRequest => ({ verb: 'get', group: '', resource, ...(name !== undefined ? { name } : {}), ...more });

describe('nameLimits', () => {
  const table: [ResourceRequest, boolean][] = [
    [get('configmaps', 'settings'), true],
    [{ verb: 'update', group: '', resource: 'configmaps', name: 'settings' }, true],
    [{ verb: 'delete', group: 'apps', resource: 'deployments', name: 'web' }, true],
    [{ verb: 'list', group: '', resource: 'configmaps', name: 'settings' }, false],
    [{ verb: 'watch', group: '', resource: 'configmaps', name: 'settings' }, false],
    [{ verb: 'deletecollection', group: '', resource: 'pods', name: 'x' }, false],
    [{ verb: 'create', group: '', resource: 'events', name: 'api.1829b3' }, false],
    [{ verb: 'create', group: '', resource: 'pods', subresource: 'exec', name: 'web-1' }, true],
    [{ verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', name: 'api' }, true],
    [get('configmaps'), false],
  ];
  for (const [request, expected] of table) {
    it(`${request.verb} ${request.resource}${request.subresource ? `/${request.subresource}` : ''}${request.name ? ` "${request.name}"` : ''}: ${expected ? 'limited by name' : 'every name'}`, () => {
      assert.equal(nameLimits(request), expected);
    });
  }
});

describe('minimalRules', () => {
  const table: [name: string, requests: AccessRequest[], rules: PolicyRule[]][] = [
    ['nothing', [], []],
    [
      'verbs on one object by name',
      [get('configmaps', 'settings'), { verb: 'update', group: '', resource: 'configmaps', name: 'settings' }, get('configmaps', 'settings')],
      [rule(['get', 'update'], [''], ['configmaps'], ['settings'])],
    ],
    [
      'a verb once without a name opens it to every name',
      [get('secrets', 'a'), { verb: 'get', group: '', resource: 'secrets' }, get('secrets', 'b')],
      [rule(['get'], [''], ['secrets'])],
    ],
    [
      'names stay with their verbs: get a and delete b is not get and delete on a and b',
      [get('configmaps', 'a'), { verb: 'delete', group: '', resource: 'configmaps', name: 'b' }],
      [rule(['get'], [''], ['configmaps'], ['a']), rule(['delete'], [''], ['configmaps'], ['b'])],
    ],
    [
      'list and watch are never limited by name',
      [
        { verb: 'list', group: '', resource: 'pods', namespace: 'shop' },
        { verb: 'watch', group: '', resource: 'pods', name: 'web' },
        get('pods', 'web'),
      ],
      [rule(['list', 'watch'], [''], ['pods']), rule(['get'], [''], ['pods'], ['web'])],
    ],
    [
      'resources with the same verbs share a rule; subresources are resources of their own',
      [get('pods', 'web'), get('pods', 'web', { subresource: 'log' }), { verb: 'create', group: '', resource: 'pods', subresource: 'exec', name: 'web' }],
      [rule(['get'], [''], ['pods', 'pods/log'], ['web']), rule(['create'], [''], ['pods/exec'], ['web'])],
    ],
    [
      'API groups share a rule only when resources, verbs and names are the same',
      [
        { verb: 'list', group: 'apps', resource: 'deployments' },
        { verb: 'list', group: 'extensions', resource: 'deployments' },
        { verb: 'list', group: 'apps', resource: 'replicasets' },
        { verb: 'list', group: 'extensions', resource: 'ingresses' },
      ],
      [rule(['list'], ['apps'], ['deployments', 'replicasets']), rule(['list'], ['extensions'], ['deployments', 'ingresses'])],
    ],
    [
      'the same resources and verbs in two groups',
      [
        { verb: 'get', group: 'apps', resource: 'deployments' },
        { verb: 'get', group: 'extensions', resource: 'deployments' },
      ],
      [rule(['get'], ['apps', 'extensions'], ['deployments'])],
    ],
    [
      'verbs in kubectl order, URLs with the same verbs in one rule',
      [
        { verb: 'patch', group: '', resource: 'services' },
        { verb: 'escalate', group: '', resource: 'services' },
        { verb: 'get', group: '', resource: 'services' },
        { verb: 'get', path: '/version' },
        { verb: 'get', path: '/healthz' },
        { verb: 'post', path: '/webhook' },
      ],
      [rule(['get', 'patch', 'escalate'], [''], ['services']), urls(['get'], ['/healthz', '/version']), urls(['post'], ['/webhook'])],
    ],
  ];
  for (const [name, requests, rules] of table) {
    it(name, () => {
      assert.deepEqual(minimalRules(requests), rules);
    });
  }
});

/**
 * A day of a CI system's and a developer's requests, built by hand as the API server would log
 * them: a deploy through impersonation of a ServiceAccount, logs and exec, watches, discovery,
 * a denied request, and a line cut short.
 */
function dayOfRequests(): string[] {
  let id = 0;
  const line = (user: Record<string, unknown>, verb: string, uri: string, objectRef?: Record<string, unknown>, more: Record<string, unknown> = {}) =>
    JSON.stringify({
      kind: 'Event',
      apiVersion: 'audit.k8s.io/v1',
      level: 'Metadata',
      auditID: `id-${++id}`,
      stage: 'ResponseComplete',
      requestURI: uri,
      verb,
      user,
      ...(objectRef !== undefined ? { objectRef: { apiVersion: 'v1', ...objectRef } } : {}),
      responseStatus: { metadata: {}, code: 200 },
      ...more,
    });
  const dev = { username: 'dana', groups: ['developers', 'system:authenticated'] };
  const ci = { username: 'ci-bot', groups: ['ci', 'system:authenticated'] };
  const deployer = { username: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'] };
  return [
    line(dev, 'get', '/api?timeout=32s'),
    line(dev, 'get', '/apis'),
    line(dev, 'list', '/api/v1/namespaces/shop/pods', { resource: 'pods', namespace: 'shop' }),
    line(dev, 'watch', '/api/v1/namespaces/shop/pods?watch=true', { resource: 'pods', namespace: 'shop' }, { stage: 'ResponseStarted' }),
    line(dev, 'get', '/api/v1/namespaces/shop/pods/web-1/log', { resource: 'pods', namespace: 'shop', name: 'web-1', subresource: 'log' }),
    line(dev, 'create', '/api/v1/namespaces/shop/pods/web-1/exec', { resource: 'pods', namespace: 'shop', name: 'web-1', subresource: 'exec' }, { responseStatus: { code: 101 } }),
    line(dev, 'get', '/api/v1/namespaces/staging/secrets/db', { resource: 'secrets', namespace: 'staging', name: 'db' }, { responseStatus: { code: 403 } }),
    line(dev, 'list', '/api/v1/nodes', { resource: 'nodes' }),
    '{"kind":"Event","apiVersion":"audit.k8s.io/v1","auditID":"cut',
    line(ci, 'patch', '/apis/apps/v1/namespaces/shop/deployments/web', { resource: 'deployments', apiGroup: 'apps', namespace: 'shop', name: 'web' }, { impersonatedUser: deployer }),
    line(ci, 'get', '/apis/apps/v1/namespaces/shop/deployments/web/scale', { resource: 'deployments', apiGroup: 'apps', namespace: 'shop', name: 'web', subresource: 'scale' }, { impersonatedUser: deployer }),
    line(ci, 'update', '/api/v1/namespaces/shop/configmaps/release', { resource: 'configmaps', namespace: 'shop', name: 'release' }, { impersonatedUser: { ...deployer, groups: [...deployer.groups, 'release-managers'] } }),
    line(ci, 'get', '/api/v1/namespaces/ci/secrets/registry', { resource: 'secrets', namespace: 'ci', name: 'registry' }),
  ];
}

async function log(lines: string[]): Promise<AuditLog> {
  return readAuditLog(lines);
}

/** The generated YAML loaded back into the authorizer's model. */
function modelOf(yaml: string): RbacModel {
  const { documents, diagnostics } = parseSource('least-privilege.yaml', yaml, DEFAULT_LIMITS);
  assert.deepEqual(diagnostics, []);
  return buildRbacModel(extractResources(documents, 'default').resources);
}

describe('leastPrivilege', () => {
  it('allows every logged request of a user, denied ones included, and nothing around them', async () => {
    const read = await log(dayOfRequests());
    assert.deepEqual(
      read.problems.map((problem) => problem.line),
      [9],
    );
    const dana: Subject = { kind: 'User', name: 'dana' };
    const result = leastPrivilege(read.events, dana);
    assert.equal(result.name, 'least-privilege:user:dana');
    assert.equal(result.requests, 8);
    assert.equal(result.denied, 1);
    assert.deepEqual(result.clusterRules, [rule(['list'], [''], ['nodes']), urls(['get'], ['/api', '/apis'])]);
    assert.deepEqual(
      [...result.namespaceRules],
      [
        ['shop', [rule(['list', 'watch'], [''], ['pods']), rule(['create'], [''], ['pods/exec'], ['web-1']), rule(['get'], [''], ['pods/log'], ['web-1'])]],
        ['staging', [rule(['get'], [''], ['secrets'], ['db'])]],
      ],
    );
    const model = modelOf(renderManifests(result.objects, 'yaml'));
    for (const event of read.events.filter((candidate) => candidate.user.username === 'dana')) {
      assert.equal(model.allows(effectiveIdentity(event), event.request).allowed, true, JSON.stringify(event.request));
    }
    const identity = userIdentity('dana', ['developers']);
    const denied: AccessRequest[] = [
      { verb: 'delete', group: '', resource: 'pods', namespace: 'shop', name: 'web-1' },
      { verb: 'list', group: '', resource: 'pods', namespace: 'staging' },
      { verb: 'list', group: '', resource: 'pods' },
      { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'shop', name: 'web-2' },
      { verb: 'create', group: '', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'api-1' },
      { verb: 'get', group: '', resource: 'pods', subresource: 'log', namespace: 'staging', name: 'web-1' },
      { verb: 'get', group: '', resource: 'secrets', namespace: 'staging', name: 'tls' },
      { verb: 'list', group: '', resource: 'secrets', namespace: 'staging' },
      { verb: 'get', group: '', resource: 'nodes', name: 'node-1' },
      { verb: 'get', path: '/version' },
      { verb: 'post', path: '/api' },
    ];
    for (const request of denied) assert.equal(model.allows(identity, request).allowed, false, JSON.stringify(request));
    assert.equal(model.allows(userIdentity('erin', ['developers']), { verb: 'list', group: '', resource: 'pods', namespace: 'shop' }).allowed, false);
  });

  it('gives an impersonated ServiceAccount its requests, and the impersonator the right to impersonate', async () => {
    const read = await log(dayOfRequests());
    const deployer = leastPrivilege(read.events, { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' });
    assert.deepEqual(deployer.clusterRules, []);
    assert.deepEqual(
      [...deployer.namespaceRules],
      [['shop', [rule(['update'], [''], ['configmaps'], ['release']), rule(['patch'], ['apps'], ['deployments'], ['web']), rule(['get'], ['apps'], ['deployments/scale'], ['web'])]]],
    );
    const bot = leastPrivilege(read.events, { kind: 'User', name: 'ci-bot' });
    assert.deepEqual(bot.clusterRules, [rule(['impersonate'], [''], ['groups'], ['release-managers'])]);
    assert.deepEqual(
      [...bot.namespaceRules],
      [
        ['ci', [rule(['get'], [''], ['secrets'], ['registry']), rule(['impersonate'], [''], ['serviceaccounts'], ['deployer'])]],
      ],
    );
    const model = modelOf(renderManifests([...deployer.objects, ...bot.objects], 'yaml'));
    const accountIdentity = serviceAccountIdentity('ci', 'deployer');
    for (const event of read.events.filter((candidate) => candidate.impersonatedUser !== undefined)) {
      assert.equal(model.allows(accountIdentity, event.request).allowed, true, JSON.stringify(event.request));
    }
    const botIdentity: UserInfo = userIdentity('ci-bot', ['ci']);
    assert.equal(model.allows(botIdentity, { verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: 'ci', name: 'deployer' }).allowed, true);
    assert.equal(model.allows(botIdentity, { verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: 'ci', name: 'builder' }).allowed, false);
    assert.equal(model.allows(botIdentity, { verb: 'impersonate', group: '', resource: 'groups', name: 'system:masters' }).allowed, false);
    assert.equal(model.allows(botIdentity, { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' }).allowed, false);
    assert.equal(model.allows(accountIdentity, { verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' }).allowed, false);
  });

  it('a group: the requests of its members', async () => {
    const read = await log(dayOfRequests());
    assert.deepEqual(
      requestsOf(read.events, { kind: 'Group', name: 'developers' }).map(({ request }) => request.verb),
      ['get', 'get', 'list', 'watch', 'get', 'create', 'get', 'list'],
    );
    assert.equal(leastPrivilege(read.events, { kind: 'Group', name: 'nobody' }).objects.length, 0);
  });

  it('--namespace-scoped: Roles only, requests outside namespaces left out', async () => {
    const read = await log(dayOfRequests());
    const result = leastPrivilege(read.events, { kind: 'User', name: 'dana' }, { namespaceScoped: true, name: 'dana-minimal' });
    assert.deepEqual(
      result.objects.map((object) => `${object.kind} ${(object.metadata as { namespace?: string }).namespace ?? ''}/${(object.metadata as { name: string }).name}`),
      ['Role shop/dana-minimal', 'Role staging/dana-minimal', 'RoleBinding shop/dana-minimal', 'RoleBinding staging/dana-minimal'],
    );
    assert.deepEqual(result.leftOut, [{ verb: 'get', path: '/api' }, { verb: 'get', path: '/apis' }, { verb: 'list', group: '', resource: 'nodes' }]);
  });

  it('names objects after the subject, as RBAC names allow', () => {
    assert.equal(defaultLeastPrivilegeName({ kind: 'ServiceAccount', namespace: 'shop', name: 'api' }), 'least-privilege:serviceaccount:shop:api');
    assert.equal(defaultLeastPrivilegeName({ kind: 'Group', name: 'oidc:team/a%b' }), 'least-privilege:group:oidc:team-a-b');
  });

  it('replaces the cluster-admin of the example API with what its requests need', async () => {
    const url = new URL('../../examples/rbac/audit.log', import.meta.url);
    const read = await readAuditLog(createInterface({ input: createReadStream(url, { encoding: 'utf8' }), crlfDelay: Infinity }));
    const api: Subject = { kind: 'ServiceAccount', namespace: 'shop-legacy', name: 'api' };
    const result = leastPrivilege(read.events, api);
    assert.equal(result.requests, 12);
    assert.deepEqual(result.clusterRules, [rule(['list'], [''], ['nodes']), urls(['get'], ['/version'])]);
    assert.deepEqual(result.namespaceRules.get('shop-legacy'), [
      rule(['list', 'watch'], [''], ['configmaps']),
      rule(['get'], [''], ['configmaps'], ['api-settings']),
      rule(['create'], [''], ['events']),
      rule(['get'], [''], ['namespaces'], ['shop-legacy']),
      rule(['get'], [''], ['secrets'], ['api-db']),
      rule(['get', 'update'], ['coordination.k8s.io'], ['leases'], ['api-leader']),
    ]);
    const model = modelOf(renderManifests(result.objects, 'yaml'));
    const identity = serviceAccountIdentity('shop-legacy', 'api');
    for (const { request } of requestsOf(read.events, api)) assert.equal(model.allows(identity, request).allowed, true, JSON.stringify(request));
    assert.equal(model.allows(identity, { verb: 'get', group: '', resource: 'secrets', namespace: 'shop-legacy', name: 'other' }).allowed, false);
    assert.equal(model.allows(identity, { verb: 'list', group: '', resource: 'secrets', namespace: 'shop-legacy' }).allowed, false);
    assert.equal(model.allows(identity, { verb: 'create', group: '', resource: 'pods', namespace: 'shop-legacy' }).allowed, false);
  });
});
