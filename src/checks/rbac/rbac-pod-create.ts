import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, isClusterWide, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules } from './rbac-findings.js';
import { builtinGrantSeverity, ruleSeverity } from './risk-severity.js';

export const rbacPodCreate: SetCheck = {
  id: 'rbac-pod-create',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role can create pods',
    summary: 'A role rule (or a binding to a built-in role such as `edit`) lets its subjects create pods, directly or through a workload controller: they can run any image as any ServiceAccount of the namespace, mount its Secrets and, unless admission forbids it, run privileged.',
    severity: 'medium',
    category: 'rbac',
    remediation:
      'Give `create` on pods, Deployments, DaemonSets, StatefulSets, ReplicaSets, Jobs, CronJobs and ReplicationControllers only to deployment pipelines and operators that need it, through RoleBindings in their own namespaces, and enforce the Pod Security Standards there so that created pods cannot be privileged.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.4' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1610' },
      { framework: 'MITRE', control: 'T1611' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const risky of riskyRules(model, 'pod-create')) {
      const clusterWide = isClusterWide(risky.grants);
      report(risky.role.resource, {
        path: ['rules', risky.index],
        // Cluster-wide it includes kube-system, whose ServiceAccounts (and nodes, through privileged pods) control the cluster.
        severity: ruleSeverity(risky),
        message: `${describeRiskyRule(model, risky)}: ${
          clusterWide ? 'in any namespace, kube-system included, they' : holders(risky)
        } can run any image as any ServiceAccount of the namespace and mount its Secrets`,
      });
    }
    reportBuiltinGrants(
      riskyBuiltinGrants(model, 'pod-create'),
      builtinGrantSeverity,
      (entry) => `${entry.binding.namespace === undefined ? 'in any namespace, kube-system included, they' : 'they'} can run any image as any ServiceAccount of the namespace and mount its Secrets`,
      report,
    );
  },
};
