import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { parseAccessMatrix } from './access-matrix.js';
import { buildRbacAnalysis, type RbacAnalysis } from './analysis.js';
import { can } from './can.js';
import { generateRbac } from './generate.js';
import { renderManifests } from './manifest-output.js';
import { resolveAccessQuery, type AccessQueryInput } from './query.js';
import type { Subject } from './types.js';

const MATRIX = `namePrefix: team
roles:
  log-reader:
    - apiGroups: [""]
      resources: [pods, pods/log]
      verbs: [get, list, watch]
  release-manager:
    - apiGroups: [apps]
      resources: [deployments, deployments/scale]
      verbs: [get, patch]
    - apiGroups: [""]
      resources: [configmaps]
      resourceNames: [release-settings]
      verbs: [get, update]
  metrics:
    - nonResourceURLs: [/metrics]
      verbs: [get]
    - apiGroups: [""]
      resources: [nodes/metrics]
      verbs: [get]
  unused:
    - apiGroups: [""]
      resources: [secrets]
      verbs: [list]
subjects:
  - user: alice
    namespaces:
      shop: edit
      staging: [admin, log-reader]
  - group: developers
    namespaces:
      shop: [view, log-reader]
  - group: sre
    clusterWide: view
  - serviceAccount: ci/deployer
    namespaces:
      shop: release-manager
      staging: release-manager
  - serviceAccount: monitoring/prometheus
    clusterWide: [view, metrics]
`;

/** The generated YAML, loaded back the way `bulwark rbac can` loads manifests. */
function analysisOf(yaml: string): RbacAnalysis {
  const { documents, diagnostics } = parseSource('generated.yaml', yaml, DEFAULT_LIMITS);
  assert.deepEqual(diagnostics, []);
  return buildRbacAnalysis(extractResources(documents, 'default').resources);
}

function allowed(analysis: RbacAnalysis, subject: Subject, question: AccessQueryInput): boolean {
  return can(analysis, subject, resolveAccessQuery(question, analysis.catalog)).allowed;
}

const ALICE: Subject = { kind: 'User', name: 'alice' };
const BOB_OF_DEVELOPERS: Subject = { kind: 'Group', name: 'developers' };
const SRE: Subject = { kind: 'Group', name: 'sre' };
const DEPLOYER: Subject = { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' };
const PROMETHEUS: Subject = { kind: 'ServiceAccount', namespace: 'monitoring', name: 'prometheus' };

describe('generateRbac', () => {
  const generated = generateRbac(parseAccessMatrix('access.yaml', MATRIX));

  it('writes one ClusterRole per named role in use, then one binding per role and scope, in a fixed order', () => {
    assert.deepEqual(
      generated.objects.map((object) => {
        const metadata = object.metadata as { name: string; namespace?: string };
        const roleRef = object.roleRef as { kind: string; name: string } | undefined;
        const subjects = (object.subjects as { name: string }[] | undefined)?.map((subject) => subject.name);
        return [object.kind, metadata.namespace ?? '', metadata.name, roleRef === undefined ? '' : `${roleRef.kind}/${roleRef.name}`, subjects?.join(',') ?? ''];
      }),
      [
        ['ClusterRole', '', 'team:log-reader', '', ''],
        ['ClusterRole', '', 'team:metrics', '', ''],
        ['ClusterRole', '', 'team:release-manager', '', ''],
        ['ClusterRoleBinding', '', 'team:metrics', 'ClusterRole/team:metrics', 'prometheus'],
        ['ClusterRoleBinding', '', 'team:view', 'ClusterRole/view', 'sre,prometheus'],
        ['RoleBinding', 'shop', 'team:edit', 'ClusterRole/edit', 'alice'],
        ['RoleBinding', 'shop', 'team:log-reader', 'ClusterRole/team:log-reader', 'developers'],
        ['RoleBinding', 'shop', 'team:release-manager', 'ClusterRole/team:release-manager', 'deployer'],
        ['RoleBinding', 'shop', 'team:view', 'ClusterRole/view', 'developers'],
        ['RoleBinding', 'staging', 'team:admin', 'ClusterRole/admin', 'alice'],
        ['RoleBinding', 'staging', 'team:log-reader', 'ClusterRole/team:log-reader', 'alice'],
        ['RoleBinding', 'staging', 'team:release-manager', 'ClusterRole/team:release-manager', 'deployer'],
      ],
    );
    assert.deepEqual(generated.unusedRoles, ['unused']);
  });

  it('writes the same text for the same matrix', () => {
    const again = generateRbac(parseAccessMatrix('access.yaml', MATRIX));
    assert.equal(renderManifests(again.objects, 'yaml'), renderManifests(generated.objects, 'yaml'));
  });

  describe('what the authorizer then allows', () => {
    const analysis = analysisOf(renderManifests(generated.objects, 'yaml'));
    const table: [who: Subject, question: AccessQueryInput, expected: boolean][] = [
      // Every cell of the matrix, through a request its access level or role allows.
      [ALICE, { verb: 'create', resource: 'deployments.apps', namespace: 'shop' }, true],
      [ALICE, { verb: 'create', resource: 'rolebindings', namespace: 'staging' }, true],
      [ALICE, { verb: 'get', resource: 'pods/log', namespace: 'staging', name: 'web-1' }, true],
      [BOB_OF_DEVELOPERS, { verb: 'list', resource: 'services', namespace: 'shop' }, true],
      [BOB_OF_DEVELOPERS, { verb: 'watch', resource: 'pods', namespace: 'shop' }, true],
      [BOB_OF_DEVELOPERS, { verb: 'get', resource: 'pods/log', namespace: 'shop', name: 'web-1' }, true],
      [SRE, { verb: 'list', resource: 'pods' }, true],
      [DEPLOYER, { verb: 'patch', resource: 'deployments.apps', namespace: 'shop', name: 'web' }, true],
      [DEPLOYER, { verb: 'get', resource: 'deployments.apps/scale', namespace: 'staging', name: 'web' }, true],
      [DEPLOYER, { verb: 'update', resource: 'configmaps', namespace: 'staging', name: 'release-settings' }, true],
      [PROMETHEUS, { verb: 'get', resource: '/metrics' }, true],
      [PROMETHEUS, { verb: 'get', resource: 'nodes/metrics', name: 'node-1' }, true],
      [PROMETHEUS, { verb: 'list', resource: 'endpoints' }, true],
      // And around each: other namespaces, verbs, names, scopes.
      [ALICE, { verb: 'create', resource: 'deployments.apps', namespace: 'kube-system' }, false],
      [ALICE, { verb: 'create', resource: 'rolebindings', namespace: 'shop' }, false],
      [ALICE, { verb: 'get', resource: 'pods/log', namespace: 'shop', name: 'web-1' }, true],
      [ALICE, { verb: 'list', resource: 'pods' }, false],
      [BOB_OF_DEVELOPERS, { verb: 'create', resource: 'pods', namespace: 'shop' }, false],
      [BOB_OF_DEVELOPERS, { verb: 'get', resource: 'pods/log', namespace: 'staging', name: 'web-1' }, false],
      [BOB_OF_DEVELOPERS, { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' }, false],
      [SRE, { verb: 'get', resource: 'secrets', namespace: 'shop', name: 'db' }, false],
      [SRE, { verb: 'delete', resource: 'pods', namespace: 'shop', name: 'web-1' }, false],
      [DEPLOYER, { verb: 'delete', resource: 'deployments.apps', namespace: 'shop', name: 'web' }, false],
      [DEPLOYER, { verb: 'update', resource: 'configmaps', namespace: 'shop', name: 'other-settings' }, false],
      [DEPLOYER, { verb: 'patch', resource: 'deployments.apps', namespace: 'prod', name: 'web' }, false],
      [DEPLOYER, { verb: 'patch', resource: 'deployments.apps', name: 'web' }, false],
      [PROMETHEUS, { verb: 'get', resource: '/healthz' }, false],
      [PROMETHEUS, { verb: 'get', resource: 'nodes/proxy', name: 'node-1' }, false],
      [PROMETHEUS, { verb: 'list', resource: 'secrets' }, false],
      [{ kind: 'User', name: 'mallory' }, { verb: 'get', resource: 'pods', namespace: 'shop' }, false],
    ];
    for (const [who, question, expected] of table) {
      const text = `${who.kind} ${who.name} ${question.verb} ${question.resource}${question.name ? ` ${question.name}` : ''} in ${question.namespace ?? 'all namespaces'}`;
      it(`${expected ? 'allows' : 'denies'}: ${text}`, () => {
        assert.equal(allowed(analysis, who, question), expected);
      });
    }
  });

  it('with rolesAs: Role, writes a Role in each namespace and keeps a ClusterRole for cluster-wide use', () => {
    const matrix = parseAccessMatrix('access.yaml', MATRIX.replace('namePrefix: team\n', 'namePrefix: team\nrolesAs: Role\n'));
    const objects = generateRbac(matrix).objects;
    assert.deepEqual(
      objects.filter((object) => object.kind === 'Role' || object.kind === 'ClusterRole').map((object) => `${object.kind} ${(object.metadata as { namespace?: string }).namespace ?? ''}/${(object.metadata as { name: string }).name}`),
      ['ClusterRole /team:metrics', 'Role shop/team:log-reader', 'Role shop/team:release-manager', 'Role staging/team:log-reader', 'Role staging/team:release-manager'],
    );
    const analysis = analysisOf(renderManifests(objects, 'yaml'));
    assert.equal(allowed(analysis, DEPLOYER, { verb: 'patch', resource: 'deployments.apps', namespace: 'shop', name: 'web' }), true);
    assert.equal(allowed(analysis, BOB_OF_DEVELOPERS, { verb: 'get', resource: 'pods/log', namespace: 'shop', name: 'web-1' }), true);
    assert.equal(allowed(analysis, BOB_OF_DEVELOPERS, { verb: 'get', resource: 'pods/log', namespace: 'staging', name: 'web-1' }), false);
  });

  it('turns the example matrix into manifests the loader reads without a problem', () => {
    const url = new URL('../../examples/rbac/access.yaml', import.meta.url);
    const objects = generateRbac(parseAccessMatrix('examples/rbac/access.yaml', readFileSync(url, 'utf8'))).objects;
    const analysis = analysisOf(renderManifests(objects, 'yaml'));
    assert.equal(analysis.model.bindings.length, 10);
    assert.equal(allowed(analysis, { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' }, { verb: 'update', resource: 'configmaps', namespace: 'shop', name: 'release-settings' }), true);
  });
});
