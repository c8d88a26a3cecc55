import type { ResourceCheck } from '../../engine/types.js';

export const shareProcessNamespace: ResourceCheck = {
  id: 'share-process-namespace',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Containers share a process namespace',
    summary: "The pod sets shareProcessNamespace: true: each container sees the others' processes and, through /proc/<pid>/root, their filesystems and secrets.",
    severity: 'low',
    category: 'pod-security',
    remediation:
      'Remove `shareProcessNamespace: true` unless a sidecar truly needs to signal or inspect the main process; for one-off debugging use an ephemeral container (`kubectl debug --target`).',
    references: ['https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/'],
    frameworks: [
      { framework: 'MITRE', control: 'T1552.001' },
      { framework: 'MITRE', control: 'T1613' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || podSpec.spec.shareProcessNamespace !== true) return;
    const names = podSpec.containers.map((container) => `"${container.name}"`);
    report({
      path: [...podSpec.path, 'shareProcessNamespace'],
      message: `the pod sets shareProcessNamespace: true: containers ${names.join(', ')} see each other's processes and filesystems`,
    });
  },
};
