import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { runsToCompletion } from './run-to-completion.js';

export const readinessProbeMissing: ResourceCheck = {
  id: 'readiness-probe-missing',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Readiness probe missing',
    summary: 'A long-running container has no readiness probe, so its pod receives traffic and counts as available for rollouts before it can serve, and keeps receiving traffic when it stops being able to.',
    severity: 'low',
    category: 'workload',
    remediation: 'Add a `readinessProbe` that succeeds only when the container can serve requests (its dependencies reachable, caches warm).',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/#define-readiness-probes',
      'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
    ],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resource, podSpec, report }) {
    if (podSpec === undefined || runsToCompletion(resource, podSpec)) return;
    for (const container of podSpec.containers) {
      if (container.kind !== 'containers' || isRecord(container.container.readinessProbe)) continue;
      report({
        path: [...container.path, 'readinessProbe'],
        container: container.name,
        message: `container "${container.name}" has no readinessProbe: its pod counts as ready as soon as it starts`,
      });
    }
  },
};
