import type { ResourceCheck } from '../../engine/types.js';

export const hostPid: ResourceCheck = {
  id: 'host-pid',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Pod shares the host process namespace',
    summary: "The pod shares the node's process ID namespace (hostPID: true): its containers see every process on the node and can signal, inspect or (with ptrace) enter them.",
    severity: 'high',
    category: 'pod-security',
    remediation: 'Remove `hostPID: true`. Node-level debugging belongs in `kubectl debug node/…` sessions, not in long-running workloads.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.3' },
      { framework: 'NSA', control: 'pod-security/host-namespaces' },
      { framework: 'MITRE', control: 'T1611' },
      { framework: 'PSS', control: 'baseline:hostNamespaces' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || podSpec.spec.hostPID !== true) return;
    report({
      path: [...podSpec.path, 'hostPID'],
      message: "the pod sets hostPID: true and sees every process on the node",
    });
  },
};
