import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules } from './rbac-findings.js';
import { builtinGrantSeverity, ruleSeverity } from './risk-severity.js';

export const rbacPodExecAttach: SetCheck = {
  id: 'rbac-pod-exec-attach',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role can exec into, attach to or port-forward pods',
    summary: 'A role rule (or a binding to a built-in role such as `edit`) grants `pods/exec`, `pods/attach` or `pods/portforward`: its subjects can run commands in running containers (with their ServiceAccount tokens and mounted Secrets) or reach their ports past network policies.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Reserve `pods/exec` and `pods/attach` for break-glass operator roles bound in the namespaces they operate; give tooling that only reads logs `pods/log` instead. Bind port-forwarding narrowly too, and with `resourceNames` where the target pods are known.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    ],
    frameworks: [
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1609' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const risky of riskyRules(model, 'pod-exec')) {
      // exec and attach run code inside other workloads; port-forward only opens their ports.
      const runsCommands = risky.matches.some((match) => match.permission.subresource !== 'portforward');
      const severity = ruleSeverity(risky);
      const getOnly = risky.matches.every((match) => !match.verbs.includes('create'));
      report(risky.role.resource, {
        path: ['rules', risky.index],
        severity,
        message: `${describeRiskyRule(model, risky)}${
          runsCommands ? `: ${holders(risky)} can run commands in those pods as their ServiceAccounts and read their mounted Secrets` : `: ${holders(risky)} can reach the pods' ports directly, past network policies`
        }${getOnly ? ' (get is enough over WebSockets before Kubernetes 1.35)' : ''}`,
      });
    }
    reportBuiltinGrants(riskyBuiltinGrants(model, 'pod-exec'), builtinGrantSeverity, () => 'they can run commands in those pods as their ServiceAccounts and read their mounted Secrets', report);
  },
};
