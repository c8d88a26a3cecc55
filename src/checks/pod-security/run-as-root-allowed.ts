import type { ResourceCheck } from '../../engine/types.js';
import { effectiveSetting, isWindowsPod } from '../shared/security-context.js';

export const runAsRootAllowed: ResourceCheck = {
  id: 'run-as-root-allowed',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Container may run as root',
    summary: 'Nothing stops a container from running as UID 0: neither runAsNonRoot: true nor a non-zero runAsUser is set, for the container or the pod.',
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Set `runAsNonRoot: true` in the pod `securityContext` (it applies to every container) and run the image as a non-root user, e.g. `runAsUser: 10001`. Remove any `runAsUser: 0`.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-the-security-context-for-a-pod',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.7' },
      { framework: 'NSA', control: 'pod-security/non-root' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'restricted:runAsNonRoot' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      const user = effectiveSetting(podSpec, container, 'runAsUser');
      const nonRoot = effectiveSetting(podSpec, container, 'runAsNonRoot');
      if (user.value === 0) {
        const base = user.from === 'container' ? [...container.path, 'securityContext'] : [...podSpec.path, 'securityContext'];
        report({
          path: [...base, 'runAsUser'],
          container: container.name,
          message: `container "${container.name}" runs as root: runAsUser is 0${user.from === 'pod' ? ' (from the pod security context)' : ''}`,
        });
        continue;
      }
      if (typeof user.value === 'number' && user.value > 0) continue;
      if (nonRoot.value === true) continue;
      if (nonRoot.value === false) {
        const base = nonRoot.from === 'container' ? [...container.path, 'securityContext'] : [...podSpec.path, 'securityContext'];
        report({
          path: [...base, 'runAsNonRoot'],
          container: container.name,
          message: `container "${container.name}" may run as root: runAsNonRoot is false and no non-zero runAsUser is set`,
        });
        continue;
      }
      report({
        path: [...container.path, 'securityContext', 'runAsNonRoot'],
        container: container.name,
        message: `container "${container.name}" may run as root: neither runAsNonRoot: true nor a non-zero runAsUser is set (container or pod)`,
      });
    }
  },
};
