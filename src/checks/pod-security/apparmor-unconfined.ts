import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { containerSecurityContext, isWindowsPod, podSecurityContext } from '../shared/security-context.js';

/** The pre-1.30 way to choose a container's AppArmor profile, still honoured (deprecated). */
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function isUnconfined(profile: unknown): boolean {
  return isRecord(profile) && profile.type === 'Unconfined';
}

export const apparmorUnconfined: ResourceCheck = {
  id: 'apparmor-unconfined',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'AppArmor explicitly disabled',
    summary: "The pod or a container turns off AppArmor (appArmorProfile.type: Unconfined, or the annotation value 'unconfined'), removing the runtime's default confinement.",
    severity: 'medium',
    category: 'pod-security',
    remediation:
      'Remove the `Unconfined` profile (and any `container.apparmor.security.beta.kubernetes.io/*: unconfined` annotation) so the runtime default applies, or set `appArmorProfile.type: Localhost` with a profile written for the workload.',
    references: [
      'https://kubernetes.io/docs/tutorials/security/apparmor/',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'NSA', control: 'pod-security/security-profiles' },
      { framework: 'PSS', control: 'baseline:appArmorProfile' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    if (isUnconfined(podSecurityContext(podSpec).appArmorProfile)) {
      const inheriting = podSpec.containers.filter((container) => !isRecord(containerSecurityContext(container).appArmorProfile));
      const names = inheriting.map((container) => `"${container.name}"`).join(', ');
      report({
        path: [...podSpec.path, 'securityContext', 'appArmorProfile', 'type'],
        message:
          inheriting.length > 0
            ? `the pod sets appArmorProfile.type: Unconfined, so ${inheriting.length === 1 ? `container ${names} runs` : `containers ${names} run`} without AppArmor`
            : 'the pod sets appArmorProfile.type: Unconfined (every container overrides it, but containers added later inherit it)',
      });
    }
    for (const container of podSpec.containers) {
      if (!isUnconfined(containerSecurityContext(container).appArmorProfile)) continue;
      report({
        path: [...container.path, 'securityContext', 'appArmorProfile', 'type'],
        container: container.name,
        message: `container "${container.name}" sets appArmorProfile.type: Unconfined and runs without AppArmor`,
      });
    }
    const annotations = podSpec.metadata.annotations;
    if (!isRecord(annotations)) return;
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(ANNOTATION_PREFIX) || value !== 'unconfined') continue;
      const name = key.slice(ANNOTATION_PREFIX.length);
      report({
        path: [...podSpec.metadataPath, 'annotations', key],
        ...(podSpec.containers.some((container) => container.name === name) ? { container: name } : {}),
        message: `the annotation ${key}: unconfined runs container "${name}" without AppArmor`,
      });
    }
  },
};
