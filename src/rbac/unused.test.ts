import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { readAuditLog } from './audit-log.js';
import { renderUnusedText, unusedJson } from './unused-render.js';
import { ruleUsage, unusedRules, type UnusedReport } from './unused.js';

const MANIFESTS = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: app
  namespace: shop
rules:
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get, list]
- apiGroups: [""]
  resources: [secrets]
  resourceNames: [db]
  verbs: [get]
- apiGroups: [""]
  resources: [configmaps]
  verbs: [get]
- apiGroups: [""]
  resources: [nodes]
  verbs: [list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: app
  namespace: shop
subjects:
- kind: ServiceAccount
  name: api
- kind: Group
  name: devs
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: app
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: impersonator
rules:
- apiGroups: [""]
  resources: [serviceaccounts]
  verbs: [impersonate]
- nonResourceURLs: [/metrics]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci
subjects:
- kind: User
  name: ci-bot
- kind: User
  name: nobody
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: impersonator
`;

function event(auditID: string, user: Record<string, unknown>, verb: string, objectRef: Record<string, unknown> | undefined, more: Record<string, unknown> = {}): string {
  return JSON.stringify({
    kind: 'Event',
    apiVersion: 'audit.k8s.io/v1',
    auditID,
    stage: 'ResponseComplete',
    requestURI: objectRef === undefined ? '/metrics' : '/api/v1/…',
    verb,
    user,
    ...(objectRef !== undefined ? { objectRef } : {}),
    responseStatus: { code: 200 },
    ...more,
  });
}

const API = { username: 'system:serviceaccount:shop:api', groups: ['system:serviceaccounts', 'system:serviceaccounts:shop', 'system:authenticated'] };
const LOG = [
  event('1', API, 'get', { resource: 'configmaps', namespace: 'shop', name: 'settings' }),
  event('2', API, 'get', { resource: 'configmaps', namespace: 'shop', name: 'settings' }),
  event('3', API, 'get', { resource: 'secrets', namespace: 'shop', name: 'db' }),
  // Another namespace: the RoleBinding does not apply there.
  event('4', API, 'list', { resource: 'configmaps', namespace: 'staging' }, { responseStatus: { code: 403 } }),
  event('5', { username: 'ci-bot', groups: ['system:authenticated'] }, 'get', { resource: 'secrets', namespace: 'shop', name: 'db' }, { impersonatedUser: API }),
  event('6', { username: 'dana', groups: ['devs', 'system:authenticated'] }, 'list', { resource: 'configmaps', namespace: 'shop' }),
];

async function report(): Promise<UnusedReport> {
  const { documents } = parseSource('rbac.yaml', MANIFESTS, DEFAULT_LIMITS);
  const analysis = buildRbacAnalysis(extractResources(documents, 'default').resources);
  return ruleUsage(analysis, (await readAuditLog(LOG)).events);
}

describe('ruleUsage', () => {
  it('counts, per subject of each binding, the logged requests each rule allowed', async () => {
    const result = await report();
    assert.equal(result.requests, 6);
    assert.equal(result.identities, 2);
    assert.deepEqual(
      result.subjects.map((subject) => [
        subject.subject.kind === 'ServiceAccount' ? `${subject.subject.namespace}/${subject.subject.name}` : subject.subject.name,
        subject.requests,
        subject.bindings.map((use) => [use.binding.name, use.subjectIndex, [...use.uses]]),
      ]),
      [
        // Users, then groups, then ServiceAccounts.
        ['ci-bot', 1, [['ci', 0, [1, 0]]]],
        ['nobody', 0, [['ci', 1, [0, 0]]]],
        ['devs', 1, [['app', 1, [1, 0, 0, 0]]]],
        // get configmaps twice (rules 0 and 2 both allow it), get secrets db twice (once impersonated).
        ['shop/api', 5, [['app', 0, [2, 2, 2, 0]]]],
      ],
    );
  });

  it('unusedRules: the rules no request used', async () => {
    const api = (await report()).subjects.find((subject) => subject.subject.name === 'api');
    assert.deepEqual(
      unusedRules(api?.bindings[0] as NonNullable<typeof api>['bindings'][number]).map((rule) => rule.index),
      [3],
    );
  });

  it('renders a report for people', async () => {
    assert.equal(
      renderUnusedText(await report(), 'audit.log'),
      `Unused permissions: 6 requests by 2 identities in audit.log, against 2 bindings of the input

User "ci-bot": 1 request
  ClusterRoleBinding "ci" (rbac.yaml:47) cluster-wide → ClusterRole "impersonator": 1 of 2 rules used; never used:
    ClusterRole "impersonator" rules[1] (rbac.yaml:44): get on /metrics

User "nobody": no request in the log
  ClusterRoleBinding "ci" (rbac.yaml:47) cluster-wide → ClusterRole "impersonator": not used (2 rules)

Group "devs": 1 request
  RoleBinding "shop/app" (rbac.yaml:21) in namespace "shop" → Role "shop/app": 1 of 4 rules used; never used:
    Role "shop/app" rules[1] (rbac.yaml:10): get on secrets in API group "" named "db"
    Role "shop/app" rules[2] (rbac.yaml:14): get on configmaps in API group ""
    Role "shop/app" rules[3] (rbac.yaml:17): list on nodes in API group ""

ServiceAccount "shop/api": 5 requests
  RoleBinding "shop/app" (rbac.yaml:21) in namespace "shop" → Role "shop/app": 3 of 4 rules used; never used:
    Role "shop/app" rules[3] (rbac.yaml:17): list on nodes in API group ""

7 of 12 rule grants (a rule of a binding, for one of its subjects) never used.
`,
    );
  });

  it('writes JSON that meets the published schema', async () => {
    const schema = JSON.parse(readFileSync(new URL('../../docs/schemas/rbac-unused.schema.json', import.meta.url), 'utf8')) as object;
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(schema);
    const document = JSON.parse(JSON.stringify(unusedJson(await report(), 'audit.log'))) as { subjects: { bindings: { used: { requests: number }[]; unused: { index: number }[] }[] }[]; summary: unknown };
    assert.ok(validate(document), JSON.stringify(validate.errors));
    assert.deepEqual(document.summary, { ruleGrants: 12, unused: 7 });
    const api = document.subjects[3]?.bindings[0];
    assert.deepEqual(
      api?.used.map((entry) => entry.requests),
      [2, 2, 2],
    );
    assert.deepEqual(
      api?.unused.map((rule) => rule.index),
      [3],
    );
    assert.equal(validate({ schemaVersion: '1.0.0', log: { file: 'x', requests: 0, identities: 0 }, subjects: [{}], summary: { ruleGrants: 0, unused: 0 } }), false);
  });
});
