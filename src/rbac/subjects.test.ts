import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { anonymousIdentity, classifySubject, groupMemberIdentity, identityOf, parseServiceAccountUserName, sameSubject, subjectApplies, userIdentity, type SubjectClass } from './subjects.js';
import type { Subject } from './types.js';

describe('identities', () => {
  it('a ServiceAccount is its user name plus the service-account and authenticated groups', () => {
    assert.deepEqual(identityOf({ kind: 'ServiceAccount', namespace: 'shop', name: 'web' }), {
      name: 'system:serviceaccount:shop:web',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'],
    });
  });
  it('a user named like a ServiceAccount is that ServiceAccount', () => {
    assert.deepEqual(userIdentity('system:serviceaccount:shop:web'), identityOf({ kind: 'ServiceAccount', namespace: 'shop', name: 'web' }));
  });
  it('users are authenticated; the anonymous user is not', () => {
    assert.deepEqual(userIdentity('jane', ['dev']), { name: 'jane', groups: ['dev', 'system:authenticated'] });
    assert.deepEqual(userIdentity('system:anonymous'), anonymousIdentity());
    assert.deepEqual(anonymousIdentity(), { name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });
  it('a group stands for an unnamed authenticated member; system:unauthenticated for the anonymous user', () => {
    assert.deepEqual(groupMemberIdentity('dev'), { name: undefined, groups: ['dev', 'system:authenticated'] });
    assert.deepEqual(groupMemberIdentity('system:unauthenticated'), anonymousIdentity());
  });
  it('parses ServiceAccount user names strictly', () => {
    assert.deepEqual(parseServiceAccountUserName('system:serviceaccount:kube-system:default'), { namespace: 'kube-system', name: 'default' });
    assert.equal(parseServiceAccountUserName('system:serviceaccount:kube-system'), undefined);
    assert.equal(parseServiceAccountUserName('system:serviceaccounts:kube-system'), undefined);
  });
});

describe('subjectApplies', () => {
  const web = identityOf({ kind: 'ServiceAccount', namespace: 'shop', name: 'web' });
  const cases: { name: string; subject: Subject; applies: boolean }[] = [
    { name: 'the ServiceAccount itself', subject: { kind: 'ServiceAccount', namespace: 'shop', name: 'web' }, applies: true },
    { name: 'same name, other namespace', subject: { kind: 'ServiceAccount', namespace: 'ops', name: 'web' }, applies: false },
    { name: 'its user name', subject: { kind: 'User', name: 'system:serviceaccount:shop:web' }, applies: true },
    { name: 'all service accounts', subject: { kind: 'Group', name: 'system:serviceaccounts' }, applies: true },
    { name: 'service accounts of its namespace', subject: { kind: 'Group', name: 'system:serviceaccounts:shop' }, applies: true },
    { name: 'service accounts of another namespace', subject: { kind: 'Group', name: 'system:serviceaccounts:ops' }, applies: false },
    { name: 'all authenticated', subject: { kind: 'Group', name: 'system:authenticated' }, applies: true },
    { name: 'unauthenticated', subject: { kind: 'Group', name: 'system:unauthenticated' }, applies: false },
  ];
  for (const testCase of cases) it(testCase.name, () => assert.equal(subjectApplies(testCase.subject, web), testCase.applies));
  it('a User subject never applies to an unnamed group member', () => {
    assert.equal(subjectApplies({ kind: 'User', name: 'jane' }, groupMemberIdentity('dev')), false);
  });
});

describe('classifySubject', () => {
  const cases: { subject: Subject; expected: SubjectClass }[] = [
    { subject: { kind: 'Group', name: 'system:authenticated' }, expected: 'everyone' },
    { subject: { kind: 'Group', name: 'system:unauthenticated' }, expected: 'everyone' },
    { subject: { kind: 'User', name: 'system:anonymous' }, expected: 'everyone' },
    { subject: { kind: 'Group', name: 'system:serviceaccounts' }, expected: 'everyone' },
    { subject: { kind: 'Group', name: 'system:serviceaccounts:shop' }, expected: 'everyone' },
    { subject: { kind: 'Group', name: 'system:masters' }, expected: 'masters' },
    { subject: { kind: 'Group', name: 'system:nodes' }, expected: 'system-component' },
    { subject: { kind: 'User', name: 'system:kube-controller-manager' }, expected: 'system-component' },
    { subject: { kind: 'ServiceAccount', namespace: 'kube-system', name: 'generic-garbage-collector' }, expected: 'system-component' },
    { subject: { kind: 'User', name: 'system:serviceaccount:kube-system:namespace-controller' }, expected: 'system-component' },
    { subject: { kind: 'ServiceAccount', namespace: 'kube-system', name: 'tiller' }, expected: 'service-account' },
    { subject: { kind: 'ServiceAccount', namespace: 'kube-system', name: 'default' }, expected: 'service-account' },
    { subject: { kind: 'ServiceAccount', namespace: 'ops', name: 'namespace-controller' }, expected: 'service-account' },
    { subject: { kind: 'User', name: 'jane@example.com' }, expected: 'user' },
    { subject: { kind: 'Group', name: 'platform-admins' }, expected: 'group' },
  ];
  for (const testCase of cases) {
    it(`${testCase.subject.kind} ${testCase.subject.name} is ${testCase.expected}`, () => assert.equal(classifySubject(testCase.subject), testCase.expected));
  }
});

describe('sameSubject', () => {
  it('a ServiceAccount and its user name are the same principal', () => {
    assert.equal(sameSubject({ kind: 'ServiceAccount', namespace: 'a', name: 'b' }, { kind: 'User', name: 'system:serviceaccount:a:b' }), true);
    assert.equal(sameSubject({ kind: 'Group', name: 'x' }, { kind: 'User', name: 'x' }), false);
  });
});
