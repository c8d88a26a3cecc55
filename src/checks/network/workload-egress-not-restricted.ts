import type { SetCheck } from '../../engine/types.js';
import { workloadsNotIsolated } from './policy-coverage.js';

export const workloadEgressNotRestricted: SetCheck = {
  id: 'workload-egress-not-restricted',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload egress not restricted',
    summary: 'The pods of a workload are selected by no NetworkPolicy with policy type Egress in their namespace, so they can connect to any address, inside or outside the cluster.',
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
    for (const workload of workloadsNotIsolated(resources, 'Egress')) {
      report(workload.resource, {
        path: [...workload.podSpec.metadataPath, 'labels'],
        message: `the pods of ${workload.resource.kind} "${workload.resource.name}" are selected by no NetworkPolicy for Egress in namespace "${workload.namespace}": they can connect to any address`,
      });
    }
  },
};
