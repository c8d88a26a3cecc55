import type { ResourceCheck } from '../../engine/types.js';
import { containerSecurityContext, isWindowsPod } from '../shared/security-context.js';

export const privilegeEscalationAllowed: ResourceCheck = {
  id: 'privilege-escalation-allowed',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Privilege escalation allowed',
    summary: 'A container does not set allowPrivilegeEscalation: false, so a process in it can gain more privileges than its parent (setuid binaries, file capabilities).',
    severity: 'medium',
    category: 'pod-security',
    remediation: 'Set `securityContext.allowPrivilegeEscalation: false` on every container. It defaults to true, so it must be written out.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.6' },
      { framework: 'NSA', control: 'pod-security/privilege-escalation' },
      { framework: 'MITRE', control: 'T1548' },
      { framework: 'PSS', control: 'restricted:allowPrivilegeEscalation' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      const value = containerSecurityContext(container).allowPrivilegeEscalation;
      if (value === false) continue;
      report({
        path: [...container.path, 'securityContext', 'allowPrivilegeEscalation'],
        container: container.name,
        message:
          value === true
            ? `container "${container.name}" sets allowPrivilegeEscalation: true`
            : `container "${container.name}" does not set securityContext.allowPrivilegeEscalation: false (it defaults to true)`,
      });
    }
  },
};
