import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { describeState } from './escalation-state.js';
import { escalationStarts, findEscalationPaths, type EscalationPath } from './escalation.js';
import { describeLocation, bindingLocation, ruleLocation } from './locations.js';
import { describeBinding, describeRole } from './model.js';
import { parseSubjectArgument } from './query.js';

function analyse(yaml: string) {
  const parsed = parseSource('rbac.yaml', yaml, DEFAULT_LIMITS);
  assert.deepEqual(parsed.diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), []);
  return buildRbacAnalysis(extractResources(parsed.documents, 'default').resources);
}

/** `technique → target | … | goal`: a chain in one line. */
function summary(path: EscalationPath): string {
  return [...path.steps.map((step) => `${step.technique} → ${describeState(step.to)}`), path.goal.goal].join(' | ');
}

/** A ClusterRole "mallory" with these rules, bound to User "mallory" cluster-wide or, with a namespace, by a RoleBinding there. */
function mallory(rules: string, namespace?: string): string {
  return `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: mallory
rules:
${rules}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ${namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding'}
metadata:
  name: mallory${namespace === undefined ? '' : `\n  namespace: ${namespace}`}
subjects:
- kind: User
  name: mallory
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: mallory
`;
}

/** kube-system/admin-bot: a ServiceAccount bound to cluster-admin, with no workload. */
const ADMIN_BOT = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: admin-bot
  namespace: kube-system
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admin-bot
subjects:
- kind: ServiceAccount
  name: admin-bot
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
`;

/** kube-system/agent: a DaemonSet whose pods mount the token of a ServiceAccount bound to cluster-admin. */
const AGENT = (automount: boolean) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      serviceAccountName: agent
      automountServiceAccountToken: ${automount}
      containers:
      - name: agent
        image: agent:1
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
`;

/** sandbox/default: a ServiceAccount with no permissions, in a namespace with a workload. */
const SANDBOX = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: default
  namespace: sandbox
---
apiVersion: v1
kind: Pod
metadata:
  name: toy
  namespace: sandbox
spec:
  containers:
  - name: toy
    image: toy:1
`;

/** shop/ci may exec into the pods of kube-system. */
const CI_EXEC = `apiVersion: rbac.authorization.k8s.io/v1
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
  name: ci-exec
  namespace: kube-system
subjects:
- kind: ServiceAccount
  name: ci
  namespace: shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: exec
`;

const R = (verbs: string, resources: string, group = '""', extra = '') => `- apiGroups: [${group}]\n  resources: [${resources}]\n  verbs: [${verbs}]${extra}`;
const RBAC = 'rbac.authorization.k8s.io';

interface PathCase {
  name: string;
  yaml: string;
  from?: string;
  maxDepth?: number;
  /** The shortest chain, or none. */
  shortest: string | undefined;
}

const cases: PathCase[] = [
  // Already there.
  { name: 'cluster-admin bound cluster-wide', yaml: ADMIN_BOT, from: 'sa:kube-system/admin-bot', shortest: 'full-access' },
  { name: 'list on Secrets cluster-wide', yaml: mallory(R('list', 'secrets')), shortest: 'read-all-secrets' },
  { name: 'member of system:masters', yaml: ADMIN_BOT, from: 'group:system:masters', shortest: 'system-masters' },
  { name: 'get on Secrets cluster-wide is not reading them all (names must be known)', yaml: mallory(R('get', 'secrets')), shortest: undefined },
  { name: 'list on Secrets in one namespace is not cluster-wide', yaml: mallory(R('list', 'secrets'), 'shop'), shortest: undefined },
  { name: '* on * in one namespace is not cluster-wide', yaml: mallory(R('"*"', '"*"', '"*"'), 'shop'), shortest: undefined },
  // Binding roles.
  {
    name: 'create ClusterRoleBindings and bind cluster-admin',
    yaml: mallory(`${R('create', 'clusterrolebindings', RBAC)}\n${R('bind', 'clusterroles', RBAC, '\n  resourceNames: [cluster-admin]')}`),
    shortest: 'bind-role → ClusterRole "cluster-admin" (built-in) cluster-wide | full-access',
  },
  { name: 'create ClusterRoleBindings without bind', yaml: mallory(R('create', 'clusterrolebindings', RBAC)), shortest: undefined },
  { name: 'bind without creating or changing bindings', yaml: mallory(R('bind', 'clusterroles', RBAC)), shortest: undefined },
  { name: 'bind only on a harmless role', yaml: mallory(`${R('create', 'clusterrolebindings', RBAC)}\n${R('bind', 'clusterroles', RBAC, '\n  resourceNames: [view]')}`), shortest: undefined },
  {
    name: 'add itself to an existing ClusterRoleBinding of cluster-admin',
    yaml: `${ADMIN_BOT}---\n${mallory(`${R('patch', 'clusterrolebindings', RBAC, '\n  resourceNames: [admin-bot]')}\n${R('bind', 'clusterroles', RBAC)}`)}`,
    shortest: 'bind-role → ClusterRole "cluster-admin" (built-in) cluster-wide | full-access',
  },
  {
    name: 'a RoleBinding of cluster-admin in kube-system, then a ServiceAccount there',
    yaml: `${ADMIN_BOT}---\n${mallory(`${R('create', 'rolebindings', RBAC)}\n${R('bind', 'clusterroles', RBAC)}`, 'kube-system')}`,
    shortest: 'bind-role → ClusterRole "cluster-admin" (built-in) in namespace "kube-system" | impersonate → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  // Rewriting a held role.
  {
    name: 'escalate and update on the ClusterRole it holds cluster-wide',
    yaml: mallory(R('escalate, update', 'clusterroles', RBAC, '\n  resourceNames: [mallory]')),
    shortest: 'escalate-role → every permission cluster-wide | full-access',
  },
  { name: 'escalate without update', yaml: mallory(R('escalate', 'clusterroles', RBAC)), shortest: undefined },
  { name: 'update without escalate', yaml: mallory(R('update', 'clusterroles', RBAC)), shortest: undefined },
  {
    name: 'escalate on an aggregated ClusterRole (the controller rewrites its rules)',
    yaml: `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: mallory
aggregationRule:
  clusterRoleSelectors:
  - matchLabels: {team: mallory}
rules: []
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: mallory-parts
  labels: {team: mallory}
rules:
${R('escalate, update', 'clusterroles', RBAC)}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: mallory
subjects:
- kind: User
  name: mallory
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: mallory
`,
    shortest: undefined,
  },
  // Impersonation.
  { name: 'impersonate users and groups', yaml: mallory(R('impersonate', 'users, groups')), shortest: 'impersonate → Group "system:masters" | system-masters' },
  { name: 'impersonate groups but no user', yaml: mallory(R('impersonate', 'groups')), shortest: undefined },
  { name: 'impersonate a ServiceAccount of kube-system', yaml: `${ADMIN_BOT}---\n${mallory(R('impersonate', 'serviceaccounts'), 'kube-system')}`, shortest: 'impersonate → ServiceAccount "kube-system/admin-bot" | full-access' },
  // Certificates.
  {
    name: 'submit, approve and read a CSR for the client signer',
    yaml: mallory(
      [
        R('create, get', 'certificatesigningrequests', 'certificates.k8s.io'),
        R('update', 'certificatesigningrequests/approval', 'certificates.k8s.io'),
        R('approve', 'signers', 'certificates.k8s.io', '\n  resourceNames: [kubernetes.io/kube-apiserver-client]'),
      ].join('\n'),
    ),
    shortest: 'sign-certificate → Group "system:masters" | system-masters',
  },
  {
    name: 'CSR approval without approve on the client signer',
    yaml: mallory(
      [
        R('create, get', 'certificatesigningrequests', 'certificates.k8s.io'),
        R('update', 'certificatesigningrequests/approval', 'certificates.k8s.io'),
        R('approve', 'signers', 'certificates.k8s.io', '\n  resourceNames: [kubernetes.io/kubelet-serving]'),
      ].join('\n'),
    ),
    shortest: undefined,
  },
  // Tokens.
  {
    name: 'create a token of a powerful ServiceAccount',
    yaml: `${ADMIN_BOT}---\n${mallory(R('create', 'serviceaccounts/token', '""', '\n  resourceNames: [admin-bot]'), 'kube-system')}`,
    shortest: 'create-token → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  { name: 'create a token of another ServiceAccount only', yaml: `${ADMIN_BOT}---\n${mallory(R('create', 'serviceaccounts/token', '""', '\n  resourceNames: [builder]'), 'kube-system')}`, shortest: undefined },
  {
    name: 'read a token Secret of a powerful ServiceAccount',
    yaml: `${ADMIN_BOT}---
apiVersion: v1
kind: Secret
metadata:
  name: admin-bot-token
  namespace: kube-system
  annotations:
    kubernetes.io/service-account.name: admin-bot
type: kubernetes.io/service-account-token
---
${mallory(R('get', 'secrets', '""', '\n  resourceNames: [admin-bot-token]'), 'kube-system')}`,
    shortest: 'read-token-secret → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  {
    name: 'create and read Secrets in the namespace of a powerful ServiceAccount',
    yaml: `${ADMIN_BOT}---\n${mallory(R('create, get', 'secrets'), 'kube-system')}`,
    shortest: 'create-token-secret → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  // Pods.
  { name: 'create pods in kube-system, where a ServiceAccount is cluster-admin', yaml: `${ADMIN_BOT}---\n${mallory(R('create', 'pods'), 'kube-system')}`, shortest: 'run-pod → ServiceAccount "kube-system/admin-bot" | full-access' },
  { name: 'create pods only in a namespace without a powerful ServiceAccount', yaml: `${ADMIN_BOT}---\n${SANDBOX}---\n${mallory(R('create', 'pods'), 'sandbox')}`, shortest: undefined },
  { name: 'create Deployments in every namespace', yaml: `${ADMIN_BOT}---\n${mallory(R('create', 'deployments', 'apps'))}`, shortest: 'run-pod → ServiceAccount "kube-system/admin-bot" | full-access' },
  {
    name: 'patch an existing Deployment of kube-system',
    yaml: `${ADMIN_BOT}---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: dns
  namespace: kube-system
spec:
  template:
    spec:
      containers:
      - name: dns
        image: dns:1
---
${mallory(R('patch', 'deployments', 'apps'), 'kube-system')}`,
    shortest: 'modify-workload → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  { name: 'exec into pods that mount a cluster-admin token', yaml: `${AGENT(true)}---\n${mallory(R('create', 'pods/exec'), 'kube-system')}`, shortest: 'exec-into-pod → ServiceAccount "kube-system/agent" | full-access' },
  { name: 'exec into pods that mount no token', yaml: `${AGENT(false)}---\n${mallory(R('create', 'pods/exec'), 'kube-system')}`, shortest: undefined },
  { name: 'an ephemeral container in pods that mount a cluster-admin token', yaml: `${AGENT(true)}---\n${mallory(R('patch', 'pods/ephemeralcontainers'), 'kube-system')}`, shortest: 'exec-into-pod → ServiceAccount "kube-system/agent" | full-access' },
  { name: 'the kubelet API of every node', yaml: `${AGENT(true)}---\n${mallory(R('get', 'nodes/proxy'))}`, shortest: 'node-proxy → ServiceAccount "kube-system/agent" | full-access' },
  { name: 'nodes/proxy through a RoleBinding (never allowed: nodes are cluster-scoped)', yaml: `${AGENT(true)}---\n${mallory(R('get', 'nodes/proxy'), 'kube-system')}`, shortest: undefined },
  { name: 'a mutating webhook of its own', yaml: `${AGENT(true)}---\n${mallory(R('create', 'mutatingwebhookconfigurations', 'admissionregistration.k8s.io'))}`, shortest: 'mutating-webhook → ServiceAccount "kube-system/agent" | full-access' },
  { name: 'a validating webhook changes nothing', yaml: `${AGENT(true)}---\n${mallory(R('create', 'validatingwebhookconfigurations', 'admissionregistration.k8s.io'))}`, shortest: undefined },
  // Chains.
  {
    name: 'two steps: a pod as a CI ServiceAccount, which may exec into the agent',
    yaml: `${AGENT(true)}---
${mallory(R('create', 'pods'), 'shop')}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ci
  namespace: shop
---
${CI_EXEC}`,
    shortest: 'run-pod → ServiceAccount "shop/ci" | exec-into-pod → ServiceAccount "kube-system/agent" | full-access',
  },
  {
    name: 'the same chain is out of reach with --max-depth 1',
    yaml: `${AGENT(true)}---
${mallory(R('create', 'pods'), 'shop')}
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: ci
  namespace: shop
---
${CI_EXEC}`,
    maxDepth: 1,
    shortest: undefined,
  },
  {
    name: 'a grant to system:authenticated counts for every user',
    yaml: `${ADMIN_BOT}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: everyone-pods
  namespace: kube-system
subjects:
- kind: Group
  name: system:authenticated
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: edit
`,
    from: 'user:alice',
    shortest: 'impersonate → ServiceAccount "kube-system/admin-bot" | full-access',
  },
  {
    name: 'a grant to system:serviceaccounts:<ns> counts for the namespace\'s ServiceAccounts',
    yaml: `${ADMIN_BOT}---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: shop-accounts-pods
  namespace: kube-system
subjects:
- kind: Group
  name: system:serviceaccounts:shop
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: mallory
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: mallory
rules:
${R('create', 'pods')}
`,
    from: 'sa:shop/web',
    shortest: 'run-pod → ServiceAccount "kube-system/admin-bot" | full-access',
  },
];

describe('escalation paths to cluster-admin-equivalent power', () => {
  for (const testCase of cases) {
    it(testCase.name, () => {
      const analysis = analyse(testCase.yaml);
      const from = parseSubjectArgument(testCase.from ?? 'user:mallory');
      const report = findEscalationPaths(analysis, { from: [from], ...(testCase.maxDepth !== undefined ? { maxDepth: testCase.maxDepth } : {}) });
      assert.equal(report.results.length, 1);
      const first = report.results[0]?.paths[0];
      assert.equal(first === undefined ? undefined : summary(first), testCase.shortest);
    });
  }

  it('names the binding and rule (with file and line) behind every step', () => {
    const yaml = `${ADMIN_BOT}---\n${mallory(R('create', 'pods'), 'kube-system')}`;
    const report = findEscalationPaths(analyse(yaml), { from: [{ kind: 'User', name: 'mallory' }] });
    const path = report.results[0]?.paths[0];
    assert.ok(path !== undefined);
    const [step] = path.steps;
    assert.ok(step !== undefined);
    assert.equal(step.action, 'creates a Pod in namespace "kube-system" whose pods run as ServiceAccount "kube-system/admin-bot", and reads its token');
    const [permission] = step.permissions;
    assert.ok(permission?.binding !== undefined && permission.rule !== undefined);
    assert.equal(describeBinding(permission.binding), 'RoleBinding "kube-system/mallory"');
    assert.equal(describeLocation(bindingLocation(permission.binding)), 'rbac.yaml:29');
    assert.equal(describeRole(permission.rule.role), 'ClusterRole "mallory"');
    assert.equal(describeLocation(ruleLocation(permission.rule.role, permission.rule.index)), 'rbac.yaml:25');
    const [goal] = path.goal.permissions;
    assert.ok(goal?.binding !== undefined);
    assert.equal(describeBinding(goal.binding), 'ClusterRoleBinding "admin-bot"');
    assert.equal(describeLocation(bindingLocation(goal.binding)), 'rbac.yaml:7');
  });

  it('lists chains shortest first, skips those that only differ in where the same permissions lead, and counts the rest', () => {
    const yaml = `${ADMIN_BOT}---
${AGENT(true)}---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: builder
  namespace: kube-system
---
${mallory(`${R('create', 'pods')}\n${R('impersonate', 'serviceaccounts', '""', '\n  resourceNames: [builder]')}`, 'kube-system')}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: builder
  namespace: kube-system
subjects:
- kind: ServiceAccount
  name: builder
  namespace: kube-system
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`;
    const report = findEscalationPaths(analyse(yaml), { from: [{ kind: 'User', name: 'mallory' }] });
    const result = report.results[0];
    assert.ok(result !== undefined);
    // run-pod reaches admin-bot, agent and builder; only admin-bot and agent are cluster-admin, and they share one set of permissions.
    assert.deepEqual(result.paths.map(summary), ['run-pod → ServiceAccount "kube-system/admin-bot" | full-access']);
    assert.equal(result.more, 1);
  });

  it('searches from every subject that is not a control-plane component, and from every workload ServiceAccount', () => {
    const yaml = `${AGENT(true)}---
${SANDBOX}---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: system-bits
subjects:
- kind: User
  name: system:kube-controller-manager
- kind: ServiceAccount
  name: namespace-controller
  namespace: kube-system
- kind: Group
  name: system:masters
- kind: Group
  name: system:authenticated
- kind: User
  name: alice
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: view
`;
    const analysis = analyse(yaml);
    assert.deepEqual(
      escalationStarts(analysis).map((start) => describeState({ kind: 'subject', subject: start.subject })),
      ['User "alice"', 'Group "system:authenticated"', 'ServiceAccount "kube-system/agent"', 'ServiceAccount "sandbox/default"'],
    );
    const report = findEscalationPaths(analysis);
    assert.equal(report.searched, 4);
    assert.deepEqual(
      report.results.map((result) => [describeState({ kind: 'subject', subject: result.start.subject }), result.start.workloads.map((workload) => workload.resource.name), result.paths.length]),
      [['ServiceAccount "kube-system/agent"', ['agent'], 1]],
    );
  });
});
