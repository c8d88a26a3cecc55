import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { accessMatrix, type AccessMatrix } from './matrix.js';
import { renderMatrixCsv, renderMatrixHtml } from './matrix-render.js';
import { matrixResourceText, renderMatrixText } from './render-text.js';
import { describeSubject } from './subjects.js';

const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops
rules:
- apiGroups: [""]
  resources: ["pods", "nodes"]
  verbs: ["get", "list"]
- apiGroups: ["apps"]
  resources: ["deployments/scale"]
  resourceNames: ["web"]
  verbs: ["patch"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: ops
  namespace: shop
subjects:
- kind: User
  name: alice
- kind: Group
  name: "<b>devs</b>"
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
- kind: ServiceAccount
  name: monitor
  namespace: monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: approver
  namespace: shop
rules:
- apiGroups: ["*"]
  resources: ["*"]
  verbs: ["*"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["watch", "get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: approver
  namespace: shop
subjects:
- kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: approver
`;

const parsed = parseSource('rbac.yaml', FIXTURE, DEFAULT_LIMITS);
const analysis = buildRbacAnalysis(extractResources(parsed.documents, 'default').resources);

function rows(matrix: AccessMatrix): string[] {
  return matrix.entries.map((entry) => `${describeSubject(entry.subject)} | ${entry.namespace ?? 'cluster-wide'} | ${matrixResourceText(entry)} | ${entry.verbs.join(' ')}`);
}

describe('access matrix', () => {
  it('subjects × resources × verbs, with rules a RoleBinding cannot use left out', () => {
    const matrix = accessMatrix(analysis);
    assert.deepEqual(matrix.verbs, ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', '*']);
    assert.deepEqual(rows(matrix), [
      // nodes and /metrics are dropped for the RoleBinding: cluster-scoped requests never reach it. Rules of two roles merge per resource.
      'User "alice" | shop | pods | get list watch',
      'User "alice" | shop | *.* | *',
      'User "alice" | shop | deployments.apps/scale [web] | patch',
      'Group "<b>devs</b>" | shop | pods | get list',
      'Group "<b>devs</b>" | shop | deployments.apps/scale [web] | patch',
      'ServiceAccount "monitoring/monitor" | cluster-wide | nodes | get list',
      'ServiceAccount "monitoring/monitor" | cluster-wide | pods | get list',
      'ServiceAccount "monitoring/monitor" | cluster-wide | deployments.apps/scale [web] | patch',
      'ServiceAccount "monitoring/monitor" | cluster-wide | /metrics | get',
    ]);
  });

  it('limited to a namespace: cluster-wide grants and the namespace\'s own', () => {
    assert.deepEqual(rows(accessMatrix(analysis, { namespace: 'blog' })), [
      'ServiceAccount "monitoring/monitor" | cluster-wide | nodes | get list',
      'ServiceAccount "monitoring/monitor" | cluster-wide | pods | get list',
      'ServiceAccount "monitoring/monitor" | cluster-wide | deployments.apps/scale [web] | patch',
      'ServiceAccount "monitoring/monitor" | cluster-wide | /metrics | get',
    ]);
  });

  it('as CSV: a column per verb, x by name and * through a wildcard verb', () => {
    assert.equal(
      renderMatrixCsv(accessMatrix(analysis, { namespace: 'shop' })),
      [
        'subject_kind,subject_namespace,subject_name,scope,api_group,resource,resource_names,verb_get,verb_list,verb_watch,verb_create,verb_update,verb_patch,verb_delete,verb_deletecollection,all_verbs,granted_by',
        'User,,alice,shop,,pods,,x,x,x,,,,,,,"RoleBinding ""shop/ops"" → ClusterRole ""ops"" (rbac.yaml:16); RoleBinding ""shop/approver"" → Role ""shop/approver"" (rbac.yaml:57)"',
        'User,,alice,shop,*,*,,*,*,*,*,*,*,*,*,x,"RoleBinding ""shop/approver"" → Role ""shop/approver"" (rbac.yaml:57)"',
        'User,,alice,shop,apps,deployments/scale,web,,,,,,x,,,,"RoleBinding ""shop/ops"" → ClusterRole ""ops"" (rbac.yaml:16)"',
        'Group,,<b>devs</b>,shop,,pods,,x,x,,,,,,,,"RoleBinding ""shop/ops"" → ClusterRole ""ops"" (rbac.yaml:16)"',
        'Group,,<b>devs</b>,shop,apps,deployments/scale,web,,,,,,x,,,,"RoleBinding ""shop/ops"" → ClusterRole ""ops"" (rbac.yaml:16)"',
        'ServiceAccount,monitoring,monitor,cluster-wide,,nodes,,x,x,,,,,,,,"ClusterRoleBinding ""ops"" → ClusterRole ""ops"" (rbac.yaml:31)"',
        'ServiceAccount,monitoring,monitor,cluster-wide,,pods,,x,x,,,,,,,,"ClusterRoleBinding ""ops"" → ClusterRole ""ops"" (rbac.yaml:31)"',
        'ServiceAccount,monitoring,monitor,cluster-wide,apps,deployments/scale,web,,,,,,x,,,,"ClusterRoleBinding ""ops"" → ClusterRole ""ops"" (rbac.yaml:31)"',
        'ServiceAccount,monitoring,monitor,cluster-wide,(url),/metrics,,x,,,,,,,,,"ClusterRoleBinding ""ops"" → ClusterRole ""ops"" (rbac.yaml:31)"',
        '',
      ].join('\r\n'),
    );
  });

  it('as text: per subject, one line per scope and resource', () => {
    const text = renderMatrixText(accessMatrix(analysis, { namespace: 'blog' }));
    assert.equal(
      text,
      [
        'Access matrix for namespace "blog": 4 entries',
        '',
        'ServiceAccount "monitoring/monitor"',
        '  cluster-wide  nodes                         get list',
        '  cluster-wide  pods                          get list',
        '  cluster-wide  deployments.apps/scale [web]  patch',
        '  cluster-wide  /metrics                      get',
        '',
      ].join('\n'),
    );
  });

  it('as HTML: one self-contained page, names escaped, a row per entry', () => {
    const html = renderMatrixHtml(accessMatrix(analysis));
    assert.match(html, /^<!DOCTYPE html>/);
    // Nothing fetched from elsewhere: no external scripts, styles, images or links.
    assert.doesNotMatch(html, /<script[^>]+src=|<link|<img|https?:\/\//);
    assert.ok(html.includes('&lt;b&gt;devs&lt;/b&gt;'));
    assert.ok(!html.includes('<b>devs</b>'));
    assert.equal(html.match(/<tr>/g)?.length, 1 + 9);
    assert.match(html, /<input id="filter" type="search"/);
    assert.match(html, /aria-sort/);
  });
});
