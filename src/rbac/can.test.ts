import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { can } from './can.js';
import { describeBinding } from './model.js';
import { parseSubjectArgument, resolveAccessQuery, type AccessQueryInput } from './query.js';

const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: deployer
rules:
- apiGroups: ["apps"]
  resources: ["deployments", "deployments/scale"]
  verbs: ["get", "create", "patch"]
- apiGroups: [""]
  resources: ["configmaps"]
  resourceNames: ["settings"]
  verbs: ["get", "update"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployers
  namespace: shop
subjects:
- kind: User
  name: alice
- kind: Group
  name: release
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: deployers
  namespace: blog
subjects:
- kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: readers
subjects:
- kind: Group
  name: system:serviceaccounts
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: alice-deployer
subjects:
- kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: deployer
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: namespace-reader
  namespace: shop
subjects:
- kind: User
  name: bob
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`;

const parsed = parseSource('rbac.yaml', FIXTURE, DEFAULT_LIMITS);
const analysis = buildRbacAnalysis(extractResources(parsed.documents, 'default').resources);

interface CanCase {
  name: string;
  subject: string;
  groups?: string[];
  query: AccessQueryInput;
  allowed: boolean;
  /** The bindings that allow it, the deciding one first. */
  grants: string[];
  bypass?: boolean;
  allowedInNamespaces?: string[];
}

const cases: CanCase[] = [
  {
    name: 'a ClusterRoleBinding decides before the RoleBinding of the namespace',
    subject: 'user:alice',
    query: { verb: 'create', resource: 'deployments', namespace: 'shop' },
    allowed: true,
    grants: ['ClusterRoleBinding "alice-deployer"', 'RoleBinding "shop/deployers"'],
  },
  { name: 'across all namespaces: only the ClusterRoleBinding', subject: 'user:alice', query: { verb: 'get', resource: 'deployments.apps' }, allowed: true, grants: ['ClusterRoleBinding "alice-deployer"'] },
  { name: 'a group member through a RoleBinding', subject: 'group:release', query: { verb: 'patch', resource: 'deploy/scale', namespace: 'shop' }, allowed: true, grants: ['RoleBinding "shop/deployers"'] },
  { name: 'not in another namespace', subject: 'group:release', query: { verb: 'patch', resource: 'deployments/scale', namespace: 'blog' }, allowed: false, grants: [] },
  {
    name: 'across all namespaces, denied: the namespaces where it is allowed',
    subject: 'group:release',
    query: { verb: 'create', resource: 'deployments' },
    allowed: false,
    grants: [],
    allowedInNamespaces: ['shop'],
  },
  { name: 'a user given a group on the command line', subject: 'user:carol', groups: ['release'], query: { verb: 'create', resource: 'deployments', namespace: 'shop' }, allowed: true, grants: ['RoleBinding "shop/deployers"'] },
  { name: 'a verb no rule names', subject: 'user:alice', query: { verb: 'delete', resource: 'deployments', namespace: 'shop' }, allowed: false, grants: [] },
  { name: 'resourceNames: the named object', subject: 'user:alice', query: { verb: 'update', resource: 'configmaps', namespace: 'shop', name: 'settings' }, allowed: true, grants: ['ClusterRoleBinding "alice-deployer"', 'RoleBinding "shop/deployers"'] },
  { name: 'resourceNames: another object', subject: 'user:alice', query: { verb: 'update', resource: 'configmaps', namespace: 'shop', name: 'other' }, allowed: false, grants: [] },
  { name: 'resourceNames: no name at all', subject: 'user:alice', query: { verb: 'get', resource: 'configmaps', namespace: 'shop' }, allowed: false, grants: [] },
  { name: 'a ServiceAccount through system:serviceaccounts', subject: 'sa:shop/web', query: { verb: 'list', resource: 'pods', namespace: 'blog' }, allowed: true, grants: ['ClusterRoleBinding "readers"'] },
  { name: 'the same ServiceAccount as a user name', subject: 'system:serviceaccount:shop:web', query: { verb: 'list', resource: 'pods' }, allowed: true, grants: ['ClusterRoleBinding "readers"'] },
  { name: 'view does not read Secrets', subject: 'sa:shop/web', query: { verb: 'get', resource: 'secrets', namespace: 'shop' }, allowed: false, grants: [] },
  { name: 'a RoleBinding may allow reading its own Namespace object', subject: 'user:bob', query: { verb: 'get', resource: 'namespaces', name: 'shop' }, allowed: true, grants: ['RoleBinding "shop/namespace-reader"'] },
  { name: 'but not another Namespace', subject: 'user:bob', query: { verb: 'get', resource: 'namespaces', name: 'blog' }, allowed: false, grants: [] },
  { name: 'system:masters bypasses RBAC', subject: 'user:root', groups: ['system:masters'], query: { verb: 'delete', resource: 'nodes' }, allowed: true, grants: [], bypass: true },
  { name: 'unknown user', subject: 'user:mallory', query: { verb: 'get', resource: 'pods', namespace: 'shop' }, allowed: false, grants: [] },
];

describe('can a subject make a request', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const subject = parseSubjectArgument(testCase.subject);
      const query = resolveAccessQuery(testCase.query, analysis.catalog);
      const result = can(analysis, subject, query, testCase.groups ?? []);
      assert.equal(result.allowed, testCase.allowed);
      assert.deepEqual(result.grants.map((grant) => describeBinding(grant.binding)), testCase.grants);
      assert.equal(result.bypass, testCase.bypass === true ? 'system:masters' : undefined);
      assert.deepEqual(result.allowedInNamespaces, testCase.allowedInNamespaces ?? []);
      // The same decision, and the same deciding grant, as the authorizer model.
      const decision = analysis.model.allows(result.identity, query.request);
      assert.equal(decision.allowed, result.allowed);
      assert.equal(decision.grant?.binding, result.grants[0]?.binding);
    });
  }
});
