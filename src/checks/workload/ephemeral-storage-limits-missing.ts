import type { SetCheck } from '../../engine/types.js';
import { reportMissingRequirement } from './container-resources.js';

export const ephemeralStorageLimitsMissing: SetCheck = {
  id: 'ephemeral-storage-limits-missing',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Ephemeral storage limit missing',
    summary: 'A container has no ephemeral-storage limit (set, or defaulted by a LimitRange): its logs, writable layer and emptyDir scratch space can fill the node\'s disk.',
    severity: 'low',
    category: 'workload',
    remediation: 'Set `resources.limits.ephemeral-storage` on each container and init container (e.g. `1Gi`), or give the namespace a LimitRange with a `default.ephemeral-storage` for `type: Container`. Bound `emptyDir` volumes with `sizeLimit` as well.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#local-ephemeral-storage',
      'https://kubernetes.io/docs/concepts/scheduling-eviction/node-pressure-eviction/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run(context) {
    reportMissingRequirement(context, { field: 'limits', resource: 'ephemeral-storage', resourceLabel: 'ephemeral-storage' });
  },
};
