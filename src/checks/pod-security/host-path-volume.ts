import type { ResourceCheck } from '../../engine/types.js';
import { hostPathVolumes, mountsOfVolume } from '../shared/host-paths.js';

export const hostPathVolume: ResourceCheck = {
  id: 'host-path-volume',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'hostPath volume',
    summary: "The pod mounts a directory or file of the node (hostPath volume), tying it to the node's filesystem and outside the isolation of ordinary volumes.",
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Replace the hostPath volume with an emptyDir, ConfigMap, Secret, projected or persistent volume. Where node access is the point (node agents), keep the path as narrow as possible and mount it read-only.',
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.11' },
      { framework: 'NSA', control: 'pod-security/host-path' },
      { framework: 'PSS', control: 'baseline:hostPathVolumes' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    for (const volume of hostPathVolumes(podSpec)) {
      const containers = [...new Set(mountsOfVolume(podSpec, volume.name).map((mount) => mount.container.name))];
      report({
        // The whole volume source is what the baseline level forbids, whatever its path.
        path: volume.sourcePath,
        ...(containers.length === 1 && containers[0] !== undefined ? { container: containers[0] } : {}),
        message: `volume "${volume.name}" is the host path ${volume.hostPath === '' ? '(no path given)' : volume.hostPath}${
          containers.length > 0 ? `, mounted by ${containers.map((name) => `"${name}"`).join(', ')}` : ', not mounted by any container'
        }`,
      });
    }
  },
};
