import type { SetCheck } from '../../engine/types.js';
import type { Resource } from '../../model/resource.js';
import { podWorkloads, policiesByNamespace, type PodWorkload } from './policy-coverage.js';

export const namespaceWithoutNetworkPolicy: SetCheck = {
  id: 'namespace-without-network-policy',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Namespace without NetworkPolicy',
    summary: 'A namespace runs workloads but has no NetworkPolicy, so its pods accept traffic from every pod in the cluster and can connect anywhere.',
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
    const policies = policiesByNamespace(resources);
    const workloadsByNamespace = new Map<string, PodWorkload[]>();
    for (const workload of podWorkloads(resources)) {
      const list = workloadsByNamespace.get(workload.namespace);
      if (list === undefined) workloadsByNamespace.set(workload.namespace, [workload]);
      else list.push(workload);
    }
    const namespaceObjects = new Map<string, Resource>();
    for (const resource of resources) if (resource.kind === 'Namespace' && !namespaceObjects.has(resource.name)) namespaceObjects.set(resource.name, resource);
    for (const [namespace, workloads] of workloadsByNamespace) {
      const inNamespace = policies.get(namespace);
      if (inNamespace !== undefined && inNamespace.kubernetes.length + inNamespace.other.length > 0) continue;
      const names = workloads.map((workload) => `${workload.resource.kind}/${workload.resource.name}`);
      const shown = names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
      const message = `namespace "${namespace}" runs ${names.length} workload${names.length === 1 ? '' : 's'} (${shown}) but has no NetworkPolicy: its pods accept traffic from any pod and can connect anywhere`;
      const namespaceObject = namespaceObjects.get(namespace);
      const first = workloads[0] as PodWorkload;
      if (namespaceObject !== undefined) report(namespaceObject, { path: ['metadata', 'name'], message });
      else report(first.resource, { path: ['metadata', 'namespace'], message });
    }
  },
};
