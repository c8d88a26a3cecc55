import type { SetCheck } from '../../engine/types.js';
import { describeResource, type Workload } from '../shared/resource-index.js';
import { labelsOf, type Labels } from '../shared/selectors.js';
import { controllerLabelValues, podLabelMatches, selectingService, workloadsByNamespace, workloadsSelectedBy } from './service-backends.js';

function describeSelector(selector: Labels): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}

/** The workload whose template labels agree with most of the selector, and the pairs it misses; for a helpful message. */
function nearestMiss(selector: Labels, workloads: readonly Workload[]): string {
  let best: { workload: Workload; missing: string[] } | undefined;
  for (const workload of workloads) {
    const labels = labelsOf(workload.podSpec.metadata);
    const missing = Object.entries(selector)
      .filter(([key, value]) => !podLabelMatches(workload, labels, key, value))
      .map(([key]) => {
        if (Object.prototype.hasOwnProperty.call(labels, key)) return `${key}="${labels[key] ?? ''}"`;
        const generated = controllerLabelValues(workload, key);
        return generated === undefined ? `no ${key}` : `${key}="${generated}"`;
      });
    if (missing.length < Object.keys(selector).length && (best === undefined || missing.length < best.missing.length)) best = { workload, missing };
  }
  return best === undefined ? '' : ` (closest: ${describeResource(best.workload.resource)}, whose pods have ${best.missing.join(', ')})`;
}

export const danglingService: SetCheck = {
  id: 'dangling-service',
  scope: 'set',
  appliesTo: ['Service'],
  meta: {
    title: 'Service selects no pods',
    summary: 'A Service has a selector that no pod template in its namespace matches, although the input holds workloads of that namespace: it has no endpoints, so its clients get connection errors.',
    severity: 'low',
    category: 'hygiene',
    remediation: "Make `spec.selector` a subset of the pod template labels of the workload the Service fronts (check spelling and values), or delete the Service if that workload is gone.",
    references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service', 'https://kubernetes.io/docs/tasks/debug/debug-application/debug-service/#does-the-service-have-any-endpoints'],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resources, report }) {
    const byNamespace = workloadsByNamespace(resources);
    for (const resource of resources) {
      const service = selectingService(resource);
      if (service === undefined) continue;
      const namespace = byNamespace.get(service.namespace);
      // With no workload of the namespace in the input, or pods whose labels cannot be seen, the input is likely partial.
      if (namespace === undefined || namespace.workloads.length === 0 || namespace.opaque) continue;
      if (workloadsSelectedBy(resources, service).length > 0) continue;
      report(resource, {
        path: ['spec', 'selector'],
        message: `Service "${resource.name}" selects ${describeSelector(service.selector)}, but no pod template of namespace "${service.namespace}" in the input has these labels${nearestMiss(service.selector, namespace.workloads)}: the Service has no endpoints`,
      });
    }
  },
};
