import type { SetCheck } from '../../engine/types.js';
import { apiGroup, isRecord, type Resource } from '../../model/resource.js';
import { podSpecOf } from '../../model/workload.js';
import { labelsOf, selectorMatches, type Labels } from '../shared/selectors.js';
import { autoscalersOf, declaredReplicas, isReplicated, REPLICATED_KINDS } from './replicas.js';

/**
 * Whether a PodDisruptionBudget selects pods with these labels. In policy/v1 an empty selector
 * selects every pod of the namespace; in policy/v1beta1 it selected none. A missing selector
 * selects nothing in both.
 */
function budgetSelects(budget: Resource, labels: Labels): boolean {
  const spec = budget.object.spec;
  if (!isRecord(spec) || !isRecord(spec.selector)) return false;
  const selector = spec.selector;
  const empty = (!isRecord(selector.matchLabels) || Object.keys(selector.matchLabels).length === 0) && (!Array.isArray(selector.matchExpressions) || selector.matchExpressions.length === 0);
  if (empty) return budget.apiVersion === 'policy/v1';
  return selectorMatches(selector, labels);
}

/** The fewest replicas the workload runs: its autoscalers' minimum when it has any, else `spec.replicas`. */
function minimumReplicas(resources: readonly Resource[], workload: Resource): { count: number | undefined; source: string } {
  const autoscalers = autoscalersOf(resources, workload);
  if (autoscalers.length === 0) return { count: declaredReplicas(workload), source: 'replicas' };
  const count = Math.min(...autoscalers.map((autoscaler) => autoscaler.minReplicas));
  return { count, source: `replicas (its ${autoscalers[0]?.resource.kind ?? 'autoscaler'} keeps at least ${count})` };
}

export const podDisruptionBudgetMissing: SetCheck = {
  id: 'pod-disruption-budget-missing',
  scope: 'set',
  appliesTo: REPLICATED_KINDS,
  meta: {
    title: 'Replicated workload without a PodDisruptionBudget',
    summary: 'A Deployment or StatefulSet runs two or more replicas but no PodDisruptionBudget of its namespace selects its pods: a node drain or cluster upgrade may evict all of them at once.',
    severity: 'low',
    category: 'hygiene',
    remediation: 'Add a `policy/v1` PodDisruptionBudget in the same namespace whose `selector` matches the pod template labels, with `maxUnavailable: 1` (or a `minAvailable` below the replica count, so that drains can still proceed).',
    references: ['https://kubernetes.io/docs/concepts/workloads/pods/disruptions/#pod-disruption-budgets', 'https://kubernetes.io/docs/tasks/run-application/configure-pdb/'],
    frameworks: [
      { framework: 'NSA', control: 'monitoring/health' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run({ resources, report }) {
    const budgets = resources.filter((resource) => resource.kind === 'PodDisruptionBudget' && apiGroup(resource.apiVersion) === 'policy');
    for (const resource of resources) {
      if (!isReplicated(resource)) continue;
      const podSpec = podSpecOf(resource);
      if (podSpec === undefined) continue;
      const { count, source } = minimumReplicas(resources, resource);
      if (count === undefined || count < 2) continue;
      const labels = labelsOf(podSpec.metadata);
      if (budgets.some((budget) => budget.namespace === resource.namespace && budgetSelects(budget, labels))) continue;
      // An input without any budget is most likely managed elsewhere or not yet using them: a reminder, not a gap.
      const none = budgets.length === 0;
      report(resource, {
        path: ['spec', 'replicas'],
        message: `${resource.kind} "${resource.name}" runs ${count} ${source}, but no PodDisruptionBudget of namespace "${resource.namespace ?? ''}" selects its pods${none ? ' (the input has none at all)' : ''}: a node drain or upgrade may evict all of them at once`,
        ...(none ? { severity: 'info' as const } : {}),
      });
    }
  },
};
