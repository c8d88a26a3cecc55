import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import type { ContainerRef } from '../../model/workload.js';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from '../shared/security-context.js';

/** The two profile types that confine a container; `Unconfined` and a missing type do not. */
function confines(profile: Record<string, unknown>): boolean {
  return profile.type === 'RuntimeDefault' || profile.type === 'Localhost';
}

function describe(profile: Record<string, unknown>): string {
  return typeof profile.type === 'string' ? `seccompProfile.type: ${profile.type}` : 'a seccompProfile without a type';
}

export const seccompProfileMissing: ResourceCheck = {
  id: 'seccomp-profile-missing',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Seccomp profile not set',
    summary: 'A container runs without a RuntimeDefault or Localhost seccomp profile (from its own or the pod security context), so every system call of the kernel is open to it.',
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Set `securityContext.seccompProfile.type: RuntimeDefault` in the pod security context (it applies to every container), or `Localhost` with a profile made for the workload.',
    references: [
      'https://kubernetes.io/docs/tutorials/security/seccomp/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.6.2' },
      { framework: 'NSA', control: 'pod-security/security-profiles' },
      { framework: 'PSS', control: 'restricted:seccompProfile' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    const podProfile = podSecurityContext(podSpec).seccompProfile;
    const inheritingBadPodProfile: ContainerRef[] = [];
    for (const container of podSpec.containers) {
      const own = containerSecurityContext(container).seccompProfile;
      if (isRecord(own)) {
        if (confines(own)) continue;
        report({
          path: [...container.path, 'securityContext', 'seccompProfile', 'type'],
          container: container.name,
          message: `container "${container.name}" sets ${describe(own)} and runs without seccomp filtering`,
        });
      } else if (isRecord(podProfile)) {
        if (!confines(podProfile)) inheritingBadPodProfile.push(container);
      } else {
        report({
          path: [...container.path, 'securityContext', 'seccompProfile'],
          container: container.name,
          message: `container "${container.name}" has no seccomp profile: neither it nor the pod sets securityContext.seccompProfile, so it runs Unconfined unless the node's kubelet defaults to RuntimeDefault`,
        });
      }
    }
    // One finding for the pod-level setting, however many containers inherit it.
    if (isRecord(podProfile) && inheritingBadPodProfile.length > 0) {
      const names = inheritingBadPodProfile.map((container) => `"${container.name}"`).join(', ');
      const one = inheritingBadPodProfile.length === 1;
      report({
        path: [...podSpec.path, 'securityContext', 'seccompProfile', 'type'],
        message: `the pod sets ${describe(podProfile)}, inherited by ${one ? 'container' : 'containers'} ${names}, which ${one ? 'runs' : 'run'} without seccomp filtering`,
      });
    }
  },
};
