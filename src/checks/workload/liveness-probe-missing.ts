import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { runsToCompletion } from './run-to-completion.js';

export const livenessProbeMissing: ResourceCheck = {
  id: 'liveness-probe-missing',
  scope: 'resource',
  appliesTo: 'workloads',
  meta: {
    title: 'Liveness probe missing',
    summary: 'A long-running container has no liveness probe, so a process that hangs or deadlocks keeps its pod "running" and is never restarted.',
    severity: 'low',
    category: 'workload',
    remediation: 'Add a `livenessProbe` (HTTP, TCP, gRPC or exec) that fails only when the process cannot recover by itself, with a `startupProbe` if it starts slowly.',
    references: [
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
      'https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#container-probes',
    ],
    frameworks: [{ framework: 'NSA', control: 'monitoring/health' }],
  },
  run({ resource, podSpec, report }) {
    if (podSpec === undefined || runsToCompletion(resource, podSpec)) return;
    for (const container of podSpec.containers) {
      if (container.kind !== 'containers' || isRecord(container.container.livenessProbe)) continue;
      report({
        path: [...container.path, 'livenessProbe'],
        container: container.name,
        message: `container "${container.name}" has no livenessProbe: if it hangs, Kubernetes will not restart it`,
      });
    }
  },
};
