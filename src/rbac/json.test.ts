import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { can } from './can.js';
import { findEscalationPaths } from './escalation.js';
import { canJson, matrixJson, pathsJson, whoCanJson } from './json.js';
import { accessMatrix } from './matrix.js';
import { resolveAccessQuery } from './query.js';
import { whoCan } from './who-can.js';

const SCHEMAS = new URL('../../docs/schemas/', import.meta.url);

function validator(name: string) {
  const schema = JSON.parse(readFileSync(new URL(name, SCHEMAS), 'utf8')) as object;
  return new Ajv2020({ allErrors: true, strict: true }).compile(schema);
}

/** Round-trips through JSON text, as the command line writes it. */
function asWritten(value: unknown): Record<string, unknown> {
  return JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
}

const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: escalator
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [escalate, patch]
- nonResourceURLs: [/metrics]
  verbs: [get]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: escalator
subjects:
- kind: User
  name: mallory
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: escalator
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: binder
  namespace: kube-system
subjects:
- kind: Group
  name: devs
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: binder
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: binder
rules:
- apiGroups: [rbac.authorization.k8s.io]
  resources: [rolebindings]
  verbs: [create]
- apiGroups: [rbac.authorization.k8s.io]
  resources: [clusterroles]
  verbs: [bind]
- apiGroups: [""]
  resources: [secrets]
  verbs: [delete]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: exec
  namespace: kube-system
rules:
- apiGroups: [""]
  resources: [pods/exec]
  verbs: [create]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ops-exec
  namespace: kube-system
subjects:
- kind: Group
  name: ops
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: exec
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: agent
subjects:
- kind: ServiceAccount
  name: agent
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  template:
    spec:
      serviceAccountName: agent
      containers:
      - name: agent
        image: agent:1
`;

const analysis = buildRbacAnalysis(extractResources(parseSource('rbac.yaml', FIXTURE, DEFAULT_LIMITS).documents, 'default').resources);

describe('JSON outputs match their published schemas', () => {
  it('who-can (resource and URL requests, built-in and input roles, workloads)', () => {
    const validate = validator('rbac-who-can.schema.json');
    for (const [verb, resource] of [
      ['patch', 'clusterroles'],
      ['get', 'secrets'],
      ['get', '/metrics'],
    ] as const) {
      const document = asWritten(whoCanJson(whoCan(analysis, resolveAccessQuery({ verb, resource }, analysis.catalog))));
      assert.ok(validate(document), JSON.stringify(validate.errors));
      assert.ok((document.subjects as unknown[]).length > 0, `${verb} ${resource} has subjects`);
    }
    assert.equal(validate({ schemaVersion: '1.0.0', query: {}, subjects: [], workloads: [] }), false);
  });

  it('can (allowed, denied, bypass)', () => {
    const validate = validator('rbac-can.schema.json');
    const query = resolveAccessQuery({ verb: 'delete', resource: 'secrets', namespace: 'kube-system' }, analysis.catalog);
    const results = [can(analysis, { kind: 'Group', name: 'devs' }, query), can(analysis, { kind: 'User', name: 'mallory' }, query), can(analysis, { kind: 'User', name: 'root' }, query, ['system:masters'])];
    assert.deepEqual(results.map((result) => result.allowed), [true, false, true]);
    for (const result of results) {
      const document = asWritten(canJson(result));
      assert.ok(validate(document), JSON.stringify(validate.errors));
    }
    assert.equal(validate({ ...asWritten(canJson(results[0] as never)), allowed: 'yes' }), false);
  });

  it('matrix', () => {
    const validate = validator('rbac-matrix.schema.json');
    for (const options of [{}, { namespace: 'kube-system' }]) {
      const document = asWritten(matrixJson(accessMatrix(analysis, options)));
      assert.ok(validate(document), JSON.stringify(validate.errors));
    }
    assert.equal(validate({ schemaVersion: '1.0.0', namespace: null, verbs: [], entries: [{}] }), false);
  });

  it('paths (chains through a rewritten role, a bound role and a workload; a subject already there)', () => {
    const validate = validator('rbac-paths.schema.json');
    const report = findEscalationPaths(analysis);
    const document = asWritten(pathsJson(report));
    assert.ok(validate(document), JSON.stringify(validate.errors));
    const techniques = report.results.flatMap((result) => result.paths.flatMap((path) => path.steps.map((step) => step.technique)));
    assert.deepEqual([...new Set(techniques)].sort(), ['bind-role', 'escalate-role', 'exec-into-pod', 'impersonate']);
    const states = new Set(report.results.flatMap((result) => result.paths.flatMap((path) => path.steps.map((step) => step.to.kind))));
    assert.deepEqual([...states].sort(), ['everything', 'role', 'subject']);
    assert.ok(report.results.some((result) => result.paths.some((path) => path.steps.length === 0)));
    assert.equal(validate({ ...document, results: [{ start: {}, paths: [], more: -1 }] }), false);
  });
});
