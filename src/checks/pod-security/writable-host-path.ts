import type { ResourceCheck } from '../../engine/types.js';
import { hostPathVolumes, mountsOfVolume } from '../shared/host-paths.js';

export const writableHostPath: ResourceCheck = {
  id: 'writable-host-path',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'hostPath mounted read-write',
    summary: 'A container mounts a hostPath volume without readOnly: true, so it can change files on the node.',
    severity: 'medium',
    category: 'pod-security',
    remediation: 'Set `readOnly: true` on the volumeMount. If the workload must write to the node, narrow the host path to a directory used for nothing else.',
    references: [
      'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
      'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#volumes-1',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.11' },
      { framework: 'NSA', control: 'pod-security/host-path' },
      { framework: 'MITRE', control: 'T1611' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined) return;
    for (const volume of hostPathVolumes(podSpec)) {
      for (const { container, mount, path } of mountsOfVolume(podSpec, volume.name)) {
        if (mount.readOnly === true) continue;
        const at = typeof mount.mountPath === 'string' ? ` at ${mount.mountPath}` : '';
        report({
          path: [...path, 'readOnly'],
          container: container.name,
          message: `container "${container.name}" mounts hostPath volume "${volume.name}" (${volume.hostPath}) read-write${at}`,
        });
      }
    }
  },
};
