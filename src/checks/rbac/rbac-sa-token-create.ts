import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, isClusterWide, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules } from './rbac-findings.js';
import { builtinGrantSeverity, ruleSeverity } from './risk-severity.js';

export const rbacSaTokenCreate: SetCheck = {
  id: 'rbac-sa-token-create',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role can create ServiceAccount tokens',
    summary: 'A role rule (or a binding to a built-in role such as `edit`) grants `create` on `serviceaccounts/token`: its subjects can mint API tokens for ServiceAccounts and act with their permissions.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Limit `serviceaccounts/token` with `resourceNames` to the ServiceAccounts a component must issue tokens for, and bind it in their namespace only. Never grant it cluster-wide: kube-system\'s controller ServiceAccounts would be in reach.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#token-request',
      'https://kubernetes.io/docs/reference/kubernetes-api/authentication-resources/token-request-v1/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.13' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const risky of riskyRules(model, 'sa-token-create')) {
      const clusterWide = isClusterWide(risky.grants);
      const named = risky.rule.resourceNames.length > 0;
      const severity = ruleSeverity(risky);
      report(risky.role.resource, {
        path: ['rules', risky.index],
        severity,
        message: `${describeRiskyRule(model, risky)}: ${holders(risky)} can mint tokens for ${named ? 'those ServiceAccounts' : clusterWide ? 'any ServiceAccount of the cluster' : 'any ServiceAccount of the namespace'} and act as them`,
      });
    }
    reportBuiltinGrants(
      riskyBuiltinGrants(model, 'sa-token-create'),
      builtinGrantSeverity,
      (entry) => `they can mint tokens for ${entry.binding.namespace === undefined ? 'any ServiceAccount of the cluster' : 'any ServiceAccount of the namespace'} and act as them`,
      report,
    );
  },
};
