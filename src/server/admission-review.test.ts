import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidReviewError, nestedDeeperThan, parseAdmissionReview, readAdmissionReview } from './admission-review.js';
import { fixtureText } from './fixtures.cases.js';

function review(request: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', request };
}

const POD_REQUEST = {
  uid: '0d6b3c43-7f5c-4a52-bd35-3c6f1a2b9e01',
  kind: { group: '', version: 'v1', kind: 'Pod' },
  resource: { group: '', version: 'v1', resource: 'pods' },
  namespace: 'shop',
  operation: 'CREATE',
  userInfo: { username: 'alice', groups: ['system:authenticated'] },
  object: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [] } },
};

function refusal(body: unknown): string {
  try {
    readAdmissionReview(body);
  } catch (error) {
    assert.ok(error instanceof InvalidReviewError, String(error));
    return error.message;
  }
  assert.fail('the body was accepted');
}

describe('readAdmissionReview', () => {
  it('reads every field of a recorded request', () => {
    const request = parseAdmissionReview(fixtureText('pod-ephemeral-debug.json'));
    assert.deepEqual(
      { uid: request.uid, operation: request.operation, kind: request.kind, resource: request.resource, subResource: request.subResource, requestSubResource: request.requestSubResource, name: request.name, namespace: request.namespace, user: request.userInfo.username, groups: request.userInfo.groups, dryRun: request.dryRun, options: request.options?.kind, old: request.oldObject?.kind },
      {
        uid: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
        operation: 'UPDATE',
        kind: { group: '', version: 'v1', kind: 'Pod' },
        resource: { group: '', version: 'v1', resource: 'pods' },
        subResource: 'ephemeralcontainers',
        requestSubResource: 'ephemeralcontainers',
        name: 'web-6b7c8d9f5-x2k8p',
        namespace: 'shop',
        user: 'alice@example.com',
        groups: ['developers', 'system:authenticated'],
        dryRun: undefined,
        options: 'UpdateOptions',
        old: 'Pod',
      },
    );
    assert.equal(parseAdmissionReview(fixtureText('deployment-create-dry-run.json')).dryRun, true);
    const deletion = parseAdmissionReview(fixtureText('pod-delete.json'));
    assert.deepEqual([deletion.object, deletion.oldObject?.kind], [null, 'Pod']);
  });

  it("fills in an object's apiVersion and kind from the request when it lacks them", () => {
    const request = readAdmissionReview(review({ ...POD_REQUEST, kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, resource: { group: 'apps', version: 'v1', resource: 'deployments' }, object: { metadata: { name: 'web' } } }));
    assert.deepEqual([request.object?.apiVersion, request.object?.kind], ['apps/v1', 'Deployment']);
  });

  const refusals: Array<[string, unknown, string]> = [
    ['an array', [], 'the body must be an AdmissionReview object, not an array'],
    ['a string', 'AdmissionReview', 'the body must be an AdmissionReview object, not a string'],
    ['another kind', { apiVersion: 'v1', kind: 'Pod', metadata: {} }, 'the body must be an AdmissionReview, not a Pod'],
    ['no kind', { apiVersion: 'admission.k8s.io/v1' }, 'the body must be an AdmissionReview, not an object without kind'],
    ['v1beta1', { apiVersion: 'admission.k8s.io/v1beta1', kind: 'AdmissionReview', request: POD_REQUEST }, 'AdmissionReview version admission.k8s.io/v1beta1 is not supported: only admission.k8s.io/v1 (set admissionReviewVersions: [v1] in the webhook configuration)'],
    ['a response, no request', { apiVersion: 'admission.k8s.io/v1', kind: 'AdmissionReview', response: { uid: 'x', allowed: true } }, 'the AdmissionReview has no request'],
    ['no uid', review({ ...POD_REQUEST, uid: undefined }), 'request.uid is missing'],
    ['an empty uid', review({ ...POD_REQUEST, uid: '' }), 'request.uid is empty'],
    ['a numeric uid', review({ ...POD_REQUEST, uid: 42 }), 'request.uid must be a string, not a number'],
    ['a huge uid', review({ ...POD_REQUEST, uid: 'u'.repeat(10_000) }), 'request.uid is 10000 characters long, more than 256'],
    ['an unknown operation', review({ ...POD_REQUEST, operation: 'PATCH' }), 'request.operation must be CREATE, UPDATE, DELETE or CONNECT, not "PATCH"'],
    ['a kind that is a string', review({ ...POD_REQUEST, kind: 'Pod' }), 'request.kind must be an object with group, version and kind'],
    ['a huge kind', review({ ...POD_REQUEST, kind: { group: '', version: 'v1', kind: 'K'.repeat(300) } }), 'request.kind.kind is 300 characters long, more than 253'],
    ['no resource', review({ ...POD_REQUEST, resource: undefined }), 'request.resource must be an object with group, version and resource'],
    ['an object of another kind', review({ ...POD_REQUEST, object: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } } }), 'request.object is a Secret, but request.kind says Pod'],
    ['an object that is a list', review({ ...POD_REQUEST, object: [] }), 'request.object must be an object, not an array'],
    ['CREATE without object', review({ ...POD_REQUEST, object: null }), 'request.object is missing for CREATE'],
    ['a dryRun that is a string', review({ ...POD_REQUEST, dryRun: 'true' }), 'request.dryRun must be true or false'],
    ['groups that are not strings', review({ ...POD_REQUEST, userInfo: { username: 'alice', groups: [1] } }), 'request.userInfo.groups must be a list of strings of at most 1024 characters'],
    ['a huge namespace', review({ ...POD_REQUEST, namespace: 'n'.repeat(1_000_000) }), 'request.namespace is 1000000 characters long, more than 253'],
  ];
  for (const [what, body, message] of refusals) {
    it(`refuses ${what}`, () => assert.equal(refusal(body), message));
  }
});

describe('parseAdmissionReview', () => {
  const refusals: Array<[string, string, string]> = [
    ['an empty body', '', 'the body is not JSON: Unexpected end of JSON input'],
    ['truncated JSON', fixtureText('pod-create-privileged.json').slice(0, 400), 'the body is not JSON: '],
    ['deep nesting', `{"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'the body nests deeper than 100 levels: not a Kubernetes object'],
  ];
  for (const [what, text, message] of refusals) {
    it(`refuses ${what}`, () => {
      assert.throws(
        () => parseAdmissionReview(text),
        (error: unknown) => error instanceof InvalidReviewError && error.message.startsWith(message),
      );
    });
  }

  it('measures nesting without recursion, objects and arrays alike', () => {
    const deep = JSON.parse(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`) as unknown;
    assert.deepEqual([nestedDeeperThan(deep, 100), nestedDeeperThan(deep, 99), nestedDeeperThan([[[]]], 3), nestedDeeperThan([[[]]], 2), nestedDeeperThan('text', 0)], [false, true, false, true, false]);
  });
});
