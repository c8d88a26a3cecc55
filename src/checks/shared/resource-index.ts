import { apiGroup, type Resource } from '../../model/resource.js';
import { podSpecOf, WORKLOAD_KINDS, type PodSpecRef } from '../../model/workload.js';
import { rememberedPer } from '../../model/memo.js';

/**
 * Look-ups of the scanned resources by kind, namespace and name, for set checks that relate
 * one resource to others (a pod to its ServiceAccount, a Namespace to its ResourceQuota).
 * Kinds are matched together with their API group, so a custom resource that happens to be
 * called `ServiceAccount` is not taken for the core one.
 */
export class ResourceIndex {
  private readonly byKind = new Map<string, Resource[]>();

  /** The index of a resource list, built once however many checks ask for it. */
  static readonly of: (resources: readonly Resource[]) => ResourceIndex = rememberedPer((resources) => new ResourceIndex(resources));

  constructor(resources: readonly Resource[]) {
    for (const resource of resources) {
      const key = kindKey(resource.kind, apiGroup(resource.apiVersion));
      const list = this.byKind.get(key);
      if (list === undefined) this.byKind.set(key, [resource]);
      else list.push(resource);
    }
  }

  /** Every resource of a kind; `group` is the API group, empty for the core group. */
  ofKind(kind: string, group = ''): readonly Resource[] {
    return this.byKind.get(kindKey(kind, group)) ?? [];
  }

  /** Resources of a kind in one namespace (as resolved, including the default namespace). */
  inNamespace(namespace: string | undefined, kind: string, group = ''): Resource[] {
    return this.ofKind(kind, group).filter((resource) => resource.namespace === namespace);
  }

  /** The resource of a kind with this namespace and name, if the input holds one. */
  named(namespace: string | undefined, kind: string, name: string, group = ''): Resource | undefined {
    return this.ofKind(kind, group).find((resource) => resource.namespace === namespace && resource.name === name);
  }
}

function kindKey(kind: string, group: string): string {
  return `${group}/${kind}`;
}

/** A resource that runs pods, with its pod spec. */
export interface Workload {
  resource: Resource;
  podSpec: PodSpecRef;
}

const WORKLOADS = new Set(WORKLOAD_KINDS);

/**
 * The workloads among the resources (what a resource check with `appliesTo: 'workloads'` sees),
 * skipping those without a pod spec. Found once per resource list (several set checks ask): do
 * not change the list.
 */
export const workloadsOf: (resources: readonly Resource[]) => readonly Workload[] = rememberedPer(findWorkloads);

function findWorkloads(resources: readonly Resource[]): Workload[] {
  const out: Workload[] = [];
  for (const resource of resources) {
    if (!WORKLOADS.has(resource.kind) && resource.podTemplatePath === undefined) continue;
    const podSpec = podSpecOf(resource);
    if (podSpec !== undefined) out.push({ resource, podSpec });
  }
  return out;
}

/** `Deployment "web"`: how messages name a resource. */
export function describeResource(resource: Resource): string {
  return `${resource.kind} "${resource.name}"`;
}
