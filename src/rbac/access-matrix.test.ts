import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { AccessMatrixError, parseAccessMatrix } from './access-matrix.js';
import { RBAC_ACCESS_SCHEMA } from './access-schema.js';

const ROOT = new URL('../../', import.meta.url);

const VALID = `namePrefix: team
rolesAs: Role
roles:
  log-reader:
    - apiGroups: [""]
      resources: [pods, pods/log]
      verbs: [get, list, watch]
  metrics:
    - nonResourceURLs: [/metrics]
      verbs: [get]
subjects:
  - user: alice
    namespaces:
      shop: [edit, log-reader]
  - group: sre
    clusterWide: [view, metrics]
  - serviceAccount: ci/deployer
    namespaces:
      shop: admin
      staging: edit
`;

/** Problems as `line:column path code`, the way they are compared below. */
function problemsOf(text: string): string[] {
  try {
    parseAccessMatrix('access.yaml', text);
  } catch (error) {
    if (error instanceof AccessMatrixError) return error.problems.map((problem) => `${problem.line}:${problem.column} ${problem.path} ${problem.code}`);
    throw error;
  }
  return [];
}

describe('parseAccessMatrix', () => {
  it('reads subjects, cells and roles', () => {
    const matrix = parseAccessMatrix('access.yaml', VALID);
    assert.equal(matrix.namePrefix, 'team');
    assert.equal(matrix.rolesAs, 'Role');
    assert.deepEqual([...matrix.roles.keys()], ['log-reader', 'metrics']);
    assert.deepEqual(matrix.roles.get('log-reader')?.rules, [{ verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'], resourceNames: [], nonResourceURLs: [] }]);
    assert.deepEqual(
      matrix.grants.map((grant) => [grant.subject, grant.namespace ?? '*', grant.access, grant.path.join('.')]),
      [
        [{ kind: 'User', name: 'alice' }, 'shop', 'edit', 'subjects.0.namespaces.shop.0'],
        [{ kind: 'User', name: 'alice' }, 'shop', 'log-reader', 'subjects.0.namespaces.shop.1'],
        [{ kind: 'Group', name: 'sre' }, '*', 'view', 'subjects.1.clusterWide.0'],
        [{ kind: 'Group', name: 'sre' }, '*', 'metrics', 'subjects.1.clusterWide.1'],
        [{ kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }, 'shop', 'admin', 'subjects.2.namespaces.shop'],
        [{ kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }, 'staging', 'edit', 'subjects.2.namespaces.staging'],
      ],
    );
  });

  it('defaults the prefix to access and roles to ClusterRoles', () => {
    const matrix = parseAccessMatrix('access.yaml', 'subjects:\n  - user: bob\n    clusterWide: view\n');
    assert.equal(matrix.namePrefix, 'access');
    assert.equal(matrix.rolesAs, 'ClusterRole');
    assert.equal(matrix.roles.size, 0);
  });

  const invalid: [name: string, text: string, problems: string[]][] = [
    ['YAML that does not parse', 'subjects: [\n', ['1:11  yaml-syntax']],
    ['a list instead of a mapping', '- user: alice\n', ['1:1  not-a-matrix']],
    ['no subjects', 'roles: {}\n', ['1:1  missing-key']],
    ['an unknown top-level key', 'subject: []\nsubjects:\n  - user: a\n    clusterWide: view\n', ['1:1 subject unknown-key']],
    ['a prefix that is not a name', 'namePrefix: Team_A\nsubjects:\n  - user: a\n    clusterWide: view\n', ['1:1 namePrefix invalid-name']],
    ['rolesAs of another kind', 'rolesAs: RoleBinding\nsubjects:\n  - user: a\n    clusterWide: view\n', ['1:1 rolesAs schema-enum']],
    ['two kinds in one subject', 'subjects:\n  - user: a\n    group: b\n    clusterWide: view\n', ['2:5 subjects[0] subject-kind']],
    ['no kind', 'subjects:\n  - clusterWide: view\n', ['2:5 subjects[0] subject-kind']],
    ['no access', 'subjects:\n  - user: a\n', ['2:5 subjects[0] no-access']],
    ['a ServiceAccount without namespace', 'subjects:\n  - serviceAccount: api\n    clusterWide: view\n', ['2:5 subjects[0].serviceAccount invalid-service-account']],
    ['a namespace that is not a name', 'subjects:\n  - user: a\n    namespaces:\n      Shop: view\n', ['4:7 subjects[0].namespaces.Shop invalid-name']],
    ['access that is a number', 'subjects:\n  - user: a\n    clusterWide: 3\n', ['3:5 subjects[0].clusterWide invalid-access']],
    ['the same access twice in a cell', 'subjects:\n  - user: a\n    clusterWide: [view, view]\n', ['3:5 subjects[0].clusterWide duplicate']],
    ['an unknown role', 'subjects:\n  - user: a\n    namespaces:\n      shop: [view, viewer]\n', ['4:20 subjects[0].namespaces.shop[1] unknown-role']],
    ['the same subject twice', 'subjects:\n  - user: a\n    clusterWide: view\n  - user: a\n    namespaces: {shop: edit}\n', ['4:5 subjects[1].user duplicate-subject']],
    [
      'a ServiceAccount twice, once by its user name',
      'subjects:\n  - serviceAccount: shop/api\n    clusterWide: view\n  - user: system:serviceaccount:shop:api\n    clusterWide: view\n',
      ['4:5 subjects[1].user duplicate-subject'],
    ],
    ['a role named like a built-in level', 'roles:\n  edit:\n    - apiGroups: [""]\n      resources: [pods]\n      verbs: [get]\nsubjects:\n  - user: a\n    clusterWide: view\n', ['2:3 roles.edit reserved-name']],
    ['a role name that is not a name', 'roles:\n  Readers:\n    - apiGroups: [""]\n      resources: [pods]\n      verbs: [get]\nsubjects:\n  - user: a\n    clusterWide: view\n', ['2:3 roles.Readers invalid-name']],
    [
      'an unknown key in a rule (the meaning of rules is checked once the schema is met)',
      'roles:\n  broken:\n    - verbs: [get]\n    - apiGroups: [""]\n      resources: [pods]\n      verbs: [get]\n      colour: red\nsubjects:\n  - user: a\n    clusterWide: broken\n',
      ['7:7 roles.broken[1].colour unknown-key'],
    ],
    [
      'rules that cannot work',
      `roles:
  broken:
    - verbs: [get]
    - apiGroups: [""]
      resources: [pods/*, a/b/c]
      verbs: [get]
    - resources: [pods]
      nonResourceURLs: [metrics]
      verbs: [get]
    - nonResourceURLs: [/x]
      resourceNames: [z]
      verbs: [get]
    - apiGroups: [""]
      resources: [configmaps]
      resourceNames: [settings]
      verbs: [get, create]
subjects:
  - user: a
    clusterWide: broken
`,
      [
        '3:7 roles.broken[0] empty-rule',
        '5:19 roles.broken[1].resources[0] invalid-resource',
        '5:27 roles.broken[1].resources[1] invalid-resource',
        '7:7 roles.broken[2] missing-key',
        '8:7 roles.broken[2].nonResourceURLs mixed-rule',
        '8:25 roles.broken[2].nonResourceURLs[0] invalid-url',
        '11:7 roles.broken[3].resourceNames needs-resources',
        '16:20 roles.broken[4].verbs[1] unnamed-verb',
      ],
    ],
    [
      'URLs and cluster-scoped resources given in a namespace',
      `roles:
  metrics:
    - nonResourceURLs: [/metrics]
      verbs: [get]
  node-reader:
    - apiGroups: [""]
      resources: [nodes]
      verbs: [get]
  own-namespace:
    - apiGroups: [""]
      resources: [namespaces]
      verbs: [get]
subjects:
  - user: a
    clusterWide: [metrics, node-reader]
    namespaces:
      shop: [metrics, node-reader, own-namespace]
`,
      ['17:14 subjects[0].namespaces.shop[0] cluster-only-role', '17:23 subjects[0].namespaces.shop[1] cluster-only-role'],
    ],
  ];
  for (const [name, text, expected] of invalid) {
    it(`reports every problem with its line and column: ${name}`, () => {
      assert.deepEqual(problemsOf(text), expected);
    });
  }

  it('says what is wrong, where, and how to fix it, as a configuration error', () => {
    assert.throws(
      () => parseAccessMatrix('team/access.yaml', 'subjects:\n  - user: a\n    namespaces:\n      shop: [view, viewer]\n'),
      (error: unknown) =>
        error instanceof AccessMatrixError &&
        error.code === 'BULWARK_E_CONFIG' &&
        error.message ===
          'team/access.yaml is not a valid access matrix (1 problem):\n  team/access.yaml:4:20  subjects[0].namespaces.shop[1]: unknown role "viewer": use view, edit, admin or a role defined under roles [unknown-role]',
    );
  });
});

describe('the published schema', () => {
  const published = JSON.parse(readFileSync(new URL('docs/schemas/rbac-access.schema.json', ROOT), 'utf8')) as object;

  it('is the schema the loader uses', () => {
    assert.deepEqual(published, JSON.parse(JSON.stringify(RBAC_ACCESS_SCHEMA)));
  });

  it('is a valid strict draft 2020-12 schema, met by the example matrix', () => {
    const validate = new Ajv2020({ allErrors: true, strict: true }).compile(published);
    const example = parseSource('access.yaml', readFileSync(new URL('examples/rbac/access.yaml', ROOT), 'utf8'), DEFAULT_LIMITS).documents[0]?.value;
    assert.ok(validate(example), JSON.stringify(validate.errors));
    assert.equal(validate({ subjects: [{ user: 'a' }] }), false);
  });
});
