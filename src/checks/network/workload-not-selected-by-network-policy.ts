import type { SetCheck } from '../../engine/types.js';
import { workloadsNotIsolated } from './policy-coverage.js';

export const workloadNotSelectedByNetworkPolicy: SetCheck = {
  id: 'workload-not-selected-by-network-policy',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload not isolated for ingress',
    summary: 'The pods of a workload are selected by no NetworkPolicy with policy type Ingress in their namespace, so any pod in the cluster can connect to them.',
    severity: 'medium',
    category: 'network',
    remediation:
      'Add a default-deny ingress policy for the namespace (`podSelector: {}`, `policyTypes: [Ingress]`), or a policy whose `podSelector` matches the workload\'s pod labels and allows only its legitimate clients.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.3.2' },
      { framework: 'NSA', control: 'isolation/network-policies' },
    ],
  },
  run({ resources, report }) {
    for (const workload of workloadsNotIsolated(resources, 'Ingress')) {
      report(workload.resource, {
        path: [...workload.podSpec.metadataPath, 'labels'],
        message: `the pods of ${workload.resource.kind} "${workload.resource.name}" are selected by no NetworkPolicy for Ingress in namespace "${workload.namespace}": any pod can connect to them`,
      });
    }
  },
};
