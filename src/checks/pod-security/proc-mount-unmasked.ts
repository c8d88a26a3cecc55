import type { ResourceCheck } from '../../engine/types.js';
import { containerSecurityContext, isWindowsPod } from '../shared/security-context.js';

export const procMountUnmasked: ResourceCheck = {
  id: 'proc-mount-unmasked',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: '/proc mounted unmasked',
    summary: "A container sets procMount to something other than Default (Unmasked), so the runtime's masking of sensitive /proc paths is turned off.",
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Remove `securityContext.procMount` or set it to `Default`. Nested container runtimes that need an unmasked /proc should run in a user namespace (`hostUsers: false`).',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/concepts/workloads/pods/user-namespaces/',
    ],
    frameworks: [
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'baseline:procMount' },
    ],
  },
  run({ podSpec, report }) {
    // In a user namespace the unmasked /proc belongs to that namespace; baseline allows it since Kubernetes 1.35.
    if (podSpec === undefined || isWindowsPod(podSpec) || podSpec.spec.hostUsers === false) return;
    for (const container of podSpec.containers) {
      const procMount = containerSecurityContext(container).procMount;
      if (procMount === undefined || procMount === null || procMount === 'Default') continue;
      report({
        path: [...container.path, 'securityContext', 'procMount'],
        container: container.name,
        message: `container "${container.name}" sets procMount: ${String(procMount)}, without /proc masking and outside a user namespace`,
      });
    }
  },
};
