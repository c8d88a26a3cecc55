import type { ResourceCheck } from '../../engine/types.js';
import { hostPathVolumes, mountsOfVolume, findSensitiveHostPath, type SensitiveHostPathMatch } from '../shared/host-paths.js';

function describeMatch(match: SensitiveHostPathMatch): string {
  const { path, relation, sensitive } = match;
  if (relation === 'is') return `the host path ${path}, ${sensitive.what} (${sensitive.risk})`;
  if (relation === 'under') return `the host path ${path}, part of ${sensitive.what} (${sensitive.path})`;
  return `the host path ${path}, which contains ${sensitive.what} at ${sensitive.path} (${sensitive.risk})`;
}

export const sensitiveHostPath: ResourceCheck = {
  id: 'sensitive-host-path',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Sensitive host path mounted',
    summary: "A hostPath volume exposes a sensitive part of the node (its root, /etc, /proc, /sys, /dev, the kubelet's, etcd's or the container runtime's state, a container runtime socket …) to the pod.",
    severity: 'high',
    category: 'pod-security',
    remediation:
      'Remove the hostPath volume. Use a ConfigMap, Secret, projected or persistent volume for data, the downward API for node information, and a narrowly scoped path (read-only) where host access is truly required.',
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.11' },
      { framework: 'NSA', control: 'pod-security/host-path' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'MITRE', control: 'T1552.001' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    for (const volume of hostPathVolumes(podSpec)) {
      const match = findSensitiveHostPath(volume.hostPath);
      if (match === undefined) continue;
      const mounts = mountsOfVolume(podSpec, volume.name);
      // Time zone, CA bundles, passwd and the like hold nothing secret: only writing them is a risk.
      if (match.public && mounts.every(({ mount }) => mount.readOnly === true)) continue;
      const containers = [...new Set(mounts.map((mount) => mount.container.name))];
      report({
        path: volume.path,
        // A volume no container mounts exposes nothing yet; it stays a finding because it is one edit away.
        severity: containers.length > 0 ? match.sensitive.severity : 'low',
        ...(containers.length === 1 && containers[0] !== undefined ? { container: containers[0] } : {}),
        message:
          containers.length > 0
            ? `volume "${volume.name}" mounts ${describeMatch(match)}, into ${containers.length === 1 ? 'container' : 'containers'} ${containers.map((name) => `"${name}"`).join(', ')}`
            : `volume "${volume.name}" declares ${describeMatch(match)}, though no container mounts it`,
      });
    }
  },
};
