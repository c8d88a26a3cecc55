import type { SetCheck } from '../../engine/types.js';
import { isRecord, type Resource } from '../../model/resource.js';
import { ResourceIndex, workloadsOf } from '../shared/resource-index.js';
import { dashboardContainers } from './dashboard.js';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

/** A ClusterRoleBinding that grants the cluster-admin ClusterRole, and the subjects it grants it to. */
function clusterAdminSubjects(resource: Resource): Record<string, unknown>[] | undefined {
  const { roleRef, subjects } = resource.object;
  if (resource.kind !== 'ClusterRoleBinding' || !resource.apiVersion.startsWith(`${RBAC_GROUP}/`)) return undefined;
  if (!isRecord(roleRef) || roleRef.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') return undefined;
  return Array.isArray(subjects) ? subjects.filter(isRecord) : [];
}

/**
 * Whether a binding subject names this service account, the way the authorizer sees it: by
 * ServiceAccount subject, by its user name `system:serviceaccount:<ns>:<name>`, or through a
 * group every service account is in (`system:serviceaccounts`, `system:serviceaccounts:<ns>`,
 * `system:authenticated`).
 */
function subjectIncludes(subject: Record<string, unknown>, namespace: string, serviceAccount: string): boolean {
  switch (subject.kind) {
    case 'ServiceAccount':
      return subject.name === serviceAccount && subject.namespace === namespace;
    case 'User':
      return subject.name === `system:serviceaccount:${namespace}:${serviceAccount}`;
    case 'Group':
      return subject.name === 'system:serviceaccounts' || subject.name === `system:serviceaccounts:${namespace}` || subject.name === 'system:authenticated';
    default:
      return false;
  }
}

/** The service account a pod runs as: `serviceAccountName`, the deprecated `serviceAccount`, else `default`. */
function serviceAccountOf(spec: Record<string, unknown>): { name: string; field: string } {
  for (const field of ['serviceAccountName', 'serviceAccount']) {
    const name = spec[field];
    if (typeof name === 'string' && name !== '') return { name, field };
  }
  return { name: 'default', field: 'serviceAccountName' };
}

export const kubernetesDashboardAdmin: SetCheck = {
  id: 'kubernetes-dashboard-admin',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Kubernetes Dashboard runs as cluster-admin',
    summary: 'The Kubernetes Dashboard\'s service account is bound to cluster-admin, so anyone who gets into the Dashboard, or steals its token, controls the whole cluster.',
    severity: 'high',
    category: 'exposure',
    remediation:
      'Remove the ClusterRoleBinding that grants cluster-admin to the Dashboard\'s service account. Let users log in with their own tokens, and give the Dashboard itself only the minimal permissions of the upstream manifests.',
    references: [
      'https://github.com/kubernetes/dashboard/blob/master/docs/user/access-control/README.md',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.1' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ resources, report }) {
    const bindings: Array<{ name: string; subjects: Record<string, unknown>[] }> = [];
    for (const resource of ResourceIndex.of(resources).ofKind('ClusterRoleBinding', RBAC_GROUP)) {
      const subjects = clusterAdminSubjects(resource);
      if (subjects !== undefined) bindings.push({ name: resource.name, subjects });
    }
    if (bindings.length === 0) return;
    for (const { resource, podSpec } of workloadsOf(resources)) {
      if (resource.namespace === undefined || dashboardContainers(podSpec).length === 0) continue;
      const namespace = resource.namespace;
      const serviceAccount = serviceAccountOf(podSpec.spec);
      const granting = bindings.filter((binding) => binding.subjects.some((subject) => subjectIncludes(subject, namespace, serviceAccount.name)));
      if (granting.length === 0) continue;
      report(resource, {
        path: [...podSpec.path, serviceAccount.field],
        message: `${resource.kind} "${resource.name}" runs the Kubernetes Dashboard as service account "${namespace}/${serviceAccount.name}", which ClusterRoleBinding ${granting.map((binding) => `"${binding.name}"`).join(', ')} binds to cluster-admin`,
      });
    }
  },
};
