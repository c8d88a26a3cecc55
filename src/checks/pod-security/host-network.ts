import type { ResourceCheck } from '../../engine/types.js';

export const hostNetwork: ResourceCheck = {
  id: 'host-network',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Pod uses the host network',
    summary: "The pod shares the node's network namespace (hostNetwork: true): it sees all of the node's traffic and interfaces, reaches services bound to the node's localhost, and is not isolated by network policies.",
    severity: 'high',
    category: 'pod-security',
    remediation:
      'Remove `hostNetwork: true` and expose the workload through a Service. Keep host networking for node-level agents (CNI, kube-proxy) in a namespace with tightly controlled access.',
    references: [
      'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
      'https://kubernetes.io/docs/concepts/workloads/pods/#pod-networking',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.2.5' },
      { framework: 'NSA', control: 'pod-security/host-namespaces' },
      { framework: 'MITRE', control: 'T1557' },
      { framework: 'PSS', control: 'baseline:hostNamespaces' },
    ],
  },
  run({ podSpec, report }) {
    if (podSpec === undefined || podSpec.spec.hostNetwork !== true) return;
    report({
      path: [...podSpec.path, 'hostNetwork'],
      message: "the pod sets hostNetwork: true and shares the node's network namespace",
    });
  },
};
