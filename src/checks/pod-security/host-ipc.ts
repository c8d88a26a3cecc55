import type { ResourceCheck } from '../../engine/types.js';

export const hostIpc: ResourceCheck = {
  id: 'host-ipc',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Pod shares the host IPC namespace',
    summary: "The pod shares the node's IPC namespace (hostIPC: true): its containers can read and write the shared memory and message queues of every process on the node.",
    severity: 'medium',
    category: 'pod-security',
    remediation: 'Remove `hostIPC: true`. Containers that need to share memory with each other can do so within the pod (an `emptyDir` with `medium: Memory`).',
    references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
    frameworks: [
      { framework: 'CIS', control: '5.2.4' },
      { framework: 'NSA', control: 'pod-security/host-namespaces' },
      { framework: 'PSS', control: 'baseline:hostNamespaces' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || podSpec.spec.hostIPC !== true) return;
    report({
      path: [...podSpec.path, 'hostIPC'],
      message: "the pod sets hostIPC: true and shares the node's IPC namespace (shared memory, semaphores, message queues)",
    });
  },
};
