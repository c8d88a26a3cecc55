import type { SetCheck } from '../../engine/types.js';
import { listWorkloads, networkPosture, policiesOf, reportOnNamespace, unprotectedNamespaces } from './posture.js';

export const namespaceWithoutNetworkPolicy: SetCheck = {
  id: 'namespace-without-network-policy',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Namespace without NetworkPolicy',
    summary: 'A namespace runs workloads but has no NetworkPolicy and no admin network policy restricts its pods, so they accept traffic from every pod in the cluster and can connect anywhere.',
    severity: 'medium',
    category: 'network',
    remediation:
      'Add a default-deny NetworkPolicy to the namespace (`podSelector: {}` with `policyTypes: [Ingress, Egress]`) and then policies that allow only the traffic each workload needs, including DNS egress.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-policies',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.3.2' },
      { framework: 'NSA', control: 'isolation/network-policies' },
      { framework: 'MITRE', control: 'T1046' },
    ],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    for (const [namespace, entries] of unprotectedNamespaces(posture)) {
      const admin = entries.some((entry) => {
        const ingress = policiesOf(posture, entry, 'ingress');
        const egress = policiesOf(posture, entry, 'egress');
        return ingress.admin.length + egress.admin.length > 0 || ingress.baseline !== undefined || egress.baseline !== undefined;
      });
      const message =
        `namespace "${namespace}" runs ${entries.length} workload${entries.length === 1 ? '' : 's'} (${listWorkloads(entries)}) but has no NetworkPolicy` +
        `${admin ? ', and the admin network policies that apply to them leave them open' : ''}: its pods accept traffic from any pod and can connect anywhere`;
      reportOnNamespace(posture, namespace, entries, report, message);
    }
  },
};
