import type { SetCheck } from '../../engine/types.js';
import { reportMissingRequirement } from './container-resources.js';

export const memoryRequestsMissing: SetCheck = {
  id: 'memory-requests-missing',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Memory request missing',
    summary: 'A container has no memory request (set, implied by its memory limit, or defaulted by a LimitRange), so nodes are overcommitted blindly and the pod is among the first evicted under memory pressure.',
    severity: 'low',
    category: 'workload',
    remediation: 'Set `resources.requests.memory` on every container and init container to its normal working set (e.g. `128Mi`), or give the namespace a LimitRange with a `defaultRequest.memory` for `type: Container`.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/',
      'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run(context) {
    reportMissingRequirement(context, { field: 'requests', resource: 'memory', resourceLabel: 'memory' });
  },
};
