import type { SetCheck } from '../../engine/types.js';
import { reportMissingRequirement } from './container-resources.js';

export const cpuRequestsMissing: SetCheck = {
  id: 'cpu-requests-missing',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'CPU request missing',
    summary: 'A container has no CPU request (set, implied by its CPU limit, or defaulted by a LimitRange), so the scheduler places it as if it needed no CPU and it gets the smallest share under contention.',
    severity: 'low',
    category: 'workload',
    remediation: 'Set `resources.requests.cpu` on every container and init container to what it needs under normal load (e.g. `100m`), or give the namespace a LimitRange with a `defaultRequest.cpu` for `type: Container`.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/',
      'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/cpu-default-namespace/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run(context) {
    reportMissingRequirement(context, { field: 'requests', resource: 'cpu', resourceLabel: 'CPU' });
  },
};
