import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules, SENSITIVE_NAMESPACES, sensitiveNamespacesOption } from './rbac-findings.js';
import { builtinGrantSeverity, ruleSeverity } from './risk-severity.js';

const LIST_WATCH_IMPACT = "list and watch return the content of every Secret, other workloads' tokens and keys included";

export const rbacSecretsAccess: SetCheck = {
  id: 'rbac-secrets-access',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Secrets readable cluster-wide or in kube-system',
    summary: 'A role rule (or a binding to a built-in role such as `edit`) lets its subjects get, list or watch Secrets in every namespace (through a ClusterRoleBinding) or in kube-system, where the credentials of other workloads and of the cluster itself are kept.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Grant Secret access with RoleBindings in the namespaces that need it, name the Secrets with `resourceNames` where the workload reads known ones, and prefer `get` to `list`/`watch` (which return every Secret\'s content). For controllers that must watch Secrets (ingress controllers for TLS certificates), limit them to the namespaces they serve.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#listing-secrets',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.2' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1552.007' },
    ],
    options: {
      sensitiveNamespaces: {
        description: 'Namespaces where any read access to Secrets is reported, besides cluster-wide access.',
        type: 'string[]',
        default: [...SENSITIVE_NAMESPACES],
      },
    },
  },
  run({ resources, options, report }) {
    const sensitive = sensitiveNamespacesOption(options.sensitiveNamespaces);
    const model = rbacModel(resources);
    const counted = riskyRules(model, 'secrets-read', {
      // A ClusterRole that no binding of the input grants has no known scope; Secrets access within one ordinary namespace is how Secrets are used.
      includeUnbound: false,
      counts: (grant) => grant.namespace === undefined || sensitive.includes(grant.namespace),
    });
    for (const risky of counted) {
      const severity = ruleSeverity(risky);
      report(risky.role.resource, {
        path: ['rules', risky.index],
        severity,
        message: `${describeRiskyRule(model, risky)}${severity === 'high' ? `: ${LIST_WATCH_IMPACT}` : ''}`,
      });
    }
    reportBuiltinGrants(riskyBuiltinGrants(model, 'secrets-read', sensitive), builtinGrantSeverity, (entry) => (builtinGrantSeverity(entry) === 'high' ? LIST_WATCH_IMPACT : 'they can read the Secrets they know the names of'), report);
  },
};
