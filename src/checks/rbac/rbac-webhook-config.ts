import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, rbacModel, riskyRules } from './rbac-findings.js';
import { ruleSeverity } from './risk-severity.js';

export const rbacWebhookConfig: SetCheck = {
  id: 'rbac-webhook-config',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole'],
  meta: {
    title: 'Role can change admission webhook configurations',
    summary: 'A ClusterRole bound cluster-wide lets its subjects create, change or delete Mutating- or ValidatingWebhookConfigurations: they can send every API request (Secrets included) to a server of theirs, rewrite pods as they are created, or switch policy enforcement off.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Install webhook configurations with the deployment tooling, not with a runtime identity. Where a controller must maintain its own configuration (for example to rotate its CA bundle), limit the rule with `resourceNames` to that configuration and drop `create` and `delete`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#control-admission-webhooks',
      'https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.12' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1557' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    // Webhook configurations are cluster-scoped: only ClusterRoleBindings make the rule usable.
    for (const risky of riskyRules(model, 'webhook-config')) {
      const mutating = risky.matches.some((match) => match.permission.resource === 'mutatingwebhookconfigurations');
      const named = risky.rule.resourceNames.length > 0;
      // A mutating webhook rewrites objects (injects containers into pods); a validating one sees and can block them.
      const severity = ruleSeverity(risky);
      const impact = named
        ? 'only the configurations named, but changing their rules or service redirects what they intercept'
        : mutating
          ? 'a mutating webhook of theirs can rewrite every pod as it is created and receive every object it matches'
          : 'a validating webhook of theirs receives every object it matches (Secrets included), and deleting one switches its policy off';
      report(risky.role.resource, {
        path: ['rules', risky.index],
        severity,
        message: `${describeRiskyRule(model, risky)}: ${holders(risky) === 'they' ? '' : 'for whoever holds it, '}${impact}`,
      });
    }
  },
};
