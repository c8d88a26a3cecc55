import type { Subject, UserInfo } from './types.js';

/** Groups and users the API server assigns itself (k8s.io/apiserver pkg/authentication/user). */
export const ALL_AUTHENTICATED = 'system:authenticated';
export const ALL_UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS_USER = 'system:anonymous';
export const ALL_SERVICE_ACCOUNTS = 'system:serviceaccounts';
/** Members bypass authorization altogether: the API server allows them everything before RBAC is asked. */
export const SYSTEM_MASTERS = 'system:masters';

const SERVICE_ACCOUNT_USER_PREFIX = 'system:serviceaccount:';
const SERVICE_ACCOUNT_GROUP_PREFIX = 'system:serviceaccounts:';

/** `system:serviceaccount:<namespace>:<name>`: the user name a ServiceAccount's token authenticates as. */
export function serviceAccountUserName(namespace: string, name: string): string {
  return `${SERVICE_ACCOUNT_USER_PREFIX}${namespace}:${name}`;
}

/** The namespace and name behind a ServiceAccount user name, or undefined for other users. */
export function parseServiceAccountUserName(userName: string): { namespace: string; name: string } | undefined {
  if (!userName.startsWith(SERVICE_ACCOUNT_USER_PREFIX)) return undefined;
  const parts = userName.slice(SERVICE_ACCOUNT_USER_PREFIX.length).split(':');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') return undefined;
  return { namespace: parts[0] as string, name: parts[1] as string };
}

/** How the `principalKey` of every ServiceAccount begins: `ServiceAccount:<namespace>/<name>`. */
const ACCOUNT_PRINCIPAL = 'ServiceAccount:';

/** One key per principal: a ServiceAccount and its `system:serviceaccount:` user name are the same one. */
export function principalKey(subject: Subject): string {
  if (subject.kind === 'ServiceAccount') return `${ACCOUNT_PRINCIPAL}${subject.namespace}/${subject.name}`;
  if (subject.kind === 'User') {
    const account = parseServiceAccountUserName(subject.name);
    if (account !== undefined) return `${ACCOUNT_PRINCIPAL}${account.namespace}/${account.name}`;
  }
  return `${subject.kind}:${subject.name}`;
}

/** The namespace of the ServiceAccount a `principalKey` names (however the subject was written), or undefined for any other principal. */
export function accountNamespaceOf(principal: string): string | undefined {
  return principal.startsWith(ACCOUNT_PRINCIPAL) ? principal.slice(ACCOUNT_PRINCIPAL.length, principal.indexOf('/')) : undefined;
}

/** `system:serviceaccounts:<namespace>`: the group of every ServiceAccount of a namespace. */
export function serviceAccountNamespaceGroup(namespace: string): string {
  return `${SERVICE_ACCOUNT_GROUP_PREFIX}${namespace}`;
}

/** The identity a ServiceAccount's token carries: its user name and the three groups every ServiceAccount is in. */
export function serviceAccountIdentity(namespace: string, name: string): UserInfo {
  return { name: serviceAccountUserName(namespace, name), groups: [ALL_SERVICE_ACCOUNTS, serviceAccountNamespaceGroup(namespace), ALL_AUTHENTICATED] };
}

/** An authenticated user; `system:authenticated` is added as the API server does. */
export function userIdentity(name: string, groups: readonly string[] = []): UserInfo {
  if (name === ANONYMOUS_USER) return anonymousIdentity();
  const account = parseServiceAccountUserName(name);
  if (account !== undefined) return { name, groups: [...new Set([...serviceAccountIdentity(account.namespace, account.name).groups, ...groups])] };
  return { name, groups: [...new Set([...groups, ALL_AUTHENTICATED])] };
}

/** A request with no credentials, when anonymous requests are enabled. */
export function anonymousIdentity(): UserInfo {
  return { name: ANONYMOUS_USER, groups: [ALL_UNAUTHENTICATED] };
}

/**
 * Any member of a group, for "what can this group do" questions. Members of a group are
 * authenticated, except for `system:unauthenticated`, whose only member is the anonymous user.
 */
export function groupMemberIdentity(group: string): UserInfo {
  if (group === ALL_UNAUTHENTICATED) return anonymousIdentity();
  const groups = group === ALL_AUTHENTICATED ? [ALL_AUTHENTICATED] : [group, ALL_AUTHENTICATED];
  return { name: undefined, groups };
}

/** The identity of whoever a subject stands for. */
export function identityOf(subject: Subject): UserInfo {
  switch (subject.kind) {
    case 'User':
      return userIdentity(subject.name);
    case 'Group':
      return groupMemberIdentity(subject.name);
    case 'ServiceAccount':
      return serviceAccountIdentity(subject.namespace, subject.name);
  }
}

/**
 * Whether a binding's subject applies to an identity (`appliesToUser` of the RBAC rule
 * resolver): a User by exact name, a Group by membership, a ServiceAccount by its user name.
 */
export function subjectApplies(subject: Subject, identity: UserInfo): boolean {
  switch (subject.kind) {
    case 'User':
      return identity.name !== undefined && identity.name === subject.name;
    case 'Group':
      return identity.groups.includes(subject.name);
    case 'ServiceAccount':
      return identity.name !== undefined && identity.name === serviceAccountUserName(subject.namespace, subject.name);
  }
}

/** `ServiceAccount "shop/web"`, `Group "dev"`: how messages name a subject. */
export function describeSubject(subject: Subject): string {
  return subject.kind === 'ServiceAccount' ? `ServiceAccount "${subject.namespace}/${subject.name}"` : `${subject.kind} "${subject.name}"`;
}

/** Whether two subjects are the same principal (a ServiceAccount and its user name are). */
export function sameSubject(a: Subject, b: Subject): boolean {
  const key = (subject: Subject) => (subject.kind === 'ServiceAccount' ? `User:${serviceAccountUserName(subject.namespace, subject.name)}` : `${subject.kind}:${subject.name}`);
  return key(a) === key(b);
}

/**
 * The ServiceAccounts the kube-controller-manager runs its controllers as (with
 * `--use-service-account-credentials`), all in `kube-system` and bound to their
 * `system:controller:*` roles by the API server's bootstrap policy.
 */
const CONTROLLER_SERVICE_ACCOUNTS = new Set([
  'attachdetach-controller',
  'bootstrap-signer',
  'certificate-controller',
  'cloud-provider',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'podcheckpoint-controller',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resource-claim-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'selinux-warning-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'token-cleaner',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
]);

/**
 * What kind of principal a subject is, for judging how risky a grant to it is:
 * - `everyone`: a group (or the anonymous user) that covers far more than one party:
 *   `system:authenticated`, `system:unauthenticated`, `system:anonymous`, `system:serviceaccounts`
 *   and `system:serviceaccounts:<namespace>`;
 * - `masters`: the `system:masters` group, which bypasses RBAC;
 * - `system-component`: the control plane itself: `system:` users and groups the API server,
 *   kubelets and control-plane components authenticate as (`system:kube-controller-manager`,
 *   `system:nodes`, `system:node:<name>`, `system:bootstrappers`, …), and the
 *   kube-controller-manager's own controller ServiceAccounts in `kube-system`. A ServiceAccount
 *   anywhere else, or another ServiceAccount in `kube-system` (an add-on, Tiller, `default`), is
 *   not a system component: any pod running as it holds its token;
 * - `service-account`, `user`, `group`: everything else.
 */
export type SubjectClass = 'everyone' | 'masters' | 'system-component' | 'service-account' | 'user' | 'group';

export function classifySubject(subject: Subject): SubjectClass {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.namespace === 'kube-system' && CONTROLLER_SERVICE_ACCOUNTS.has(subject.name) ? 'system-component' : 'service-account';
    case 'User': {
      if (subject.name === ANONYMOUS_USER) return 'everyone';
      const account = parseServiceAccountUserName(subject.name);
      if (account !== undefined) return classifySubject({ kind: 'ServiceAccount', ...account });
      return subject.name.startsWith('system:') ? 'system-component' : 'user';
    }
    case 'Group':
      if (isBroadGroup(subject.name)) return 'everyone';
      if (subject.name === SYSTEM_MASTERS) return 'masters';
      return subject.name.startsWith('system:') ? 'system-component' : 'group';
  }
}

/** Groups every identity of a large population is in: all users, all anonymous requests, all ServiceAccounts (of a namespace). */
export function isBroadGroup(group: string): boolean {
  return group === ALL_AUTHENTICATED || group === ALL_UNAUTHENTICATED || group === ALL_SERVICE_ACCOUNTS || group.startsWith(SERVICE_ACCOUNT_GROUP_PREFIX);
}
