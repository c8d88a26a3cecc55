import type { SetCheck } from '../../engine/types.js';
import { describeMatches, describeRole, type RiskMatch } from '../../rbac/index.js';
import { describeAudience, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules } from './rbac-findings.js';
import { builtinGrantSeverity, ruleSeverity } from './risk-severity.js';

/** What each verb lets its holder do, for the matches of one verb entry. */
function explain(matches: readonly RiskMatch[]): string {
  const verbs = new Set(matches.flatMap((match) => match.verbs));
  const texts: string[] = [];
  if (verbs.has('bind')) texts.push('bind lets them create bindings to roles with permissions they do not hold, cluster-admin included');
  if (verbs.has('escalate')) texts.push('escalate lets them write roles with permissions they do not hold');
  if (verbs.has('impersonate')) {
    const groups = matches.some((match) => match.permission.resource === 'groups' && match.verbs.includes('impersonate'));
    texts.push(`impersonate lets them act as those identities${groups ? ' (for groups, system:masters included)' : ''}`);
  }
  return texts.join('; ');
}

export const rbacEscalationVerbs: SetCheck = {
  id: 'rbac-escalation-verbs',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role grants bind, escalate or impersonate',
    summary: 'A role rule (or a binding to a built-in role such as `edit`) grants `bind` or `escalate` on roles, or `impersonate` on users, groups or ServiceAccounts: each one bypasses RBAC\'s protection against granting more than one holds, up to cluster-admin.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Remove these verbs from roles of users and workloads. Where a controller must manage RBAC, limit `bind` with `resourceNames` to the roles it hands out and do without `escalate`; where impersonation is needed, name the allowed users, groups or ServiceAccounts in `resourceNames`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#escalate-verb',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#bind-verb',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#impersonate-verb',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#privilege-escalation-prevention-and-bootstrapping',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.8' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1098' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const risky of riskyRules(model, 'escalation')) {
      // One finding per verb entry (`bind`, `escalate`, `impersonate` or `*`), on that entry.
      const byVerbEntry = new Map<number, RiskMatch[]>();
      for (const match of risky.matches) {
        for (const index of match.verbIndexes) byVerbEntry.set(index, [...(byVerbEntry.get(index) ?? []), match]);
      }
      for (const [verbIndex, matches] of byVerbEntry) {
        const verb = risky.rule.verbs[verbIndex] ?? '';
        const severity = ruleSeverity(risky, matches);
        report(risky.role.resource, {
          path: ['rules', risky.index, 'verbs', verbIndex],
          severity,
          message: `${describeRole(risky.role)} grants ${describeMatches(matches)}${verb === '*' ? ' (through the verb *)' : ''} ${describeAudience(model, risky)}: ${explain(matches)}`,
        });
      }
    }
    reportBuiltinGrants(riskyBuiltinGrants(model, 'escalation'), builtinGrantSeverity, (entry) => explain(entry.matches), report);
  },
};
