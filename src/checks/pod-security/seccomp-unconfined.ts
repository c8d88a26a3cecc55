import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from '../shared/security-context.js';

function isUnconfined(profile: unknown): boolean {
  return isRecord(profile) && profile.type === 'Unconfined';
}

export const seccompUnconfined: ResourceCheck = {
  id: 'seccomp-unconfined',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Seccomp explicitly disabled',
    summary: 'The pod or a container sets seccompProfile.type: Unconfined, turning off system call filtering on purpose.',
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Replace `Unconfined` with `RuntimeDefault`, or with a `Localhost` profile that allows the extra system calls the workload needs.',
    references: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.6.2' },
      { framework: 'NSA', control: 'pod-security/security-profiles' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'baseline:seccompProfile' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    if (isUnconfined(podSecurityContext(podSpec).seccompProfile)) {
      const inheriting = podSpec.containers.filter((container) => !isRecord(containerSecurityContext(container).seccompProfile));
      const names = inheriting.map((container) => `"${container.name}"`).join(', ');
      report({
        path: [...podSpec.path, 'securityContext', 'seccompProfile', 'type'],
        message:
          inheriting.length > 0
            ? `the pod sets seccompProfile.type: Unconfined, so ${inheriting.length === 1 ? `container ${names} runs` : `containers ${names} run`} without seccomp filtering`
            : 'the pod sets seccompProfile.type: Unconfined (every container overrides it, but containers added later inherit it)',
      });
    }
    for (const container of podSpec.containers) {
      if (!isUnconfined(containerSecurityContext(container).seccompProfile)) continue;
      report({
        path: [...container.path, 'securityContext', 'seccompProfile', 'type'],
        container: container.name,
        message: `container "${container.name}" sets seccompProfile.type: Unconfined and runs without seccomp filtering`,
      });
    }
  },
};
