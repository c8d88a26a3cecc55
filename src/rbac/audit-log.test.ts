import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticatedIdentity, effectiveIdentity, impersonationRequests, parseAuditLine, readAuditLog, type AuditEvent } from './audit-log.js';

/** An audit event as the API server's log backend writes it, with the fields given. */
function event(fields: Record<string, unknown>): string {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    level: 'Metadata',
    auditID: 'a1',
    stage: 'ResponseComplete',
    requestURI: '/api/v1/namespaces/shop/pods',
    verb: 'list',
    user: { username: 'alice', groups: ['devs', 'system:authenticated'] },
    sourceIPs: ['10.0.0.1'],
    objectRef: { resource: 'pods', namespace: 'shop', apiVersion: 'v1' },
    responseStatus: { metadata: {}, code: 200 },
    requestReceivedTimestamp: '2026-03-02T09:14:03.118204Z',
    stageTimestamp: '2026-03-02T09:14:03.121390Z',
    ...fields,
  });
}

function only(text: string): AuditEvent {
  const { events, problems } = parseAuditLine(text, 7);
  assert.deepEqual(problems, []);
  assert.equal(events.length, 1);
  return events[0] as AuditEvent;
}

describe('parseAuditLine', () => {
  const requests: [name: string, fields: Record<string, unknown>, request: unknown][] = [
    ['a list in a namespace', {}, { verb: 'list', group: '', resource: 'pods', namespace: 'shop' }],
    [
      'a subresource of a named object of a group',
      { verb: 'get', requestURI: '/apis/apps/v1/namespaces/shop/deployments/web/scale', objectRef: { resource: 'deployments', namespace: 'shop', name: 'web', apiGroup: 'apps', apiVersion: 'v1', subresource: 'scale' } },
      { verb: 'get', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'shop', name: 'web' },
    ],
    ['a cluster-scoped object', { verb: 'get', requestURI: '/api/v1/nodes/node-1', objectRef: { resource: 'nodes', name: 'node-1', apiVersion: 'v1' } }, { verb: 'get', group: '', resource: 'nodes', name: 'node-1' }],
    [
      'a Namespace object, filed under itself when the log does not say',
      { verb: 'get', requestURI: '/api/v1/namespaces/shop', objectRef: { resource: 'namespaces', name: 'shop', apiVersion: 'v1' } },
      { verb: 'get', group: '', resource: 'namespaces', namespace: 'shop', name: 'shop' },
    ],
    ['a URL, without the query', { verb: 'get', requestURI: '/version?timeout=32s', objectRef: undefined }, { verb: 'get', path: '/version' }],
  ];
  for (const [name, fields, request] of requests) {
    it(`reads the request: ${name}`, () => {
      assert.deepEqual(only(event(fields)).request, request);
    });
  }

  it('keeps the user, the impersonated user, the status, the stage and the line', () => {
    const read = only(
      event({
        verb: 'patch',
        auditID: 'b2',
        stage: 'ResponseComplete',
        user: { username: 'ci-bot', uid: 'u-1', groups: ['ci', 'system:authenticated'] },
        impersonatedUser: { username: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated', 'release'], extra: { scopes: ['deploy'] } },
        responseStatus: { metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403 },
      }),
    );
    assert.equal(read.line, 7);
    assert.equal(read.auditID, 'b2');
    assert.equal(read.status, 403);
    assert.deepEqual(read.user, { username: 'ci-bot', groups: ['ci', 'system:authenticated'], uid: 'u-1', extra: {} });
    assert.deepEqual(effectiveIdentity(read), { name: 'system:serviceaccount:ci:deployer', groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated', 'release'] });
    assert.deepEqual(authenticatedIdentity(read), { name: 'ci-bot', groups: ['ci', 'system:authenticated'] });
    assert.deepEqual(impersonationRequests(read), [
      { verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: 'ci', name: 'deployer' },
      { verb: 'impersonate', group: '', resource: 'groups', name: 'release' },
      { verb: 'impersonate', group: 'authentication.k8s.io', resource: 'userextras', subresource: 'scopes', name: 'deploy' },
    ]);
  });

  it('asks to impersonate a user by name, and its UID', () => {
    const read = only(event({ impersonatedUser: { username: 'bob', uid: '1234', groups: ['system:authenticated'] } }));
    assert.deepEqual(impersonationRequests(read), [
      { verb: 'impersonate', group: '', resource: 'users', name: 'bob' },
      { verb: 'impersonate', group: 'authentication.k8s.io', resource: 'uids', name: '1234' },
    ]);
    assert.deepEqual(impersonationRequests(only(event({}))), []);
  });

  it('reads the events of an EventList line', () => {
    const list = JSON.stringify({ kind: 'EventList', apiVersion: 'audit.k8s.io/v1', items: [JSON.parse(event({ auditID: 'x' })), JSON.parse(event({ auditID: 'y', verb: 'watch' }))] });
    assert.deepEqual(
      parseAuditLine(list, 1).events.map((read) => [read.auditID, read.request.verb]),
      [
        ['x', 'list'],
        ['y', 'watch'],
      ],
    );
  });

  const malformed: [name: string, text: string, message: string][] = [
    ['a line cut short', event({}).slice(0, 60), 'not JSON: '],
    ['another kind of object', JSON.stringify({ kind: 'Pod', apiVersion: 'v1' }), 'not an audit event: kind "Pod", apiVersion "v1" (expected Event, audit.k8s.io/v1)'],
    ['a JSON array', '[1, 2]', 'not an audit event (a JSON object of kind Event)'],
    ['no verb', event({ verb: '' }), 'the event has no verb'],
    ['no user name', event({ user: { groups: ['x'] } }), 'the event has no user.username'],
    ['an impersonated user without name', event({ impersonatedUser: { groups: ['x'] } }), 'impersonatedUser has no username'],
    ['an objectRef without resource', event({ objectRef: { namespace: 'shop' } }), 'objectRef has no resource'],
    ['neither objectRef nor path', event({ objectRef: undefined, requestURI: 'version' }), 'a request without objectRef needs a requestURI path'],
  ];
  for (const [name, text, message] of malformed) {
    it(`says why a line is not an event: ${name}`, () => {
      const { events, problems } = parseAuditLine(text, 12);
      assert.deepEqual(events, []);
      assert.equal(problems.length, 1);
      assert.equal(problems[0]?.line, 12);
      assert.ok(problems[0]?.message.startsWith(message), problems[0]?.message);
    });
  }
});

describe('readAuditLog', () => {
  it('counts the stages of one request once, as ResponseComplete, and reads on past bad lines', async () => {
    const log = await readAuditLog([
      event({ auditID: 'a', stage: 'RequestReceived', responseStatus: undefined }),
      '',
      '{"kind":"Event","apiVers',
      event({ auditID: 'b', stage: 'ResponseStarted', verb: 'watch' }),
      event({ auditID: 'a', stage: 'ResponseComplete', responseStatus: { code: 403 } }),
      event({ auditID: 'c', stage: 'RequestReceived', verb: 'get', responseStatus: undefined, objectRef: { resource: 'pods', namespace: 'shop', name: 'web' } }),
      event({ auditID: 'c', stage: 'ResponseStarted', verb: 'get', responseStatus: { code: 200 }, objectRef: { resource: 'pods', namespace: 'shop', name: 'web' } }),
      event({ auditID: undefined, verb: 'create' }),
      event({ auditID: undefined, verb: 'create' }),
    ]);
    assert.deepEqual(
      log.events.map((read) => [read.auditID ?? '-', read.stage, read.request.verb, read.status ?? '-', read.line]),
      [
        ['a', 'ResponseComplete', 'list', 403, 5],
        ['b', 'ResponseStarted', 'watch', 200, 4],
        ['c', 'ResponseStarted', 'get', 200, 7],
        ['-', 'ResponseComplete', 'create', 200, 8],
        ['-', 'ResponseComplete', 'create', 200, 9],
      ],
    );
    assert.deepEqual(
      log.problems.map((problem) => problem.line),
      [3],
    );
    assert.equal(log.lines, 8);
    assert.equal(log.read, 7);
  });

  it('keeps only the events asked for, counting every one it read', async () => {
    const log = await readAuditLog([event({ auditID: '1' }), event({ auditID: '2', user: { username: 'bob' } })], (read) => read.user.username === 'bob');
    assert.deepEqual(
      log.events.map((read) => read.auditID),
      ['2'],
    );
    assert.equal(log.read, 2);
  });
});
