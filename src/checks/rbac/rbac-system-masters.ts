import type { SetCheck } from '../../engine/types.js';
import { describeBinding, describeRole, SYSTEM_MASTERS } from '../../rbac/index.js';
import { rbacModel } from './rbac-findings.js';

export const rbacSystemMasters: SetCheck = {
  id: 'rbac-system-masters',
  scope: 'set',
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Binding to the system:masters group',
    summary: 'A binding names the `system:masters` group, whose members bypass authorization entirely: the binding adds nothing they lack, but shows that credentials carrying this group are in use, and those cannot be revoked by changing RBAC.',
    severity: 'medium',
    category: 'rbac',
    remediation:
      'Do not issue credentials in `system:masters` beyond the break-glass certificate the cluster is bootstrapped with. Give administrators a group of your own bound to cluster-admin (which RBAC can revoke), and remove the binding.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.7' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const binding of model.bindings) {
      if (binding.resource === undefined) continue;
      const role = binding.role === undefined ? `${binding.roleRef.kind} "${binding.roleRef.name}"` : describeRole(binding.role);
      for (const entry of binding.subjects) {
        if (entry.subject?.kind !== 'Group' || entry.subject.name !== SYSTEM_MASTERS) continue;
        report(binding.resource, {
          path: ['subjects', entry.index],
          message: `${describeBinding(binding)} grants ${role} to Group "system:masters": its members are allowed everything before RBAC is consulted, and their client certificates stay valid whatever the bindings say`,
        });
      }
    }
  },
};
