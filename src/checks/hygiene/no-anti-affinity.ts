import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { labelsOf, selectorMatches, type Labels } from '../shared/selectors.js';
import { declaredReplicas, isReplicated, REPLICATED_KINDS } from './replicas.js';

/** Whether a term's `labelSelector` selects the workload's own pods (a missing selector selects none). */
function selectsOwnPods(term: unknown, labels: Labels): boolean {
  return isRecord(term) && isRecord(term.labelSelector) && selectorMatches(term.labelSelector, labels);
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Pod anti-affinity terms, required and preferred (whose term sits under `podAffinityTerm`). */
function antiAffinityTerms(spec: Record<string, unknown>): unknown[] {
  const affinity = isRecord(spec.affinity) ? spec.affinity : {};
  const anti = isRecord(affinity.podAntiAffinity) ? affinity.podAntiAffinity : {};
  const preferred = list(anti.preferredDuringSchedulingIgnoredDuringExecution).map((weighted) => (isRecord(weighted) ? weighted.podAffinityTerm : undefined));
  return [...list(anti.requiredDuringSchedulingIgnoredDuringExecution), ...preferred];
}

export const noAntiAffinity: ResourceCheck = {
  id: 'no-anti-affinity',
  scope: 'resource',
  appliesTo: REPLICATED_KINDS,
  meta: {
    title: 'Replicas not spread across nodes',
    summary: 'A Deployment or StatefulSet runs two or more replicas with neither pod anti-affinity nor topology spread constraints over its own pods: the scheduler may put them all on one node or zone, which one failure then takes down.',
    severity: 'low',
    category: 'hygiene',
    remediation:
      'Add `topologySpreadConstraints` (e.g. `maxSkew: 1`, `topologyKey: kubernetes.io/hostname` or `topology.kubernetes.io/zone`, `whenUnsatisfiable: ScheduleAnyway`) or a preferred `podAntiAffinity` term, with a `labelSelector` that matches the workload\'s own pod labels.',
    references: ['https://kubernetes.io/docs/concepts/scheduling-eviction/topology-spread-constraints/', 'https://kubernetes.io/docs/concepts/scheduling-eviction/assign-pod-node/#inter-pod-affinity-and-anti-affinity'],
    frameworks: [
      { framework: 'NSA', control: 'monitoring/health' },
      { framework: 'MITRE', control: 'T1499' },
    ],
  },
  run({ resource, podSpec, report }) {
    if (podSpec === undefined || !isReplicated(resource)) return;
    const replicas = declaredReplicas(resource);
    if (replicas === undefined || replicas < 2) return;
    const labels = labelsOf(podSpec.metadata);
    const antiAffinity = antiAffinityTerms(podSpec.spec);
    const spread = list(podSpec.spec.topologySpreadConstraints);
    if ([...antiAffinity, ...spread].some((term) => selectsOwnPods(term, labels))) return;
    const others = antiAffinity.length + spread.length > 0 ? ': its anti-affinity and spread rules do not select its own pods' : '';
    report({
      path: [...podSpec.path, 'affinity', 'podAntiAffinity'],
      message: `${resource.kind} "${resource.name}" runs ${replicas} replicas without pod anti-affinity or topology spread constraints over its own pods${others}; the scheduler may place them on the same node or zone`,
    });
  },
};
