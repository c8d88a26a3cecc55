import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { ResourceIndex } from '../shared/resource-index.js';
import { applicationNamespaces } from './namespaces.js';

export const namespaceWithoutResourceQuota: SetCheck = {
  id: 'namespace-without-resource-quota',
  scope: 'set',
  appliesTo: ['Namespace'],
  meta: {
    title: 'Namespace without a ResourceQuota',
    summary: 'A Namespace in the input has no ResourceQuota in the input: nothing caps the total CPU, memory, storage or object count its workloads can claim.',
    severity: 'low',
    category: 'isolation',
    remediation: 'Add a ResourceQuota to the namespace with `spec.hard` limits on at least `requests.cpu`, `requests.memory`, `limits.memory` and `pods` sized for its workloads.',
    references: ['https://kubernetes.io/docs/concepts/policy/resource-quotas/', 'https://kubernetes.io/docs/concepts/security/multi-tenancy/#quotas'],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run({ resources, report }) {
    const index = ResourceIndex.of(resources);
    for (const namespace of applicationNamespaces(resources)) {
      // A quota with nothing under `hard` limits nothing.
      const quotas = index.inNamespace(namespace.name, 'ResourceQuota').filter((quota) => isRecord(quota.object.spec) && isRecord(quota.object.spec.hard) && Object.keys(quota.object.spec.hard).length > 0);
      if (quotas.length > 0) continue;
      report(namespace, {
        path: ['metadata', 'name'],
        message: `namespace "${namespace.name}" has no ResourceQuota with hard limits in the input: its workloads can claim any amount of the cluster's resources`,
      });
    }
  },
};
