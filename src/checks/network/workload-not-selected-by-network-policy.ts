import type { SetCheck } from '../../engine/types.js';
import { unrestrictedWorkloads } from './isolation.js';
import { networkPosture } from './posture.js';

export const workloadNotSelectedByNetworkPolicy: SetCheck = {
  id: 'workload-not-selected-by-network-policy',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload not isolated for ingress',
    summary: 'No NetworkPolicy selects the pods of a workload for ingress and the admin network policies that apply, if any, leave them open, so any pod in the cluster can connect to them.',
    severity: 'medium',
    category: 'network',
    remediation:
      'Add a default-deny ingress policy for the namespace (`podSelector: {}`, `policyTypes: [Ingress]`), or a policy whose `podSelector` matches the workload\'s pod labels and allows only its legitimate clients.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
      'https://network-policy-api.sigs.k8s.io/api-overview/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.3.2' },
      { framework: 'NSA', control: 'isolation/network-policies' },
    ],
  },
  run({ resources, report }) {
    for (const { entry, message } of unrestrictedWorkloads(networkPosture(resources), 'ingress')) {
      report(entry.resource, { path: [...entry.podSpec.metadataPath, 'labels'], message });
    }
  },
};
