import type { Severity } from '../../findings/types.js';
import type { SetCheck } from '../../engine/types.js';
import { classifySubject, describeBinding, describeRole, describeSubject, isFullWildcardRule, type RbacModel, type RoleDef } from '../../rbac/index.js';
import { rbacModel } from './rbac-findings.js';

const adminRoles = new WeakMap<RoleDef, boolean>();

/** The built-in cluster-admin, or any role whose effective rules include `*` verbs on `*` resources of `*` groups (worked out once per role). */
function isAdminRole(model: RbacModel, role: RoleDef): boolean {
  let admin = adminRoles.get(role);
  if (admin === undefined) {
    admin = (role.builtin && role.name === 'cluster-admin') || model.effectiveRules(role).some((rule) => isFullWildcardRule(rule.rule));
    adminRoles.set(role, admin);
  }
  return admin;
}

export const rbacClusterAdminBinding: SetCheck = {
  id: 'rbac-cluster-admin-binding',
  scope: 'set',
  appliesTo: ['RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'cluster-admin bound to a user, group or ServiceAccount',
    summary: 'A binding grants cluster-admin, or a role with every verb on every resource, to a subject that is not a Kubernetes system component: whoever holds those credentials, or a token of that ServiceAccount, controls the cluster (or the whole namespace, through a RoleBinding).',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Bind narrower roles: `admin` or `edit` through RoleBindings for people who manage a namespace, and a role listing the resources and verbs a controller uses for ServiceAccounts. Keep cluster-admin for break-glass accounts, and reach it through impersonation rather than a standing binding.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#least-privilege',
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.1' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1078' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    for (const binding of model.bindings) {
      if (binding.resource === undefined || binding.role === undefined || !isAdminRole(model, binding.role)) continue;
      const role = binding.role;
      for (const entry of binding.subjects) {
        if (entry.subject === undefined) continue;
        const kind = classifySubject(entry.subject);
        // The control plane's own identities, and system:masters (which bypasses RBAC anyway, see rbac-system-masters).
        if (kind === 'system-component' || kind === 'masters') continue;
        const everyone = kind === 'everyone';
        const clusterWide = binding.kind === 'ClusterRoleBinding';
        const severity: Severity = clusterWide ? (everyone ? 'critical' : 'high') : everyone ? 'high' : 'medium';
        const scope = clusterWide ? 'the whole cluster' : `namespace "${binding.namespace ?? ''}", its Secrets and RBAC included`;
        const holder = everyone ? `everyone in ${describeSubject(entry.subject)}` : entry.subject.kind === 'ServiceAccount' ? 'every pod running as it' : 'whoever holds its credentials';
        report(binding.resource, {
          path: ['subjects', entry.index],
          severity,
          message: `${describeBinding(binding)} grants ${describeRole(role)}${role.name === 'cluster-admin' ? '' : ' (every verb on every resource)'} to ${describeSubject(entry.subject)}: ${holder} controls ${scope}`,
        });
      }
    }
  },
};
