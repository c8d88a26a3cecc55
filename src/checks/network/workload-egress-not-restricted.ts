import type { SetCheck } from '../../engine/types.js';
import { unrestrictedWorkloads } from './isolation.js';
import { networkPosture } from './posture.js';

export const workloadEgressNotRestricted: SetCheck = {
  id: 'workload-egress-not-restricted',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload egress not restricted',
    summary: 'No NetworkPolicy selects the pods of a workload for egress and the admin network policies that apply, if any, leave them open, so they can connect to any address, inside or outside the cluster.',
    severity: 'low',
    category: 'network',
    remediation:
      'Add a default-deny egress policy for the namespace (`podSelector: {}`, `policyTypes: [Egress]`) and allow what the workload needs, starting with DNS to kube-dns and the services it calls.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-egress-traffic',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
    ],
    frameworks: [{ framework: 'NSA', control: 'isolation/network-policies' }],
  },
  run({ resources, report }) {
    for (const { entry, message } of unrestrictedWorkloads(networkPosture(resources), 'egress')) {
      report(entry.resource, { path: [...entry.podSpec.metadataPath, 'labels'], message });
    }
  },
};
