import type { Severity } from '../../findings/types.js';
import type { SetCheck } from '../../engine/types.js';
import { describeBinding, describeRole, describeSubject, isDiscoveryRule, parseServiceAccountUserName, type Subject } from '../../rbac/index.js';
import { describeHeldRisks, heldRisks } from './held-risks.js';
import { rbacModel } from './rbac-findings.js';

/** The namespace of a `default` ServiceAccount named by a subject (as a ServiceAccount or by its user name). */
function defaultServiceAccountNamespace(subject: Subject): string | undefined {
  if (subject.kind === 'ServiceAccount') return subject.name === 'default' ? subject.namespace : undefined;
  if (subject.kind === 'User') {
    const account = parseServiceAccountUserName(subject.name);
    return account?.name === 'default' ? account.namespace : undefined;
  }
  return undefined;
}

export const rbacDefaultServiceAccountBound: SetCheck = {
  id: 'rbac-default-service-account-bound',
  scope: 'set',
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Rights granted to a default ServiceAccount',
    summary: 'A binding grants a role to the `default` ServiceAccount of a namespace: every pod there that names no ServiceAccount runs with those rights.',
    severity: 'low',
    category: 'rbac',
    remediation: 'Create a dedicated ServiceAccount for the workload that needs the rights, bind the role to it, and set `serviceAccountName` in that workload\'s pod template. Leave `default` without bindings.',
    references: [
      'https://kubernetes.io/docs/concepts/security/service-accounts/#default-service-accounts',
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#minimize-distribution-of-privileged-tokens',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.5' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1528' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const binding of model.bindings) {
      if (binding.resource === undefined) continue;
      for (const entry of binding.subjects) {
        const namespace = entry.subject === undefined ? undefined : defaultServiceAccountNamespace(entry.subject);
        if (entry.subject === undefined || namespace === undefined) continue;
        const role = binding.role;
        // Discovery-only roles add nothing to what every ServiceAccount already has.
        if (role !== undefined && model.effectiveRules(role).every((rule) => isDiscoveryRule(rule.rule, 'authenticated'))) continue;
        const risks = heldRisks(model.grantsOfBinding(binding).filter((grant) => grant.subject === entry), { secretsAnywhere: true });
        const severity: Severity = risks.length > 0 ? 'medium' : 'low';
        const what = role === undefined ? `${binding.roleRef.kind} "${binding.roleRef.name}" (not in the input)` : describeRole(role);
        report(binding.resource, {
          path: ['subjects', entry.index],
          severity,
          message: `${describeBinding(binding)} grants ${what} to ${describeSubject(entry.subject)}: every pod of namespace "${namespace}" that names no ServiceAccount gets ${risks.length > 0 ? describeHeldRisks(risks) : 'these rights'}`,
        });
      }
    }
  },
};
