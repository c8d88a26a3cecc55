import type { Severity } from '../../findings/types.js';
import type { SetCheck } from '../../engine/types.js';
import {
  ALL_AUTHENTICATED,
  ALL_UNAUTHENTICATED,
  ANONYMOUS_USER,
  describeBinding,
  describeRole,
  describeSubject,
  isDiscoveryRule,
  type Subject,
} from '../../rbac/index.js';
import { describeHeldRisks, heldRisks } from './held-risks.js';
import { describeRule, rbacModel } from './rbac-findings.js';

/** Who a broad subject stands for, or undefined for any other subject. */
function audienceOf(subject: Subject): 'anonymous' | 'authenticated' | undefined {
  if ((subject.kind === 'User' && subject.name === ANONYMOUS_USER) || (subject.kind === 'Group' && subject.name === ALL_UNAUTHENTICATED)) return 'anonymous';
  if (subject.kind === 'Group' && subject.name === ALL_AUTHENTICATED) return 'authenticated';
  return undefined;
}

const WHO: Record<'anonymous' | 'authenticated', string> = {
  anonymous: 'anyone who can reach the API server, without credentials',
  authenticated: 'every authenticated user and every ServiceAccount token of the cluster (any compromised pod)',
};

export const rbacAnonymousAccess: SetCheck = {
  id: 'rbac-anonymous-access',
  scope: 'set',
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role bound to anonymous or all authenticated users',
    summary: 'A binding grants a role to `system:anonymous`, `system:unauthenticated` or `system:authenticated`, beyond the discovery access Kubernetes gives them by default: everyone who can reach the API server, or everyone with any credential, gets it.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Bind the role to the specific users, groups or ServiceAccounts that need it. Anonymous requests should get nothing beyond `system:public-info-viewer`; consider `--anonymous-auth=false` (or an AuthenticationConfiguration that limits anonymous access to health endpoints).',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#hardening',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#discovery-roles',
      'https://kubernetes.io/docs/reference/access-authn-authz/authentication/#anonymous-requests',
    ],
    frameworks: [
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1078' },
      { framework: 'MITRE', control: 'T1613' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const binding of model.bindings) {
      if (binding.resource === undefined) continue;
      for (const entry of binding.subjects) {
        const subject = entry.subject;
        const audience = subject === undefined ? undefined : audienceOf(subject);
        if (subject === undefined || audience === undefined) continue;
        const role = binding.role;
        const rules = role === undefined ? [] : model.effectiveRules(role);
        const what = role === undefined ? `${binding.roleRef.kind} "${binding.roleRef.name}" (not in the input)` : describeRole(role);
        let severity: Severity;
        let detail: string;
        if (role !== undefined && rules.every((rule) => isDiscoveryRule(rule.rule, 'authenticated'))) {
          // What Kubernetes grants every authenticated user by default is no finding; for anonymous users it is a small disclosure (API groups, CRDs).
          if (audience === 'authenticated' || rules.every((rule) => isDiscoveryRule(rule.rule, 'anyone'))) continue;
          severity = 'low';
          detail = 'API discovery (which API groups and custom resources exist), withheld from anonymous users by default';
        } else {
          const grants = model.grantsOfBinding(binding).filter((grant) => grant.subject === entry);
          const risks = heldRisks(grants, { secretsAnywhere: true });
          if (risks.length > 0) {
            severity = audience === 'anonymous' ? 'critical' : 'high';
            detail = describeHeldRisks(risks);
          } else {
            severity = audience === 'anonymous' ? 'high' : 'medium';
            const first = rules[0];
            detail = first === undefined ? 'whatever that role grants' : `${describeRule(first.rule)}${rules.length > 1 ? ` and ${rules.length - 1} more rule${rules.length === 2 ? '' : 's'}` : ''}`;
          }
        }
        report(binding.resource, {
          path: ['subjects', entry.index],
          severity,
          message: `${describeBinding(binding)} grants ${what}${binding.namespace === undefined ? '' : ` in namespace "${binding.namespace}"`} to ${describeSubject(subject)}, that is to ${WHO[audience]}: ${detail}`,
        });
      }
    }
  },
};
