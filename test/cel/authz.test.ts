import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CelAuthorizationCheck } from '../../src/cel/lib/authz.js';
import { createCelEnvironment } from '../../src/cel/index.js';
import { table } from './helpers.js';

/** A toy authorizer: alice may do anything in "dev"; service account ci/deployer may create deployments. */
function authorizer(check: CelAuthorizationCheck) {
  if (check.path === '/healthz') return { decision: 'allow' as const, reason: 'public path' };
  if (check.serviceAccount !== undefined) {
    const allowed = check.serviceAccount.namespace === 'ci' && check.serviceAccount.name === 'deployer' && check.resource === 'deployments' && check.verb === 'create';
    return { decision: allowed ? ('allow' as const) : ('deny' as const) };
  }
  if (check.resource === 'secrets' && check.verb === 'boom') throw new Error('webhook unavailable');
  return check.namespace === 'dev' ? { decision: 'allow' as const, reason: 'dev is open' } : { decision: 'noOpinion' as const };
}

const request = { resource: { group: 'apps', version: 'v1', resource: 'deployments' }, subResource: 'scale', namespace: 'dev', name: 'web', operation: 'UPDATE' };

describe('authz library', () => {
  table(
    [
      ["authorizer.group('apps').resource('deployments').namespace('dev').check('create').allowed()", 'true'],
      ["authorizer.group('apps').resource('deployments').namespace('prod').check('create').allowed()", 'false'],
      ["authorizer.group('').resource('pods').namespace('dev').name('x').subresource('log').check('get').reason()", "'dev is open'"],
      ["authorizer.path('/healthz').check('get').allowed()", 'true'],
      ["authorizer.path('  ')", { error: 'path must not be empty' }],
      ["authorizer.group('apps').resource(' ')", { error: 'resource must not be empty' }],
      ["authorizer.serviceAccount('ci', 'deployer').group('apps').resource('deployments').check('create').allowed()", 'true'],
      ["authorizer.serviceAccount('ci', 'deployer').group('apps').resource('deployments').check('delete').allowed()", 'false'],
      ["authorizer.serviceAccount('not@valid', 'x')", { error: 'invalid service account namespace' }],
      ["authorizer.group('').resource('secrets').check('boom').errored()", 'true'],
      ["authorizer.group('').resource('secrets').check('boom').error()", "'webhook unavailable'"],
      ["authorizer.group('').resource('secrets').check('boom').allowed()", 'false'],
      ["authorizer.group('').resource('pods').labelSelector('app=web').fieldSelector('spec.nodeName=n1').namespace('dev').check('list').allowed()", 'true'],
      // The request's own resource, like Kubernetes' authorizer.requestResource.
      ["authorizer.requestResource.check('update').allowed()", 'true'],
      ["authorizer.group('apps').check('get')", { compileError: "found no matching overload for 'check'" }],
    ],
    { authorizer, request },
  );

  it('passes every attribute of the check to the callback', () => {
    const seen: CelAuthorizationCheck[] = [];
    const env = createCelEnvironment();
    env
      .compile("authorizer.requestResource.check('patch').allowed() || authorizer.group('').resource('pods').labelSelector('a=b').check('list').allowed()")
      .evaluateOrThrow({ request, authorizer: (c: CelAuthorizationCheck) => (seen.push(c), { decision: 'deny' }) });
    assert.deepEqual(seen, [
      { group: 'apps', resource: 'deployments', subresource: 'scale', namespace: 'dev', name: 'web', verb: 'patch' },
      { group: '', resource: 'pods', labelSelector: 'a=b', verb: 'list' },
    ]);
  });

  it('reports a clear error when no authorizer is supplied', () => {
    const result = createCelEnvironment().compile("authorizer.group('').resource('pods').check('get').allowed()").evaluate({});
    assert.equal(result.ok, false);
    if (!result.ok) assert.match(result.error.message, /no authorizer is available/);
  });
});
