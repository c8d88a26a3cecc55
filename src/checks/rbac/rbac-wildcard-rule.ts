import type { Severity } from '../../findings/types.js';
import type { SetCheck } from '../../engine/types.js';
import { describeRole, isFullWildcardRule, WILDCARD, type PolicyRule } from '../../rbac/index.js';
import { describeAudience, inputRoles, rbacModel } from './rbac-findings.js';

/** Groups served by Kubernetes itself (core, `apps`, `*.k8s.io`, …), as opposed to those of custom resources. */
function isKubernetesGroup(group: string): boolean {
  return group === '' || !group.includes('.') || group.endsWith('.k8s.io');
}

function list(items: readonly string[]): string {
  return items.map((item) => (item === '' ? 'the core group' : item)).join(', ');
}

/**
 * A namespaced Role is limited to its namespace; a ClusterRole that grants everything on
 * everything is cluster-admin; wildcards over the resources of custom API groups (an operator's
 * own CRDs) are the least of it.
 */
function severityOf(kind: string, rule: PolicyRule): Severity {
  if (kind === 'ClusterRole' && isFullWildcardRule(rule)) return 'high';
  if (!rule.apiGroups.includes(WILDCARD) && rule.apiGroups.length > 0 && rule.apiGroups.every((group) => !isKubernetesGroup(group))) return 'low';
  return 'medium';
}

export const rbacWildcardRule: SetCheck = {
  id: 'rbac-wildcard-rule',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole'],
  meta: {
    title: 'Wildcard in a role rule',
    summary: 'A Role or ClusterRole rule uses `*` for verbs, resources or API groups: it grants everything that matches, including verbs, resources and groups added later, rather than what its subjects need.',
    severity: 'medium',
    category: 'rbac',
    remediation: 'List the verbs, resources and API groups the subjects need instead of `*`. `kubectl auth can-i --list --as=<subject>` and the API server\'s audit log show what a workload actually uses.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#referring-to-resources',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.3' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const role of inputRoles(model)) {
      role.rules.forEach((rule, index) => {
        if (rule === undefined || rule.resources.length === 0) return;
        // Only rules with a * are reported: work out their audience (every grant of the rule) for them alone.
        if (![rule.verbs, rule.resources, rule.apiGroups].some((values) => values.includes(WILDCARD))) return;
        const severity = severityOf(role.kind, rule);
        const audience = describeAudience(model, { role, grants: model.grantsOfRule(role, index), unbound: !model.isGranted(role) });
        const verbs = rule.verbs.includes(WILDCARD) ? 'every verb' : list(rule.verbs);
        const resourcesText = rule.resources.includes(WILDCARD) ? 'every resource' : list(rule.resources);
        const groups = rule.apiGroups.includes(WILDCARD) ? 'every API group' : list(rule.apiGroups);
        const wildcards: [field: 'verbs' | 'resources' | 'apiGroups', what: string][] = [
          ['verbs', `every verb (escalate, bind and impersonate included where they apply) on ${resourcesText} of ${groups}`],
          ['resources', `${verbs} on every resource and subresource of ${groups}, including ones added later`],
          ['apiGroups', `${verbs} on ${resourcesText} in every API group, including groups added later`],
        ];
        for (const [field, what] of wildcards) {
          rule[field].forEach((value, valueIndex) => {
            if (value !== WILDCARD) return;
            report(role.resource, {
              path: ['rules', index, field, valueIndex],
              severity,
              message: `${describeRole(role)} uses * in ${field}: it grants ${what}, ${audience}`,
            });
          });
        }
      });
    }
  },
};
