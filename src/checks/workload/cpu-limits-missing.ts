import type { SetCheck } from '../../engine/types.js';
import { reportMissingRequirement } from './container-resources.js';

export const cpuLimitsMissing: SetCheck = {
  id: 'cpu-limits-missing',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'CPU limit missing',
    summary: 'A container has no CPU limit (set, or defaulted by a LimitRange): it may use every idle core of its node, for example to mine cryptocurrency once compromised.',
    severity: 'low',
    category: 'workload',
    remediation: 'Set `resources.limits.cpu` on each container and init container, or give the namespace a LimitRange with a `default.cpu` for `type: Container`. If you leave CPU limits out on purpose (to avoid throttling), make sure every container has a CPU request and disable this check.',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#how-pods-with-resource-limits-are-run',
      'https://kubernetes.io/docs/tasks/administer-cluster/manage-resources/cpu-default-namespace/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/resource-policies' },
      { framework: 'MITRE', control: 'T1496' },
    ],
  },
  run(context) {
    reportMissingRequirement(context, { field: 'limits', resource: 'cpu', resourceLabel: 'CPU' });
  },
};
