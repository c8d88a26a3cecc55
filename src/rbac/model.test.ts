import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources, type Resource } from '../model/resource.js';
import { buildRbacModel, describeGrantSource, type RbacModel } from './model.js';
import { ruleAllows } from './rules.js';
import { anonymousIdentity, groupMemberIdentity, serviceAccountIdentity, userIdentity } from './subjects.js';
import type { AccessRequest, Subject, UserInfo } from './types.js';

function load(yaml: string): Resource[] {
  const parsed = parseSource('rbac.yaml', yaml, DEFAULT_LIMITS);
  return extractResources(parsed.documents, 'default').resources;
}

const AGGREGATION = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring
aggregationRule:
  clusterRoleSelectors:
  - matchLabels:
      rbac.example.com/aggregate-to-monitoring: "true"
  - matchExpressions:
    - {key: team, operator: In, values: [observability]}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-endpoints
  labels:
    rbac.example.com/aggregate-to-monitoring: "true"
rules:
- apiGroups: [""]
  resources: ["services", "endpoints", "pods"]
  verbs: ["get", "list", "watch"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: monitoring-metrics
  labels:
    team: observability
rules:
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: unrelated
  labels:
    team: payments
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: widgets-edit
  labels:
    rbac.authorization.k8s.io/aggregate-to-edit: "true"
rules:
- apiGroups: ["example.com"]
  resources: ["widgets"]
  verbs: ["create", "update", "delete"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: prometheus
subjects:
- kind: ServiceAccount
  name: prometheus
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: monitoring
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: developers
  namespace: shop
subjects:
- kind: Group
  name: shop-developers
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: admin
`;

const NAMESPACED = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get", "list"]
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: read-secrets
  namespace: shop
subjects:
- kind: ServiceAccount
  name: backup
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["*"]
- apiGroups: [""]
  resources: ["pods/exec"]
  verbs: ["create"]
  resourceNames: ["debug"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployer
  namespace: shop
subjects:
- kind: User
  name: ci-bot
  apiGroup: rbac.authorization.k8s.io
- kind: Group
  name: system:serviceaccounts:shop
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployer
  namespace: staging
subjects:
- kind: User
  name: intern
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: broken
subjects:
- kind: ServiceAccount
  name: backup
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: secret-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: public-pods
subjects:
- kind: Group
  name: system:unauthenticated
  apiGroup: rbac.authorization.k8s.io
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`;

interface AllowsCase {
  name: string;
  who: Subject | UserInfo;
  request: AccessRequest;
  allowed: boolean;
  /** The binding and role that allow it, as describeGrantSource renders them. */
  via?: string;
}

function checkAllows(model: RbacModel, cases: AllowsCase[]): void {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const decision = model.allows(testCase.who, testCase.request);
      assert.equal(decision.allowed, testCase.allowed, decision.reason);
      if (testCase.via !== undefined) {
        assert.ok(decision.grant, 'a grant is given');
        assert.equal(describeGrantSource(decision.grant), testCase.via);
      }
    });
  }
}

describe('aggregated ClusterRoles', () => {
  const model = buildRbacModel(load(AGGREGATION));
  const prometheus = serviceAccountIdentity('monitoring', 'prometheus');
  it('collect the rules of every ClusterRole matching any selector, not their own', () => {
    const monitoring = model.clusterRole('monitoring');
    assert.ok(monitoring);
    assert.deepEqual(
      model.effectiveRules(monitoring).map((rule) => `${rule.role.name}[${rule.index}]`),
      ['monitoring-endpoints[0]', 'monitoring-metrics[0]'],
    );
  });
  it('report which aggregated roles a source feeds', () => {
    const source = model.clusterRole('monitoring-endpoints');
    assert.ok(source);
    assert.deepEqual(
      model.aggregatedInto(source).map((role) => role.name),
      ['monitoring'],
    );
  });
  checkAllows(model, [
    { name: 'matchLabels source', who: prometheus, request: { verb: 'list', resource: 'pods' }, allowed: true, via: 'ClusterRoleBinding "prometheus" → ClusterRole "monitoring", which aggregates ClusterRole "monitoring-endpoints"' },
    { name: 'matchExpressions source', who: prometheus, request: { verb: 'get', path: '/metrics' }, allowed: true },
    { name: 'non-matching ClusterRole is not included', who: prometheus, request: { verb: 'get', resource: 'secrets', namespace: 'monitoring', name: 'x' }, allowed: false },
    {
      name: 'an input role labelled aggregate-to-edit reaches the built-in admin through edit',
      who: groupMemberIdentity('shop-developers'),
      request: { verb: 'create', group: 'example.com', resource: 'widgets', namespace: 'shop' },
      allowed: true,
      via: 'RoleBinding "shop/developers" → ClusterRole "admin" (built-in), which aggregates ClusterRole "widgets-edit"',
    },
    {
      name: 'built-in admin holds the edit rules (secrets)',
      who: groupMemberIdentity('shop-developers'),
      request: { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' },
      allowed: true,
      via: 'RoleBinding "shop/developers" → ClusterRole "admin" (built-in), which aggregates ClusterRole "system:aggregate-to-edit" (built-in)',
    },
    {
      name: 'built-in admin holds its own rules (rolebindings)',
      who: groupMemberIdentity('shop-developers'),
      request: { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: 'shop' },
      allowed: true,
    },
    { name: 'a RoleBinding to admin does not reach other namespaces', who: groupMemberIdentity('shop-developers'), request: { verb: 'get', resource: 'secrets', namespace: 'payments', name: 'db' }, allowed: false },
  ]);
});

describe('built-in ClusterRoles', () => {
  const model = buildRbacModel([]);
  const cases: { role: string; request: AccessRequest; allowed: boolean }[] = [
    { role: 'cluster-admin', request: { verb: 'delete', group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', name: 'x' }, allowed: true },
    { role: 'cluster-admin', request: { verb: 'get', path: '/debug/pprof/profile' }, allowed: true },
    { role: 'admin', request: { verb: 'create', group: 'apps', resource: 'deployments' }, allowed: true },
    { role: 'edit', request: { verb: 'create', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: true },
    { role: 'edit', request: { verb: 'create', resource: 'serviceaccounts', subresource: 'token', name: 'web' }, allowed: true },
    { role: 'edit', request: { verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings' }, allowed: false },
    { role: 'view', request: { verb: 'list', resource: 'pods' }, allowed: true },
    { role: 'view', request: { verb: 'get', resource: 'secrets', name: 'db' }, allowed: false },
    { role: 'view', request: { verb: 'get', resource: 'pods', subresource: 'exec', name: 'web' }, allowed: false },
    { role: 'system:discovery', request: { verb: 'get', path: '/apis/apps/v1' }, allowed: true },
    { role: 'system:public-info-viewer', request: { verb: 'get', path: '/metrics' }, allowed: false },
  ];
  for (const testCase of cases) {
    it(`${testCase.role}: ${testCase.allowed ? 'allows' : 'denies'} ${JSON.stringify(testCase.request)}`, () => {
      const role = model.clusterRole(testCase.role);
      assert.ok(role?.builtin, 'built in');
      const allowed = model.effectiveRules(role).some((ref) => ruleAllows(ref.rule, testCase.request));
      assert.equal(allowed, testCase.allowed);
    });
  }
  it('a ClusterRole of the same name in the input replaces the built-in one', () => {
    const replaced = buildRbacModel(
      load(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: view
rules:
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get"]
`),
    );
    const view = replaced.clusterRole('view');
    assert.equal(view?.builtin, false);
    assert.equal(replaced.effectiveRules(view).length, 1);
  });
});

describe('bindings and namespaces', () => {
  const model = buildRbacModel(load(NAMESPACED));
  const backup = serviceAccountIdentity('shop', 'backup');
  checkAllows(model, [
    {
      name: 'a RoleBinding to a ClusterRole grants it in the binding namespace (subject namespace defaulted)',
      who: backup,
      request: { verb: 'list', resource: 'secrets', namespace: 'shop' },
      allowed: true,
      via: 'RoleBinding "shop/read-secrets" → ClusterRole "secret-reader"',
    },
    { name: '… and nowhere else', who: backup, request: { verb: 'list', resource: 'secrets', namespace: 'payments' }, allowed: false },
    { name: '… nor across all namespaces', who: backup, request: { verb: 'list', resource: 'secrets' }, allowed: false },
    { name: '… nor on cluster-scoped resources of the ClusterRole', who: backup, request: { verb: 'get', resource: 'nodes', name: 'node-1' }, allowed: false },
    { name: 'a ClusterRoleBinding ServiceAccount subject without namespace matches nobody', who: serviceAccountIdentity('default', 'backup'), request: { verb: 'list', resource: 'secrets' }, allowed: false },
    { name: 'a Role is found in the binding namespace', who: userIdentity('ci-bot'), request: { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web' }, allowed: true, via: 'RoleBinding "shop/deployer" → Role "shop/deployer"' },
    { name: 'a RoleBinding to a Role missing from its namespace grants nothing', who: userIdentity('intern'), request: { verb: 'patch', group: 'apps', resource: 'deployments', namespace: 'staging', name: 'web' }, allowed: false },
    { name: 'a namespace group: every ServiceAccount of the namespace', who: serviceAccountIdentity('shop', 'web'), request: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'shop' }, allowed: true },
    { name: 'a namespace group does not cover other namespaces', who: serviceAccountIdentity('staging', 'web'), request: { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'shop' }, allowed: false },
    { name: 'resourceNames limit subresource access', who: userIdentity('ci-bot'), request: { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'web' }, allowed: false },
    { name: 'resourceNames allow the named object', who: userIdentity('ci-bot'), request: { verb: 'create', resource: 'pods', subresource: 'exec', namespace: 'shop', name: 'debug' }, allowed: true },
    { name: 'system:unauthenticated is the anonymous user', who: anonymousIdentity(), request: { verb: 'list', resource: 'pods', namespace: 'kube-system' }, allowed: true, via: 'ClusterRoleBinding "public-pods" → ClusterRole "view" (built-in), which aggregates ClusterRole "system:aggregate-to-view" (built-in)' },
    { name: 'a subject given as a Subject is expanded to its groups', who: { kind: 'User', name: 'someone' }, request: { verb: 'list', resource: 'pods' }, allowed: false },
    { name: 'system:masters bypasses RBAC', who: userIdentity('root', ['system:masters']), request: { verb: 'delete', resource: 'nodes', name: 'node-1' }, allowed: true },
  ]);

  it('notes how subjects were read', () => {
    const readSecrets = model.bindings.find((binding) => binding.name === 'read-secrets');
    assert.equal(readSecrets?.subjects[0]?.note, 'namespace-defaulted');
    const broken = model.bindings.find((binding) => binding.name === 'broken');
    assert.equal(broken?.subjects[0]?.subject, undefined);
    assert.equal(broken?.subjects[0]?.note, 'namespace-missing');
    assert.equal(broken?.subjects[0]?.principal, undefined);
  });

  it('keys each subject by its principal: a ServiceAccount and its user name are one', () => {
    const held = buildRbacModel(
      load(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: both}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: ServiceAccount, name: web, namespace: shop}
  - {kind: User, name: "system:serviceaccount:shop:web"}
  - {kind: User, name: web}
  - {kind: Group, name: web}
`),
    );
    const principals = held.bindings[0]?.subjects.map((subject) => subject.principal);
    assert.deepEqual(principals, ['ServiceAccount:shop/web', 'ServiceAccount:shop/web', 'User:web', 'Group:web']);
    // Both spellings of the ServiceAccount find the binding once, credited to the first subject.
    const bindings = held.bindingsFor(serviceAccountIdentity('shop', 'web'));
    assert.deepEqual(bindings.map((entry) => `${entry.binding.name}:${entry.subject.index}`), ['both:0']);
    assert.deepEqual(held.bindingsFor(userIdentity('web')).map((entry) => `${entry.binding.name}:${entry.subject.index}`), ['both:2']);
  });

  it('grantsFor lists every rule with its binding, role and namespace scope', () => {
    const grants = model.grantsFor({ kind: 'ServiceAccount', namespace: 'shop', name: 'backup' });
    assert.deepEqual(
      grants.map((grant) => `${grant.binding.name} ${grant.rule.role.name}[${grant.rule.index}] in ${grant.namespace ?? '*'} for ${grant.subject.subject.kind}`),
      [
        'read-secrets secret-reader[0] in shop for ServiceAccount',
        'read-secrets secret-reader[1] in shop for ServiceAccount',
        'deployer deployer[0] in shop for Group',
        'deployer deployer[1] in shop for Group',
      ],
    );
  });

  it('subjectsFor lists binding subjects, with groups unexpanded', () => {
    const grants = model.subjectsFor({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'shop' });
    assert.deepEqual(
      grants.map((grant) => `${grant.subject.subject.kind}:${grant.subject.subject.name}`),
      ['User:ci-bot', 'Group:system:serviceaccounts:shop'],
    );
    assert.deepEqual(model.subjectsFor({ verb: 'create', group: 'apps', resource: 'deployments', namespace: 'staging' }), []);
  });

  it('grantsOfRule follows bindings to the role that writes the rule', () => {
    const reader = model.clusterRole('secret-reader');
    assert.ok(reader);
    assert.deepEqual(
      model.grantsOfRule(reader, 0).map((grant) => grant.binding.name),
      ['read-secrets'],
    );
    assert.equal(model.isGranted(reader), true);
  });
});

describe('default bindings', () => {
  it('are applied only when asked for', () => {
    const request: AccessRequest = { verb: 'get', path: '/version' };
    assert.equal(buildRbacModel([]).allows(anonymousIdentity(), request).allowed, false);
    assert.equal(buildRbacModel([], { defaultBindings: true }).allows(anonymousIdentity(), request).allowed, true);
    assert.equal(buildRbacModel([], { defaultBindings: true }).allows(anonymousIdentity(), { verb: 'get', path: '/apis' }).allowed, false);
    assert.equal(buildRbacModel([], { defaultBindings: true }).allows(userIdentity('jane'), { verb: 'get', path: '/apis' }).allowed, true);
  });
});

describe('objects that only look like RBAC', () => {
  it('a custom resource kind named Role is ignored', () => {
    const model = buildRbacModel(
      load(`apiVersion: iam.example.com/v1
kind: Role
metadata:
  name: admin
  namespace: shop
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
`),
    );
    assert.equal(model.role('shop', 'admin'), undefined);
  });
});
