import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, rbacModel, reportBuiltinGrants, riskyBuiltinGrants, riskyRules } from './rbac-findings.js';

export const rbacNodeProxy: SetCheck = {
  id: 'rbac-node-proxy',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
  meta: {
    title: 'Role can use the nodes/proxy subresource',
    summary: 'A ClusterRole bound cluster-wide (or a binding to the built-in `system:kubelet-api-admin`) grants `nodes/proxy`, which reaches the kubelet API of every node: its subjects can run commands in any pod there, bypassing admission control and audit logging.',
    severity: 'high',
    category: 'rbac',
    remediation:
      'Do not grant `nodes/proxy`. Monitoring agents need only `nodes/metrics` (and `nodes/stats`), which the kubelet authorizes separately; give those instead.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#access-to-proxy-subresource-of-nodes',
      'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.10' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1609' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    // Nodes are cluster-scoped: only ClusterRoleBindings make the rule usable.
    for (const risky of riskyRules(model, 'node-proxy')) {
      report(risky.role.resource, {
        path: ['rules', risky.index],
        message: `${describeRiskyRule(model, risky)}: ${holders(risky)} can call the kubelet API of every node, including exec into any of its pods (a plain GET over WebSockets is enough)`,
      });
    }
    reportBuiltinGrants(riskyBuiltinGrants(model, 'node-proxy'), () => undefined, () => 'they can call the kubelet API of every node, including exec into any of its pods', report);
  },
};
