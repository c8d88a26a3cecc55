import type { ResourceCheck } from '../../engine/types.js';
import { containerSecurityContext, isWindowsPod } from '../shared/security-context.js';

export const readOnlyRootFilesystem: ResourceCheck = {
  id: 'read-only-root-filesystem',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Root filesystem is writable',
    summary: "A container does not set readOnlyRootFilesystem: true, so a compromised process can modify the image's files, drop tools and persist changes for the container's lifetime.",
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Set `securityContext.readOnlyRootFilesystem: true` and give the process `emptyDir` volumes for the paths it must write (`/tmp`, caches, PID files).',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
      'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#security-context-1',
    ],
    frameworks: [{ framework: 'NSA', control: 'pod-security/immutable-filesystem' }],
  },
  run({ podSpec, report }) {
    // Windows containers cannot set the field.
    if (podSpec === undefined || isWindowsPod(podSpec)) return;
    for (const container of podSpec.containers) {
      const value = containerSecurityContext(container).readOnlyRootFilesystem;
      if (value === true) continue;
      report({
        path: [...container.path, 'securityContext', 'readOnlyRootFilesystem'],
        container: container.name,
        message:
          value === false
            ? `container "${container.name}" sets readOnlyRootFilesystem: false`
            : `container "${container.name}" does not set securityContext.readOnlyRootFilesystem: true (its root filesystem is writable)`,
      });
    }
  },
};
