import type { SetCheck } from '../../engine/types.js';
import { describeRiskyRule, holders, rbacModel, riskyRules } from './rbac-findings.js';

export const rbacPvCreate: SetCheck = {
  id: 'rbac-pv-create',
  scope: 'set',
  appliesTo: ['Role', 'ClusterRole'],
  meta: {
    title: 'Role can create PersistentVolumes',
    summary: 'A ClusterRole bound cluster-wide lets its subjects create PersistentVolumes, which can point at any `hostPath` of a node and so hand a pod the node\'s filesystem.',
    severity: 'medium',
    category: 'rbac',
    remediation:
      'Let a StorageClass provisioner create PersistentVolumes and give users `create` on PersistentVolumeClaims instead. Keep `create` on `persistentvolumes` for storage administrators and CSI provisioners.',
    references: [
      'https://kubernetes.io/docs/concepts/security/rbac-good-practices/#persistent-volume-creation',
      'https://kubernetes.io/docs/concepts/storage/persistent-volumes/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.1.9' },
      { framework: 'NSA', control: 'authorization/rbac' },
      { framework: 'MITRE', control: 'T1611' },
    ],
  },
  run({ resources, report }) {
    const model = rbacModel(resources);
    // PersistentVolumes are cluster-scoped: only ClusterRoleBindings make the rule usable.
    for (const risky of riskyRules(model, 'pv-create')) {
      report(risky.role.resource, {
        path: ['rules', risky.index],
        message: `${describeRiskyRule(model, risky)}: ${holders(risky)} can create a hostPath PersistentVolume and mount a node's filesystem through a claim`,
      });
    }
  },
};
