import type { SetCheck } from '../../engine/types.js';
import { describeMatches, describeRole, risksOfRule, type Grant, type PolicyRule, type RbacModel, type Subject } from '../../rbac/index.js';
import { describeRecipients, rbacModel, riskyRules, type InputRole } from './rbac-findings.js';

/** The signer names a rule lets one approve for: `resourceNames` (a name or `<domain>/*`), or every signer. */
function signerNames(rules: readonly PolicyRule[]): string {
  const names = new Set<string>();
  for (const rule of rules) {
    if (rule.resourceNames.length === 0) return 'any signer';
    for (const name of rule.resourceNames) names.add(`"${name}"`);
  }
  return `signers ${[...names].join(', ')}`;
}

/** The cluster-wide grants that let a subject approve for signers (`approve` on `signers`). */
function signerGrants(model: RbacModel, subject: Subject): Grant[] {
  return model.grantsFor(subject).filter((grant) => grant.namespace === undefined && risksOfRule(grant.rule.rule, 'csr-signer-approve').length > 0);
}

function ownSignerRules(role: InputRole): PolicyRule[] {
  return role.rules.filter((rule): rule is PolicyRule => rule !== undefined && risksOfRule(rule, 'csr-signer-approve').length > 0);
}

export const rbacCsrApproval: SetCheck = {
  id: 'rbac-csr-approval',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole'],
  meta: {
    title: 'Subjects can approve certificate signing requests',
    summary: 'A ClusterRole bound cluster-wide grants `update` on `certificatesigningrequests/approval` to subjects who can also `approve` for a signer: they can issue themselves client certificates, for any user and group the signer allows.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Leave CSR approval to the controller manager and to dedicated approvers. Where a component must approve, limit `approve` on `signers` with `resourceNames` to its own signer (never `kubernetes.io/kube-apiserver-client`), and bind it to that component only.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#csrs-and-certificate-issuing',
      'https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#authorization',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.11' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1098' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    // The approval subresource and signers are cluster-scoped: only ClusterRoleBindings count.
    for (const risky of riskyRules(model, 'csr-approval')) {
      let recipients: string;
      let signers: string;
      if (risky.unbound) {
        // Without bindings, judge the role on its own: it must carry the signer permission too.
        const own = ownSignerRules(risky.role);
        if (own.length === 0) continue;
        recipients = `and approve for ${signerNames(own)} in the same role, to whoever it is bound to`;
        signers = '';
      } else {
        const approvers = risky.grants.map((grant) => ({ grant, signer: signerGrants(model, grant.subject.subject) })).filter((entry) => entry.signer.length > 0);
        // update on the approval subresource alone is refused by the CertificateApproval admission plugin.
        if (approvers.length === 0) continue;
        recipients = `to ${describeRecipients(approvers.map((entry) => entry.grant))}`;
        const sources = [...new Set(approvers.flatMap((entry) => entry.signer.map((grant) => describeRole(grant.rule.role))))];
        signers = `, who can also approve for ${signerNames(approvers.flatMap((entry) => entry.signer.map((grant) => grant.rule.rule)))} (${sources.join(', ')})`;
      }
      report(risky.role.resource, {
        path: ['rules', risky.index],
        message: `${describeRole(risky.role)} grants ${describeMatches(risky.matches)} ${recipients}${signers}: they can approve certificate signing requests and so issue client certificates for the identities the signer allows`,
      });
    }
  },
};
