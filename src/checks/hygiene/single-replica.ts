import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { autoscalersOf, declaredReplicas, isReplicated, REPLICATED_KINDS } from './replicas.js';

export const singleReplica: SetCheck = {
  id: 'single-replica',
  scope: 'set',
  appliesTo: REPLICATED_KINDS,
  meta: {
    title: 'Workload runs a single replica',
    summary: 'A Deployment or StatefulSet runs one replica (explicitly or by default) and no autoscaler of the input scales it: a node failure, drain or eviction takes the service down until the pod is rescheduled.',
    severity: 'info',
    enabledByDefault: false,
    category: 'hygiene',
    remediation: 'Run at least two replicas (`spec.replicas: 2`, or a HorizontalPodAutoscaler with `minReplicas: 2`) spread over nodes, and add a PodDisruptionBudget. Singletons by design (leader-elected controllers, single-writer databases) can stay at one replica: record them in a baseline.',
    references: ['https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#replicas', 'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/'],
    frameworks: [
      { framework: 'NSA', control: 'monitoring/health' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run({ resources, report }) {
    for (const resource of resources) {
      if (!isReplicated(resource) || declaredReplicas(resource) !== 1) continue;
      if (autoscalersOf(resources, resource).length > 0) continue;
      const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
      const how = spec.replicas === undefined || spec.replicas === null ? 'sets no replicas, so it runs one' : 'runs a single replica';
      report(resource, {
        path: ['spec', 'replicas'],
        message: `${resource.kind} "${resource.name}" ${how}, and no HorizontalPodAutoscaler of the input scales it: losing its node, or a drain, interrupts the service`,
      });
    }
  },
};
