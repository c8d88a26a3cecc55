import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { resourceLabel } from '../report/format.js';
import { buildRbacAnalysis } from './analysis.js';
import { bindingLocation, describeLocation, ruleLocation } from './locations.js';
import { describeBinding, describeRole, type Grant } from './model.js';
import { resolveAccessQuery, type AccessQueryInput } from './query.js';
import { describeSubject } from './subjects.js';
import { whoCan } from './who-can.js';

// Line numbers matter: the expectations below name them.
const FIXTURE = `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: pod-manager
  namespace: shop
rules:
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
- apiGroups: [""]
  resources: ["pods", "pods/exec"]
  verbs: ["get", "create"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: pod-managers
  namespace: shop
subjects:
- kind: User
  name: alice
- kind: Group
  name: devs
- kind: ServiceAccount
  name: ci
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: pod-manager
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: ops
rules:
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["nodes"]
  verbs: ["get", "list"]
- nonResourceURLs: ["/metrics"]
  verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops
subjects:
- kind: User
  name: system:serviceaccount:ops:robot
- kind: Group
  name: system:serviceaccounts:monitoring
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: ops
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: everyone-edits
  namespace: kube-system
subjects:
- kind: Group
  name: system:authenticated
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  template:
    spec:
      serviceAccountName: web
      containers:
      - name: web
        image: web:1
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: prom
  namespace: monitoring
spec:
  template:
    spec:
      serviceAccountName: prometheus
      automountServiceAccountToken: false
      containers:
      - name: prom
        image: prom:1
---
apiVersion: v1
kind: Pod
metadata:
  name: robot
  namespace: ops
spec:
  serviceAccountName: robot
  containers:
  - name: robot
    image: robot:1
`;

function fixtureAnalysis(yaml = FIXTURE) {
  const parsed = parseSource('rbac.yaml', yaml, DEFAULT_LIMITS);
  return buildRbacAnalysis(extractResources(parsed.documents, 'default').resources);
}

/** `RoleBinding "shop/pod-managers" rbac.yaml:14 → Role "shop/pod-manager" rules[1] rbac.yaml:10`. */
function grantText(grant: Grant): string {
  return `${describeBinding(grant.binding)} ${describeLocation(bindingLocation(grant.binding))} → ${describeRole(grant.rule.role)} rules[${grant.rule.index}] ${describeLocation(ruleLocation(grant.rule.role, grant.rule.index))}`;
}

const POD_MANAGERS_1 = 'RoleBinding "shop/pod-managers" rbac.yaml:14 → Role "shop/pod-manager" rules[1] rbac.yaml:10';
const OPS_0 = 'ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[0] rbac.yaml:36';
const EDIT_PODS = 'RoleBinding "kube-system/everyone-edits" rbac.yaml:59 → ClusterRole "system:aggregate-to-edit" (built-in) rules[2] built-in';

interface WhoCanCase {
  name: string;
  query: AccessQueryInput;
  subjects: Record<string, string[]>;
  workloads: Record<string, string[]>;
  notes?: string[];
}

const cases: WhoCanCase[] = [
  {
    name: 'create pods in any namespace: each grant with its own scope; workloads through their groups',
    query: { verb: 'create', resource: 'pods' },
    subjects: {
      'User "alice"': [POD_MANAGERS_1],
      'User "system:serviceaccount:ops:robot"': [OPS_0],
      'Group "devs"': [POD_MANAGERS_1],
      'Group "system:authenticated"': [EDIT_PODS],
      'Group "system:serviceaccounts:monitoring"': [OPS_0],
      'ServiceAccount "shop/ci"': [POD_MANAGERS_1],
    },
    workloads: {
      'Deployment monitoring/prom, token not mounted': [`Group "system:serviceaccounts:monitoring": ${OPS_0}`, `Group "system:authenticated": ${EDIT_PODS}`],
      'Pod ops/robot, token mounted': [`User "system:serviceaccount:ops:robot": ${OPS_0}`, `Group "system:authenticated": ${EDIT_PODS}`],
      'Deployment shop/web, token mounted': [`Group "system:authenticated": ${EDIT_PODS}`],
    },
  },
  {
    name: 'create pods in shop: ClusterRoleBindings and the RoleBindings of shop',
    query: { verb: 'create', resource: 'pods', namespace: 'shop' },
    subjects: {
      'User "alice"': [POD_MANAGERS_1],
      'User "system:serviceaccount:ops:robot"': [OPS_0],
      'Group "devs"': [POD_MANAGERS_1],
      'Group "system:serviceaccounts:monitoring"': [OPS_0],
      'ServiceAccount "shop/ci"': [POD_MANAGERS_1],
    },
    workloads: {
      'Deployment monitoring/prom, token not mounted': [`Group "system:serviceaccounts:monitoring": ${OPS_0}`],
      'Pod ops/robot, token mounted': [`User "system:serviceaccount:ops:robot": ${OPS_0}`],
    },
  },
  {
    name: 'a subresource matches its own rule only',
    query: { verb: 'get', resource: 'pods/log', namespace: 'shop' },
    subjects: {
      'User "alice"': ['RoleBinding "shop/pod-managers" rbac.yaml:14 → Role "shop/pod-manager" rules[0] rbac.yaml:7'],
      'Group "devs"': ['RoleBinding "shop/pod-managers" rbac.yaml:14 → Role "shop/pod-manager" rules[0] rbac.yaml:7'],
      'ServiceAccount "shop/ci"': ['RoleBinding "shop/pod-managers" rbac.yaml:14 → Role "shop/pod-manager" rules[0] rbac.yaml:7'],
    },
    workloads: {},
  },
  {
    name: 'a cluster-scoped resource: only ClusterRoleBindings, the namespace ignored',
    query: { verb: 'list', resource: 'no', namespace: 'shop' },
    subjects: {
      'User "system:serviceaccount:ops:robot"': ['ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[1] rbac.yaml:39'],
      'Group "system:serviceaccounts:monitoring"': ['ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[1] rbac.yaml:39'],
    },
    workloads: {
      'Deployment monitoring/prom, token not mounted': ['Group "system:serviceaccounts:monitoring": ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[1] rbac.yaml:39'],
      'Pod ops/robot, token mounted': ['User "system:serviceaccount:ops:robot": ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[1] rbac.yaml:39'],
    },
    notes: ['nodes are cluster-scoped: the namespace is ignored, only ClusterRoleBindings can grant them'],
  },
  {
    name: 'a URL',
    query: { verb: 'get', resource: '/metrics' },
    subjects: {
      'User "system:serviceaccount:ops:robot"': ['ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[2] rbac.yaml:42'],
      'Group "system:serviceaccounts:monitoring"': ['ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[2] rbac.yaml:42'],
    },
    workloads: {
      'Deployment monitoring/prom, token not mounted': ['Group "system:serviceaccounts:monitoring": ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[2] rbac.yaml:42'],
      'Pod ops/robot, token mounted': ['User "system:serviceaccount:ops:robot": ClusterRoleBinding "ops" rbac.yaml:45 → ClusterRole "ops" rules[2] rbac.yaml:42'],
    },
  },
  {
    name: 'Secrets in kube-system through a built-in aggregated role given to every user',
    query: { verb: 'delete', resource: 'secrets', namespace: 'kube-system' },
    subjects: { 'Group "system:authenticated"': ['RoleBinding "kube-system/everyone-edits" rbac.yaml:59 → ClusterRole "system:aggregate-to-edit" (built-in) rules[4] built-in'] },
    workloads: {
      'Deployment monitoring/prom, token not mounted': ['Group "system:authenticated": RoleBinding "kube-system/everyone-edits" rbac.yaml:59 → ClusterRole "system:aggregate-to-edit" (built-in) rules[4] built-in'],
      'Pod ops/robot, token mounted': ['Group "system:authenticated": RoleBinding "kube-system/everyone-edits" rbac.yaml:59 → ClusterRole "system:aggregate-to-edit" (built-in) rules[4] built-in'],
      'Deployment shop/web, token mounted': ['Group "system:authenticated": RoleBinding "kube-system/everyone-edits" rbac.yaml:59 → ClusterRole "system:aggregate-to-edit" (built-in) rules[4] built-in'],
    },
  },
  { name: 'nobody', query: { verb: 'escalate', resource: 'clusterroles' }, subjects: {}, workloads: {} },
];

describe('who can', () => {
  const analysis = fixtureAnalysis();
  for (const testCase of cases) {
    it(testCase.name, () => {
      const result = whoCan(analysis, resolveAccessQuery(testCase.query, analysis.catalog));
      assert.deepEqual(Object.fromEntries(result.subjects.map((entry) => [describeSubject(entry.subject), entry.grants.map(grantText)])), testCase.subjects);
      assert.deepEqual(
        Object.fromEntries(
          result.workloads.map((entry) => [
            `${resourceLabel(entry.workload.resource)}, token ${entry.workload.token.held ? 'mounted' : 'not mounted'}`,
            entry.grants.map((grant) => `${describeSubject(grant.subject.subject)}: ${grantText(grant)}`),
          ]),
        ),
        testCase.workloads,
      );
      assert.deepEqual(result.query.notes, testCase.notes ?? []);
    });
  }
});
