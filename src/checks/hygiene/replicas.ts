import { appendTo } from '../../model/lists.js';
import { rememberedPer } from '../../model/memo.js';
import { apiGroup, isRecord, type Resource } from '../../model/resource.js';

/** Kinds whose pods are scaled by `spec.replicas` and judged by the availability checks. */
export const REPLICATED_KINDS: readonly string[] = ['Deployment', 'StatefulSet'];

export function isReplicated(resource: Resource): boolean {
  return REPLICATED_KINDS.includes(resource.kind) && (apiGroup(resource.apiVersion) === 'apps' || apiGroup(resource.apiVersion) === 'extensions');
}

/**
 * The replica count a Deployment or StatefulSet asks for: `spec.replicas`, which the API
 * server defaults to 1 when absent. Undefined when it is not a whole number (a template
 * placeholder, say), which cannot be judged.
 */
export function declaredReplicas(resource: Resource): number | undefined {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  if (spec.replicas === undefined || spec.replicas === null) return 1;
  return typeof spec.replicas === 'number' && Number.isInteger(spec.replicas) ? spec.replicas : undefined;
}

/** An object of the input that scales a workload, and the fewest replicas it keeps. */
export interface Autoscaler {
  resource: Resource;
  minReplicas: number;
}

function targetOf(resource: Resource): { kind: string; name: string; minReplicas: number } | undefined {
  const spec = resource.object.spec;
  if (!isRecord(spec) || !isRecord(spec.scaleTargetRef) || typeof spec.scaleTargetRef.name !== 'string') return undefined;
  const group = apiGroup(resource.apiVersion);
  if (resource.kind === 'HorizontalPodAutoscaler' && group === 'autoscaling') {
    if (typeof spec.scaleTargetRef.kind !== 'string') return undefined;
    return { kind: spec.scaleTargetRef.kind, name: spec.scaleTargetRef.name, minReplicas: typeof spec.minReplicas === 'number' ? spec.minReplicas : 1 };
  }
  // A KEDA ScaledObject drives an HPA of its own; its target kind defaults to Deployment and it may scale to zero.
  if (resource.kind === 'ScaledObject' && group === 'keda.sh') {
    const kind = typeof spec.scaleTargetRef.kind === 'string' ? spec.scaleTargetRef.kind : 'Deployment';
    return { kind, name: spec.scaleTargetRef.name, minReplicas: typeof spec.minReplicaCount === 'number' ? spec.minReplicaCount : 0 };
  }
  return undefined;
}

function targetKey(namespace: string | undefined, kind: string, name: string): string {
  return `${namespace ?? ''}\u0000${kind}\u0000${name}`;
}

/** The autoscalers of an input by the workload they scale: indexed once per input, as every replicated workload asks. */
const autoscalerIndex = rememberedPer((resources: readonly Resource[]): Map<string, Autoscaler[]> => {
  const index = new Map<string, Autoscaler[]>();
  for (const resource of resources) {
    const target = targetOf(resource);
    if (target === undefined) continue;
    appendTo(index, targetKey(resource.namespace, target.kind, target.name), { resource, minReplicas: target.minReplicas });
  }
  return index;
});

/** The HorizontalPodAutoscalers (and KEDA ScaledObjects) of the input that scale this workload. */
export function autoscalersOf(resources: readonly Resource[], workload: Resource): Autoscaler[] {
  return autoscalerIndex(resources).get(targetKey(workload.namespace, workload.kind, workload.name)) ?? [];
}
