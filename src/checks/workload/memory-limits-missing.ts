import type { SetCheck } from '../../engine/types.js';
import { reportMissingRequirement } from './container-resources.js';

export const memoryLimitsMissing: SetCheck = {
  id: 'memory-limits-missing',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Memory limit missing',
    summary: 'A container has no memory limit (set, at pod level, or defaulted by a LimitRange): a leak or an attacker can take the node\'s memory and get other pods evicted or OOM-killed.',
    severity: 'medium',
    category: 'workload',
    remediation: 'Set `resources.limits.memory` on each container and init container (commonly equal to the memory request), or give the namespace a LimitRange with a `default.memory` for `type: Container`.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
      'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/memory-default-namespace/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run(context) {
    reportMissingRequirement(context, { field: 'limits', resource: 'memory', resourceLabel: 'memory' });
  },
};
