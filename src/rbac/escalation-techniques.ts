import { resourceLabel } from '../report/format.js';
import type { Resource } from '../model/resource.js';
import type { KnownServiceAccount, RbacAnalysis } from './analysis.js';
import { compareText } from './analysis.js';
import { EVERYWHERE, NamespaceOrder, namespacesWithin, NOWHERE, requestShapeOf, requestShapesOf, StateCatalog, type Capability, type RequestShape, type EscalationState, type Reach, type StepPermission } from './escalation-state.js';
import { appendTo } from '../model/lists.js';
import { describeBinding, describeRole, describeScope, type BindingDef, type RoleDef } from './model.js';
import { roleCarriesRisk } from './risks.js';
import { accountNamespaceOf, describeSubject, SYSTEM_MASTERS } from './subjects.js';
import { RBAC_API_GROUP, type ResourceRequest } from './types.js';
import type { WorkloadIdentity } from './workloads.js';

/** How one step of a chain gains new power. */
export type EscalationTechnique =
  | 'bind-role'
  | 'escalate-role'
  | 'impersonate'
  | 'sign-certificate'
  | 'create-token'
  | 'read-token-secret'
  | 'create-token-secret'
  | 'run-pod'
  | 'modify-workload'
  | 'exec-into-pod'
  | 'node-proxy'
  | 'mutating-webhook';

/** One step of an escalation chain: from what the attacker holds to something more. */
export interface EscalationStep {
  technique: EscalationTechnique;
  from: EscalationState;
  to: EscalationState;
  /** What the attacker does, in words. */
  action: string;
  /** The permissions the step needs, each with the binding and rule that grant it. */
  permissions: StepPermission[];
  /** The object of the input the step goes through: the workload, the token Secret, the binding. */
  via: Resource | undefined;
}

/**
 * Power equivalent to cluster-admin:
 * - `system-masters`: membership of `system:masters`, which the API server allows everything
 *   before RBAC is consulted;
 * - `full-access`: `*` verbs on `*` resources of `*` API groups, cluster-wide;
 * - `read-all-secrets`: `list` or `watch` on Secrets cluster-wide, which returns every Secret
 *   of every namespace with its data: every token, key and password the cluster keeps.
 */
export type EscalationGoal = 'system-masters' | 'full-access' | 'read-all-secrets';

export interface GoalMatch {
  goal: EscalationGoal;
  description: string;
  permissions: StepPermission[];
}

/** What the techniques need to know about the input, computed once per search. */
export interface SearchContext {
  analysis: RbacAnalysis;
  accountsByNamespace: ReadonlyMap<string, readonly KnownServiceAccount[]>;
  /** Namespaces of ServiceAccounts, roles, bindings and workloads of the input, sorted. */
  namespaces: readonly string[];
  /** Users (other than ServiceAccounts) the bindings name, sorted. */
  users: readonly string[];
  /** Groups the bindings name and `system:masters`, sorted. */
  groups: readonly string[];
  /** ClusterRoles worth binding: those whose rules carry a risk or everything. */
  powerfulClusterRoles: readonly RoleDef[];
  /** Roles worth binding, by namespace. */
  powerfulRoles: ReadonlyMap<string, readonly RoleDef[]>;
  /** Workloads whose pods hold an API token of their ServiceAccount. */
  tokenWorkloads: readonly WorkloadIdentity[];
  /** Workloads by the namespace they run in, and those holding a token. */
  workloadsByNamespace: ReadonlyMap<string, readonly WorkloadIdentity[]>;
  tokenWorkloadsByNamespace: ReadonlyMap<string, readonly WorkloadIdentity[]>;
  /** The keys of `namespaces`, `accountsByNamespace`, `workloadsByNamespace` and `tokenWorkloadsByNamespace`, in their order. */
  namespaceOrder: NamespaceOrder;
  accountNamespaces: NamespaceOrder;
  workloadNamespaces: NamespaceOrder;
  /** The same namespaces, sorted. */
  sortedWorkloadNamespaces: NamespaceOrder;
  tokenWorkloadNamespaces: NamespaceOrder;
  /** The states steps lead to, one object (and key) per subject. */
  states: StateCatalog;
}

function byNamespace(workloads: readonly WorkloadIdentity[]): Map<string, WorkloadIdentity[]> {
  const out = new Map<string, WorkloadIdentity[]>();
  for (const workload of workloads) appendTo(out, workload.serviceAccount.namespace, workload);
  return out;
}

const request = (verb: string, group: string, resource: string, more: Partial<ResourceRequest> = {}): ResourceRequest => ({ verb, group, resource, ...more });
const inNamespace = (namespace: string, name?: string): Partial<ResourceRequest> => (name === undefined ? { namespace } : { namespace, name });
const account = (context: SearchContext, serviceAccount: KnownServiceAccount): EscalationState => context.states.accountOf(serviceAccount);
const accountText = (namespace: string, name: string) => describeSubject({ kind: 'ServiceAccount', namespace, name });

/** Kinds whose creation runs pods, with their resource. Creating any of them is creating pods. */
const POD_RUNNERS: readonly { kind: string; group: string; resource: string }[] = [
  { kind: 'Pod', group: '', resource: 'pods' },
  { kind: 'Deployment', group: 'apps', resource: 'deployments' },
  { kind: 'DaemonSet', group: 'apps', resource: 'daemonsets' },
  { kind: 'StatefulSet', group: 'apps', resource: 'statefulsets' },
  { kind: 'ReplicaSet', group: 'apps', resource: 'replicasets' },
  { kind: 'ReplicationController', group: '', resource: 'replicationcontrollers' },
  { kind: 'Job', group: 'batch', resource: 'jobs' },
  { kind: 'CronJob', group: 'batch', resource: 'cronjobs' },
];
/** Workloads whose pod template can be changed after creation (a Job's and a Pod's cannot). */
const MUTABLE_TEMPLATES = new Set(['Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'CronJob']);
const CREATE_RUNNERS = requestShapesOf(['create'], POD_RUNNERS);
const CHANGE_TEMPLATES = requestShapesOf(
  ['patch', 'update'],
  POD_RUNNERS.filter((runner) => MUTABLE_TEMPLATES.has(runner.kind)),
);

/** Gathers what the techniques look at: ServiceAccounts by namespace, users, groups, roles worth binding, workloads with tokens. */
export function searchContext(analysis: RbacAnalysis): SearchContext {
  const accountsByNamespace = new Map<string, KnownServiceAccount[]>();
  for (const known of analysis.serviceAccounts) appendTo(accountsByNamespace, known.namespace, known);
  const namespaces = new Set(accountsByNamespace.keys());
  const users = new Set<string>();
  const groups = new Set<string>([SYSTEM_MASTERS]);
  for (const binding of analysis.model.bindings) {
    if (binding.namespace !== undefined) namespaces.add(binding.namespace);
    for (const { subject, principal } of binding.subjects) {
      if (principal === undefined) continue;
      // A user name of a ServiceAccount is that ServiceAccount's principal, not a user's.
      if (subject.kind === 'User' && accountNamespaceOf(principal) === undefined) users.add(subject.name);
      if (subject.kind === 'Group') groups.add(subject.name);
    }
  }
  const powerfulRoles = new Map<string, RoleDef[]>();
  const powerfulClusterRoles: RoleDef[] = [];
  for (const role of analysis.model.roles) {
    if (!roleCarriesRisk(analysis.model, role)) continue;
    if (role.kind === 'ClusterRole') powerfulClusterRoles.push(role);
    else if (role.namespace !== undefined) {
      namespaces.add(role.namespace);
      appendTo(powerfulRoles, role.namespace, role);
    }
  }
  // cluster-admin first: the binding every attacker reaches for.
  powerfulClusterRoles.sort((a, b) => Number(b.name === 'cluster-admin') - Number(a.name === 'cluster-admin') || compareText(a.name, b.name));
  for (const workload of analysis.workloads) namespaces.add(workload.serviceAccount.namespace);
  const tokenWorkloads = analysis.workloads.filter((workload) => workload.token.held);
  const sortedNamespaces = [...namespaces].sort(compareText);
  const workloadsByNamespace = byNamespace(analysis.workloads);
  const tokenWorkloadsByNamespace = byNamespace(tokenWorkloads);
  return {
    analysis,
    accountsByNamespace,
    namespaces: sortedNamespaces,
    users: [...users].sort(compareText),
    groups: [...groups].sort(compareText),
    powerfulClusterRoles,
    powerfulRoles,
    tokenWorkloads,
    workloadsByNamespace,
    tokenWorkloadsByNamespace,
    namespaceOrder: new NamespaceOrder(sortedNamespaces),
    accountNamespaces: new NamespaceOrder(accountsByNamespace.keys()),
    workloadNamespaces: new NamespaceOrder(workloadsByNamespace.keys()),
    sortedWorkloadNamespaces: new NamespaceOrder([...workloadsByNamespace.keys()].sort(compareText)),
    tokenWorkloadNamespaces: new NamespaceOrder(tokenWorkloadsByNamespace.keys()),
    states: new StateCatalog(),
  };
}

/**
 * Which target states a search is interested in: a technique may skip the others (and the work
 * of finding how to reach them), never anything else.
 */
export interface Wanted {
  has(to: EscalationState): boolean;
  /** The namespaces of the wanted ServiceAccounts; undefined when any namespace's may be wanted. */
  readonly accountNamespaces?: ReadonlySet<string>;
}

/** Finds the steps a state can take, to the targets wanted. */
type Technique = (context: SearchContext, capability: Capability, wanted: Wanted) => EscalationStep[];

/** Where a request of any of several shapes might be allowed. */
function reachOf(capability: Capability, shapes: readonly RequestShape[]): Reach {
  let only: Reach | undefined;
  let namespaces: Set<string> | undefined;
  for (const shape of shapes) {
    const reach = capability.reach(shape);
    if (reach.everywhere) return reach;
    if (reach.namespaces.size === 0) continue;
    if (only === undefined) {
      only = reach;
      continue;
    }
    namespaces ??= new Set(only.namespaces);
    for (const namespace of reach.namespaces) namespaces.add(namespace);
  }
  return namespaces !== undefined ? { everywhere: false, namespaces } : (only ?? NOWHERE);
}

const rbacTarget = (resource: string) => [{ group: RBAC_API_GROUP, resource }];
const BIND_ROLES = requestShapesOf(['bind'], [...rbacTarget('clusterroles'), ...rbacTarget('roles')]);
const WRITE_CLUSTER_BINDINGS = requestShapesOf(['create', 'update', 'patch'], rbacTarget('clusterrolebindings'));
const WRITE_BINDINGS = requestShapesOf(['create', 'update', 'patch'], rbacTarget('rolebindings'));
const IMPERSONATE_USERS = requestShapeOf('impersonate', '', 'users');
const IMPERSONATE_ACCOUNTS = requestShapeOf('impersonate', '', 'serviceaccounts');
const IMPERSONATE_GROUPS = requestShapeOf('impersonate', '', 'groups');
const CREATE_TOKENS = requestShapeOf('create', '', 'serviceaccounts', 'token');
const READ_SECRETS = requestShapesOf(['get', 'list', 'watch'], [{ group: '', resource: 'secrets' }]);
const CREATE_SECRETS = requestShapeOf('create', '', 'secrets');
const ESCALATE_ROLES = requestShapesOf(['escalate'], [...rbacTarget('clusterroles'), ...rbacTarget('roles')]);
const CREATE_CSRS = [requestShapeOf('create', 'certificates.k8s.io', 'certificatesigningrequests')];
const NODE_PROXY = requestShapesOf(['create', 'get'], [{ group: '', resource: 'nodes', subresource: 'proxy' }]);
const WRITE_WEBHOOKS = requestShapesOf(['create', 'update', 'patch'], [{ group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations' }]);
const EVERY_REQUEST = requestShapeOf('*', '*', '*');
const LIST_SECRETS = requestShapesOf(['list', 'watch'], [{ group: '', resource: 'secrets' }]);

function step(technique: EscalationTechnique, capability: Capability, to: EscalationState, action: string, permissions: StepPermission[], via?: Resource): EscalationStep {
  return { technique, from: capability.state, to, action, permissions, via };
}

/**
 * Binding a role to itself: a new binding, or itself added to the subjects of an existing one.
 * Both need `bind` on the role (holding every permission of the role would also do, but then
 * binding it gains nothing).
 */
const bindRole: Technique = (context, capability) => {
  const out: EscalationStep[] = [];
  const bindings = context.analysis.model.bindings;
  const bindTargets = (namespace: string | undefined): { role: RoleDef; bind: StepPermission }[] => {
    const roles = [...context.powerfulClusterRoles, ...(namespace === undefined ? [] : (context.powerfulRoles.get(namespace) ?? []))];
    const targets: { role: RoleDef; bind: StepPermission }[] = [];
    for (const role of roles) {
      const resource = role.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
      // The authorizer checks bind in the namespace of the binding being written.
      const bind = capability.permits(request('bind', RBAC_API_GROUP, resource, namespace === undefined ? { name: role.name } : inNamespace(namespace, role.name)));
      if (bind !== undefined) targets.push({ role, bind });
    }
    return targets;
  };
  const existing = (kind: BindingDef['kind'], namespace: string | undefined, role: RoleDef) =>
    bindings.filter((binding) => binding.kind === kind && binding.namespace === namespace && binding.role === role && binding.resource !== undefined);
  // Writing a binding and binding a role must both be possible in the scope before any role is tried.
  const bind = reachOf(capability, BIND_ROLES);
  const writeCluster = reachOf(capability, WRITE_CLUSTER_BINDINGS);
  const writeNamespaced = reachOf(capability, WRITE_BINDINGS);
  const scopes: (string | undefined)[] = [
    ...(bind.everywhere && writeCluster.everywhere ? [undefined] : []),
    ...namespacesWithin(writeNamespaced, context.namespaceOrder.within(bind)),
  ];
  for (const namespace of scopes) {
    const targets = bindTargets(namespace);
    if (targets.length === 0) continue;
    const kind = namespace === undefined ? 'ClusterRoleBinding' : 'RoleBinding';
    const resource = namespace === undefined ? 'clusterrolebindings' : 'rolebindings';
    const scope = namespace === undefined ? {} : inNamespace(namespace);
    const create = capability.permits(request('create', RBAC_API_GROUP, resource, scope));
    for (const { role, bind } of targets) {
      const to: EscalationState = { kind: 'role', role, namespace };
      if (create !== undefined) {
        out.push(step('bind-role', capability, to, `creates a ${kind}${namespace === undefined ? '' : ` in namespace "${namespace}"`} that gives ${describeRole(role)} to itself`, [create, bind]));
        continue;
      }
      for (const binding of existing(kind, namespace, role)) {
        const edit = capability.permitsAny(['update', 'patch'].map((verb) => request(verb, RBAC_API_GROUP, resource, { ...scope, name: binding.name })));
        if (edit === undefined) continue;
        out.push(step('bind-role', capability, to, `adds itself to the subjects of ${describeBinding(binding)}, which gives ${describeRole(role)}`, [edit, bind], binding.resource));
        break;
      }
    }
  }
  return out;
};

/** Rewriting a role it holds (`escalate` lets the new rules exceed its own) so that it allows everything. */
const escalateRole: Technique = (_context, capability) => {
  const out: EscalationStep[] = [];
  for (const held of capability.heldRoles()) {
    const role = held.role;
    // An aggregated ClusterRole's rules are rewritten by the aggregation controller: an edit would not last.
    if (role.aggregationSelectors !== undefined) continue;
    const resource = role.kind === 'ClusterRole' ? 'clusterroles' : 'roles';
    const scope = role.kind === 'ClusterRole' ? { name: role.name } : inNamespace(role.namespace ?? '', role.name);
    const escalate = capability.permits(request('escalate', RBAC_API_GROUP, resource, scope));
    if (escalate === undefined) continue;
    const edit = capability.permitsAny(['update', 'patch'].map((verb) => request(verb, RBAC_API_GROUP, resource, scope)));
    if (edit === undefined) continue;
    const through = held.binding === undefined ? '' : ` through ${describeBinding(held.binding)}`;
    const where = describeScope(held.namespace);
    out.push(
      step('escalate-role', capability, { kind: 'everything', namespace: held.namespace }, `rewrites ${describeRole(role)}, which it holds ${where}${through}, to allow every verb on every resource (escalate)`, [escalate, edit], held.binding?.resource ?? role.resource),
    );
  }
  return out;
};

/** Acting as another user, group or ServiceAccount through impersonation headers. */
const impersonate: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  const impersonation = (resource: string, name: string, namespace?: string) => capability.permits(request('impersonate', '', resource, namespace === undefined ? { name } : inNamespace(namespace, name)));
  const users = capability.reach(IMPERSONATE_USERS).everywhere ? context.users : [];
  for (const user of users) {
    const to = context.states.subject({ kind: 'User', name: user });
    if (!wanted.has(to)) continue;
    const permission = impersonation('users', user);
    if (permission !== undefined) out.push(step('impersonate', capability, to, `impersonates User "${user}"`, [permission]));
  }
  const accountNamespaces = context.accountNamespaces.within(capability.reach(IMPERSONATE_ACCOUNTS));
  for (const namespace of context.accountNamespaces.within(capability.reach(IMPERSONATE_ACCOUNTS), wanted.accountNamespaces)) {
    for (const known of context.accountsByNamespace.get(namespace) ?? []) {
      const to = account(context, known);
      if (!wanted.has(to)) continue;
      const permission = impersonation('serviceaccounts', known.name, namespace);
      if (permission !== undefined) out.push(step('impersonate', capability, to, `impersonates ${accountText(namespace, known.name)}`, [permission]));
    }
  }
  if (!capability.reach(IMPERSONATE_GROUPS).everywhere) return out;
  // Impersonate-Group needs an Impersonate-User beside it: any user, or else the first ServiceAccount, it may impersonate.
  const someUser = (): StepPermission | undefined => {
    const any = capability.permits(request('impersonate', '', 'users'));
    if (any !== undefined) return any;
    for (const user of users) {
      const permission = impersonation('users', user);
      if (permission !== undefined) return permission;
    }
    for (const namespace of accountNamespaces) {
      for (const known of context.accountsByNamespace.get(namespace) ?? []) {
        const permission = impersonation('serviceaccounts', known.name, namespace);
        if (permission !== undefined) return permission;
      }
    }
    return undefined;
  };
  let user: StepPermission | undefined | null = null;
  for (const group of context.groups) {
    const to = context.states.subject({ kind: 'Group', name: group });
    if (!wanted.has(to)) continue;
    if (user === null) user = someUser();
    if (user === undefined) break;
    const permission = impersonation('groups', group);
    if (permission !== undefined) out.push(step('impersonate', capability, to, `impersonates Group "${group}" (with a user it may impersonate)`, [permission, user]));
  }
  return out;
};

const CLIENT_SIGNER = 'kubernetes.io/kube-apiserver-client';

/** A client certificate in group system:masters, through a CSR it submits, approves and reads back. */
const signCertificate: Technique = (context, capability) => {
  const group = 'certificates.k8s.io';
  const create = capability.permits(request('create', group, 'certificatesigningrequests'));
  if (create === undefined) return [];
  const approve = capability.permitsAny(['update', 'patch'].map((verb) => request(verb, group, 'certificatesigningrequests', { subresource: 'approval' })));
  // The approval is also authorized against the signer: by its name, or by `<domain>/*`.
  const signer = capability.permitsAny([CLIENT_SIGNER, 'kubernetes.io/*'].map((name) => request('approve', group, 'signers', { name })));
  const read = capability.permitsAny(['get', 'list', 'watch'].map((verb) => request(verb, group, 'certificatesigningrequests')));
  if (approve === undefined || signer === undefined || read === undefined) return [];
  return [
    step(
      'sign-certificate',
      capability,
      context.states.subject({ kind: 'Group', name: SYSTEM_MASTERS }),
      `submits a CertificateSigningRequest for a client certificate in group system:masters to the ${CLIENT_SIGNER} signer, approves it and reads the certificate`,
      [create, approve, signer, read],
    ),
  ];
};

/** A token of a ServiceAccount through the TokenRequest API. */
const createToken: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  for (const namespace of context.accountNamespaces.within(capability.reach(CREATE_TOKENS), wanted.accountNamespaces)) {
    for (const known of context.accountsByNamespace.get(namespace) ?? []) {
      const to = account(context, known);
      if (!wanted.has(to)) continue;
      const permission = capability.permits(request('create', '', 'serviceaccounts', { subresource: 'token', ...inNamespace(namespace, known.name) }));
      if (permission !== undefined) out.push(step('create-token', capability, to, `requests a token for ${accountText(namespace, known.name)} (serviceaccounts/token)`, [permission]));
    }
  }
  return out;
};

/** A long-lived token kept in a Secret of the input. */
const readTokenSecret: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  const reach = reachOf(capability, READ_SECRETS);
  for (const secret of context.analysis.tokenSecrets) {
    if (!reach.everywhere && !reach.namespaces.has(secret.namespace)) continue;
    const to = context.states.account(secret.namespace, secret.serviceAccount);
    if (!wanted.has(to)) continue;
    const permission = capability.permitsAny([
      request('get', '', 'secrets', inNamespace(secret.namespace, secret.resource.name)),
      request('list', '', 'secrets', inNamespace(secret.namespace)),
      request('watch', '', 'secrets', inNamespace(secret.namespace)),
    ]);
    if (permission === undefined) continue;
    out.push(
      step(
        'read-token-secret',
        capability,
        to,
        `reads Secret "${secret.namespace}/${secret.resource.name}", which holds a token of ${accountText(secret.namespace, secret.serviceAccount)}`,
        [permission],
        secret.resource,
      ),
    );
  }
  return out;
};

/** A token Secret it creates for a ServiceAccount: the token controller fills it in. */
const createTokenSecret: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  for (const namespace of context.accountNamespaces.within(capability.reach(CREATE_SECRETS), wanted.accountNamespaces)) {
    const accounts = (context.accountsByNamespace.get(namespace) ?? []).filter((known) => wanted.has(account(context, known)));
    if (accounts.length === 0) continue;
    const create = capability.permits(request('create', '', 'secrets', inNamespace(namespace)));
    if (create === undefined) continue;
    const read = capability.permitsAny(['get', 'list', 'watch'].map((verb) => request(verb, '', 'secrets', inNamespace(namespace))));
    if (read === undefined) continue;
    for (const known of accounts) {
      out.push(
        step(
          'create-token-secret',
          capability,
          account(context, known),
          `creates a Secret of type kubernetes.io/service-account-token for ${accountText(namespace, known.name)} and reads the token the token controller writes into it`,
          [create, read],
        ),
      );
    }
  }
  return out;
};

/** A pod of its own, created directly or through a workload controller, running as any ServiceAccount of the namespace. */
const runPod: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  for (const namespace of context.accountNamespaces.within(reachOf(capability, CREATE_RUNNERS), wanted.accountNamespaces)) {
    const accounts = (context.accountsByNamespace.get(namespace) ?? []).filter((known) => wanted.has(account(context, known)));
    if (accounts.length === 0) continue;
    let runner: (typeof POD_RUNNERS)[number] | undefined;
    let permission: StepPermission | undefined;
    for (const candidate of POD_RUNNERS) {
      permission = capability.permits(request('create', candidate.group, candidate.resource, inNamespace(namespace)));
      if (permission !== undefined) {
        runner = candidate;
        break;
      }
    }
    if (runner === undefined || permission === undefined) continue;
    for (const known of accounts) {
      out.push(step('run-pod', capability, account(context, known), `creates a ${runner.kind} in namespace "${namespace}" whose pods run as ${accountText(namespace, known.name)}, and reads its token`, [permission]));
    }
  }
  return out;
};

/** An existing workload whose pod template it rewrites to run its own code as any ServiceAccount of the namespace. */
const modifyWorkload: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  for (const namespace of context.workloadNamespaces.within(reachOf(capability, CHANGE_TEMPLATES), wanted.accountNamespaces)) {
    const accounts = context.accountsByNamespace.get(namespace) ?? [];
    // Where no account is wanted there is nothing to find; where it may create pods outright, run-pod says it more simply.
    if (!accounts.some((known) => wanted.has(account(context, known)))) continue;
    if (POD_RUNNERS.some((candidate) => capability.permits(request('create', candidate.group, candidate.resource, inNamespace(namespace))) !== undefined)) continue;
    // The first workload of the namespace whose template it may change is enough.
    for (const workload of context.workloadsByNamespace.get(namespace) ?? []) {
      const resource = workload.resource;
      if (resource.namespace !== namespace || !MUTABLE_TEMPLATES.has(resource.kind)) continue;
      const runner = POD_RUNNERS.find((candidate) => candidate.kind === resource.kind);
      if (runner === undefined) continue;
      const permission = capability.permitsAny(['patch', 'update'].map((verb) => request(verb, runner.group, runner.resource, inNamespace(namespace, resource.name))));
      if (permission === undefined) continue;
      for (const known of accounts) {
        if (!wanted.has(account(context, known))) continue;
        out.push(step('modify-workload', capability, account(context, known), `changes the pod template of ${resourceLabel(resource)} to run its own code as ${accountText(namespace, known.name)}`, [permission], resource));
      }
      break;
    }
  }
  return out;
};

const EXEC_IN_PODS = requestShapesOf(
  ['create', 'get', 'patch', 'update'],
  [
    { group: '', resource: 'pods', subresource: 'exec' },
    { group: '', resource: 'pods', subresource: 'ephemeralcontainers' },
  ],
);

/** Where it might run a command in a pod, or add an ephemeral container to one. */
function execReach(capability: Capability): Reach {
  return reachOf(capability, EXEC_IN_PODS);
}

/** A command in a running pod that mounts a token: `pods/exec`, or an ephemeral container added to it. */
const execIntoPod: Technique = (context, capability, wanted) => {
  const out: EscalationStep[] = [];
  const workloads = context.tokenWorkloadNamespaces.within(execReach(capability), wanted.accountNamespaces).flatMap((namespace) => context.tokenWorkloadsByNamespace.get(namespace) ?? []);
  for (const workload of workloads) {
    const namespace = workload.serviceAccount.namespace;
    const to = context.states.account(namespace, workload.serviceAccount.name);
    if (!wanted.has(to)) continue;
    // Pods of controllers get generated names: only a rule for every pod reaches them.
    const name = workload.resource.kind === 'Pod' ? workload.resource.name : undefined;
    const exec = capability.permitsAny(['create', 'get'].map((verb) => request(verb, '', 'pods', { subresource: 'exec', ...inNamespace(namespace, name) })));
    const permission = exec ?? capability.permitsAny(['patch', 'update'].map((verb) => request(verb, '', 'pods', { subresource: 'ephemeralcontainers', ...inNamespace(namespace, name) })));
    if (permission === undefined) continue;
    const how = exec !== undefined ? 'runs a command in' : 'adds an ephemeral container to';
    out.push(
      step(
        'exec-into-pod',
        capability,
        to,
        `${how} the pods of ${resourceLabel(workload.resource)}, which mount the token of ${accountText(namespace, workload.serviceAccount.name)}`,
        [permission],
        workload.resource,
      ),
    );
  }
  return out;
};

const nodeProxyPermission = (capability: Capability) => capability.permitsAny(['create', 'get'].map((verb) => request(verb, '', 'nodes', { subresource: 'proxy' })));
const webhookPermission = (capability: Capability) => capability.permitsAny(['create', 'update', 'patch'].map((verb) => request(verb, 'admissionregistration.k8s.io', 'mutatingwebhookconfigurations')));

/** The kubelet API of every node (`nodes/proxy`): a command in any pod, whatever its namespace. */
const nodeProxy: Technique = (context, capability, wanted) => {
  const permission = nodeProxyPermission(capability);
  if (permission === undefined) return [];
  const namespaces = wanted.accountNamespaces;
  const targets = context.tokenWorkloads.filter((workload) => (namespaces === undefined || namespaces.has(workload.serviceAccount.namespace)) && wanted.has(context.states.accountOf(workload.serviceAccount)));
  return targets.map((workload) =>
    step(
      'node-proxy',
      capability,
      context.states.accountOf(workload.serviceAccount),
      `runs a command in the pods of ${resourceLabel(workload.resource)} through the kubelet API (nodes/proxy), reading the token of ${accountText(workload.serviceAccount.namespace, workload.serviceAccount.name)}`,
      [permission],
      workload.resource,
    ),
  );
};

/** A mutating admission webhook of its own, which rewrites the pods controllers create. */
const mutatingWebhook: Technique = (context, capability, wanted) => {
  const permission = webhookPermission(capability);
  if (permission === undefined) return [];
  const out: EscalationStep[] = [];
  for (const namespace of context.sortedWorkloadNamespaces.within(EVERYWHERE, wanted.accountNamespaces)) {
    for (const known of context.accountsByNamespace.get(namespace) ?? []) {
      const to = account(context, known);
      if (!wanted.has(to)) continue;
      out.push(
        step('mutating-webhook', capability, to, `registers a mutating admission webhook that rewrites the pods created in namespace "${namespace}" to run its own code as ${accountText(namespace, known.name)}`, [permission]),
      );
    }
  }
  return out;
};

/**
 * The techniques, most direct first: the search tries them in this order, which decides between
 * chains of equal length. `needs`: a technique finds nothing for a state that reaches none of
 * these shapes anywhere (each of its steps needs one).
 */
export const TECHNIQUES: readonly { id: EscalationTechnique; find: Technique; needs: readonly RequestShape[] }[] = [
  { id: 'bind-role', find: bindRole, needs: BIND_ROLES },
  { id: 'escalate-role', find: escalateRole, needs: ESCALATE_ROLES },
  { id: 'impersonate', find: impersonate, needs: [IMPERSONATE_USERS, IMPERSONATE_ACCOUNTS, IMPERSONATE_GROUPS] },
  { id: 'sign-certificate', find: signCertificate, needs: CREATE_CSRS },
  { id: 'create-token', find: createToken, needs: [CREATE_TOKENS] },
  { id: 'read-token-secret', find: readTokenSecret, needs: READ_SECRETS },
  { id: 'create-token-secret', find: createTokenSecret, needs: [CREATE_SECRETS] },
  { id: 'run-pod', find: runPod, needs: CREATE_RUNNERS },
  { id: 'modify-workload', find: modifyWorkload, needs: CHANGE_TEMPLATES },
  { id: 'exec-into-pod', find: execIntoPod, needs: EXEC_IN_PODS },
  { id: 'node-proxy', find: nodeProxy, needs: NODE_PROXY },
  { id: 'mutating-webhook', find: mutatingWebhook, needs: WRITE_WEBHOOKS },
];

/**
 * The request shapes a step into each kind of state needs a grant of (one at least), in the
 * target's namespace or cluster-wide; `goal`: what a cluster-admin-equivalent state holds
 * cluster-wide. The backward bound of the search (`escalation-distance.ts`) relies on it: a
 * technique added or changed must keep its shapes here.
 */
export const STEP_NEEDS = {
  /** Into any ServiceAccount of a namespace. */
  account: [IMPERSONATE_ACCOUNTS, CREATE_TOKENS, CREATE_SECRETS, ...CREATE_RUNNERS, ...CHANGE_TEMPLATES, ...WRITE_WEBHOOKS],
  /** Into one whose token a running workload mounts. */
  tokenWorkloadAccount: [...EXEC_IN_PODS, ...NODE_PROXY],
  /** Into one whose token a Secret holds. */
  tokenSecretAccount: READ_SECRETS,
  user: [IMPERSONATE_USERS],
  group: [IMPERSONATE_GROUPS],
  /** Into system:masters, by a client certificate too. */
  masters: CREATE_CSRS,
  role: BIND_ROLES,
  everything: ESCALATE_ROLES,
  goal: [EVERY_REQUEST, ...LIST_SECRETS],
} as const satisfies Record<string, readonly RequestShape[]>;

export type StepNeed = keyof typeof STEP_NEEDS;

/** Whether a state is cluster-admin-equivalent, and by which criterion. */
export function goalOf(capability: Capability): GoalMatch | undefined {
  if (capability.identity?.groups.includes(SYSTEM_MASTERS) === true) {
    return { goal: 'system-masters', description: 'member of system:masters, which the API server allows everything without consulting RBAC', permissions: [] };
  }
  // Both need a grant cluster-wide: where there is none, `permits` need not be asked.
  const everything = capability.reach(EVERY_REQUEST).everywhere ? capability.permits(request('*', '*', '*')) : undefined;
  if (everything !== undefined) return { goal: 'full-access', description: 'holds every verb on every resource of every API group cluster-wide', permissions: [everything] };
  const secrets = reachOf(capability, LIST_SECRETS).everywhere ? capability.permitsAny([request('list', '', 'secrets'), request('watch', '', 'secrets')]) : undefined;
  if (secrets !== undefined) return { goal: 'read-all-secrets', description: 'reads every Secret of every namespace (every token, key and password the cluster keeps)', permissions: [secrets] };
  return undefined;
}

