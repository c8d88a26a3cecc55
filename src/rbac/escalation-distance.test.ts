import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS } from '../loader/types.js';
import { extractResources } from '../model/resource.js';
import { buildRbacAnalysis } from './analysis.js';
import { Predecessors } from './escalation-distance.js';
import { Capability, describeState, RoleMatches, stateKey, type EscalationState } from './escalation-state.js';
import { goalOf, searchContext, TECHNIQUES, type Wanted } from './escalation-techniques.js';

/** Every target: the search below follows every step a technique finds. */
const EVERY_TARGET: Wanted = { has: () => true };

const role = (kind: 'Role' | 'ClusterRole', name: string, rules: string, namespace?: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${kind}
metadata:
  name: ${name}${namespace === undefined ? '' : `\n  namespace: ${namespace}`}
rules:
${rules}`;

const bind = (name: string, roleKind: 'Role' | 'ClusterRole', roleName: string, subjects: string, namespace?: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ${namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding'}
metadata:
  name: ${name}${namespace === undefined ? '' : `\n  namespace: ${namespace}`}
subjects:
${subjects}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ${roleKind}
  name: ${roleName}`;

const rule = (verbs: string, resources: string, group = '""', names?: string) => `- apiGroups: [${group}]
  resources: [${resources}]
  verbs: [${verbs}]${names === undefined ? '' : `\n  resourceNames: [${names}]`}`;

const user = (name: string) => `- kind: User\n  name: ${name}\n  apiGroup: rbac.authorization.k8s.io`;
const group = (name: string) => `- kind: Group\n  name: ${name}\n  apiGroup: rbac.authorization.k8s.io`;
const account = (namespace: string, name: string) => `- kind: ServiceAccount\n  name: ${name}\n  namespace: ${namespace}`;

const deployment = (namespace: string, name: string, serviceAccount: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      serviceAccountName: ${serviceAccount}
      containers: [{name: app, image: "registry.example.com/app:1"}]`;

const tokenSecret = (namespace: string, name: string, serviceAccount: string) => `apiVersion: v1
kind: Secret
type: kubernetes.io/service-account-token
metadata:
  name: ${name}
  namespace: ${namespace}
  annotations: {kubernetes.io/service-account.name: ${serviceAccount}}`;

/** Every technique, in namespaces and cluster-wide, through users, groups (broad ones too), ServiceAccounts, roles and names. */
const CLUSTER = [
  role('ClusterRole', 'secrets-everywhere', rule('list', 'secrets')),
  bind('ops-secrets', 'ClusterRole', 'secrets-everywhere', account('ops', 'reader')),
  deployment('ops', 'reader', 'reader'),
  tokenSecret('ops', 'reader-token', 'reader'),
  role('ClusterRole', 'pod-maker', rule('create', 'pods')),
  bind('alice-pods', 'ClusterRole', 'pod-maker', user('alice'), 'ops'),
  bind('team-pods', 'ClusterRole', 'pod-maker', group('team-a'), 'shop'),
  role('Role', 'patcher', rule('patch', 'deployments', 'apps'), 'ops'),
  bind('ci-patch', 'Role', 'patcher', account('shop', 'ci'), 'ops'),
  deployment('shop', 'web', 'web'),
  role('ClusterRole', 'exec', rule('create', 'pods/exec')),
  bind('shop-exec', 'ClusterRole', 'exec', group('system:serviceaccounts:shop'), 'ops'),
  role('ClusterRole', 'tokens', rule('create', 'serviceaccounts/token')),
  bind('bob-tokens', 'ClusterRole', 'tokens', user('bob'), 'shop'),
  role('ClusterRole', 'impersonator', `${rule('impersonate', 'users')}\n${rule('impersonate', 'groups')}`),
  bind('carol-impersonate', 'ClusterRole', 'impersonator', user('carol')),
  role('ClusterRole', 'sa-impersonator', rule('impersonate', 'serviceaccounts', '""', 'reader')),
  bind('dave-impersonate', 'ClusterRole', 'sa-impersonator', user('dave'), 'ops'),
  role('ClusterRole', 'binder', `${rule('bind', 'clusterroles', 'rbac.authorization.k8s.io', 'secrets-everywhere')}\n${rule('create', 'clusterrolebindings', 'rbac.authorization.k8s.io')}`),
  bind('erin-bind', 'ClusterRole', 'binder', user('erin')),
  role('Role', 'escalator', `${rule('escalate,update', 'roles', 'rbac.authorization.k8s.io')}\n${rule('get', 'configmaps')}`, 'ops'),
  bind('frank-escalate', 'Role', 'escalator', user('frank'), 'ops'),
  role('ClusterRole', 'csr', `${rule('create,get', 'certificatesigningrequests', 'certificates.k8s.io')}\n${rule('update', 'certificatesigningrequests/approval', 'certificates.k8s.io')}\n${rule('approve', 'signers', 'certificates.k8s.io')}`),
  bind('grace-csr', 'ClusterRole', 'csr', user('grace')),
  role('ClusterRole', 'proxy', rule('get', 'nodes/proxy')),
  bind('heidi-proxy', 'ClusterRole', 'proxy', user('heidi')),
  role('ClusterRole', 'hooks', rule('create', 'mutatingwebhookconfigurations', 'admissionregistration.k8s.io')),
  bind('ivan-hooks', 'ClusterRole', 'hooks', user('ivan')),
  role('ClusterRole', 'secret-maker', `${rule('create', 'secrets')}\n${rule('get', 'secrets')}`),
  bind('judy-secrets', 'ClusterRole', 'secret-maker', user('judy'), 'ops'),
  role('ClusterRole', 'token-reader', rule('get', 'secrets', '""', 'reader-token')),
  bind('everyone-reads', 'ClusterRole', 'token-reader', group('system:authenticated'), 'ops'),
].join('\n---\n');

describe('backward bound of the escalation search', () => {
  it('counts the source of every step of every technique among the predecessors of its target', () => {
    const parsed = parseSource('cluster.yaml', CLUSTER, DEFAULT_LIMITS);
    assert.deepEqual(parsed.diagnostics, []);
    const analysis = buildRbacAnalysis(extractResources(parsed.documents, 'default').resources);
    const context = searchContext(analysis);
    const matches = new RoleMatches(analysis.model);
    // Every state of the graph, walked with the exact techniques from every subject.
    const subjects = new Map<string, EscalationState>();
    const add = (state: EscalationState) => subjects.set(context.states.keyOf(state), state);
    for (const binding of analysis.model.bindings) for (const { subject } of binding.subjects) if (subject !== undefined) add(context.states.subject(subject));
    for (const known of analysis.serviceAccounts) add(context.states.accountOf(known));
    for (const name of context.users) add(context.states.subject({ kind: 'User', name }));
    for (const name of context.groups) add(context.states.subject({ kind: 'Group', name }));
    const seen = new Map<string, EscalationState>(subjects);
    const steps: { from: EscalationState; to: EscalationState; technique: string }[] = [];
    const goals = new Set<string>();
    for (let queue = [...seen.values()]; queue.length > 0; ) {
      const state = queue.shift() as EscalationState;
      const capability = new Capability(analysis.model, state, matches);
      if (goalOf(capability) !== undefined) {
        goals.add(stateKey(state));
        continue;
      }
      for (const technique of TECHNIQUES) {
        for (const step of technique.find(context, capability, EVERY_TARGET)) {
          steps.push({ from: state, to: step.to, technique: technique.id });
          const key = stateKey(step.to);
          if (!seen.has(key)) {
            seen.set(key, step.to);
            queue.push(step.to);
          }
        }
      }
    }
    const techniques = new Set(steps.map((step) => step.technique));
    // The fixture exercises every technique: a new one must be added here too.
    assert.deepEqual([...techniques].sort(), TECHNIQUES.map((technique) => technique.id).sort());
    const predecessors = new Predecessors(context, matches, subjects);
    predecessors.settle(analysis.model, goals);
    const candidates = new Set(predecessors.goalCandidates().map(([key]) => key));
    for (const goal of goals) assert.ok(candidates.has(goal), `goal ${goal} is among the candidates`);
    for (const step of steps) {
      const into = new Set(predecessors.into(predecessors.classOf(step.to)).map(([key]) => key));
      assert.ok(into.has(stateKey(step.from)), `${step.technique}: ${describeState(step.from)} → ${describeState(step.to)} is counted`);
    }
  });
});
