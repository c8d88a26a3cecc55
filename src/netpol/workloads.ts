import { labelsOf } from '../checks/shared/selectors.js';
import { isRecord, type Resource } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';
import { isProtocol, type Protocol } from './connections.js';
import type { NetpolDiagnostic } from './diagnostics.js';
import type { Labels } from './selectors.js';

/** Label the API server sets on every namespace: its name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Kinds whose objects run pods, as connectivity reports name them. */
const WORKLOAD_PEER_KINDS: ReadonlySet<string> = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']);

/** A port a container declares. */
export interface ContainerPort {
  port: number;
  protocol: Protocol;
  name?: string;
}

/** A peer in the cluster: the pods of one top owner (or one bare pod), which policies treat alike. */
export interface Workload {
  /** Position in `ClusterModel.workloads`. */
  index: number;
  namespace: string;
  name: string;
  /** Kind of the top owner (`Deployment`, …, `Pod` for a bare pod). */
  kind: string;
  /** Labels of its pods. */
  labels: Labels;
  /** Ports declared by its pods' containers, in order. */
  ports: readonly ContainerPort[];
  /** Objects it was built from (the owner, pods). */
  resources: Resource[];
}

/** How a workload is written in reports: `namespace/name[Kind]`. */
export function workloadLabel(workload: Pick<Workload, 'namespace' | 'name' | 'kind'>): string {
  return `${workload.namespace}/${workload.name}[${workload.kind}]`;
}

/** The number and protocol a named container port resolves to, as the first container port of that name declares. */
export function resolveNamedPort(workload: Pick<Workload, 'ports'>, name: string): ContainerPort | undefined {
  return workload.ports.find((port) => port.name === name);
}

/** Namespaces and workloads of the input. */
export interface ClusterModel {
  /** Labels of every namespace: Namespace objects plus namespaces that workloads live in. */
  namespaces: Map<string, Labels>;
  workloads: Workload[];
}

interface OwnerReference {
  kind: string;
  name: string;
}

function controllerOf(object: Record<string, unknown>): OwnerReference | undefined {
  const metadata = isRecord(object.metadata) ? object.metadata : {};
  if (!Array.isArray(metadata.ownerReferences)) return undefined;
  for (const reference of metadata.ownerReferences) {
    if (!isRecord(reference) || reference.controller !== true) continue;
    // Static pods are "owned" by their Node: they stand alone.
    if (reference.kind === 'Node') return undefined;
    return { kind: typeof reference.kind === 'string' ? reference.kind : '', name: typeof reference.name === 'string' ? reference.name : '' };
  }
  return undefined;
}

function containerPorts(resource: Resource): ContainerPort[] {
  const pod = podSpecOf(resource);
  if (pod === undefined) return [];
  const ports: ContainerPort[] = [];
  // Only regular containers serve traffic that policies name; init containers have finished.
  for (const container of pod.containers) {
    if (container.kind !== 'containers' || !Array.isArray(container.container.ports)) continue;
    for (const port of container.container.ports) {
      if (!isRecord(port) || typeof port.containerPort !== 'number') continue;
      const protocol = port.protocol === undefined ? 'TCP' : port.protocol;
      if (!isProtocol(protocol)) continue;
      const declared: ContainerPort = { port: port.containerPort, protocol };
      if (typeof port.name === 'string' && port.name !== '') declared.name = port.name;
      ports.push(declared);
    }
  }
  return ports;
}

function podLabels(resource: Resource): Labels {
  return labelsOf(podSpecOf(resource)?.metadata);
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.prototype.hasOwnProperty.call(b, key) && a[key] === b[key]);
}

/** Options of `buildClusterModel`. */
export interface ClusterModelOptions {
  /**
   * Kinds that run pods beyond the built-in ones (Argo `Rollout`, OpenShift
   * `DeploymentConfig`, kinds a policy declares), which connectivity reports leave out
   * because the reference analyser does not know them.
   */
  extraWorkloadKinds?: ReadonlySet<string>;
}

/**
 * Groups the input's pods into workloads. Pods count under their top owner: the controlling
 * owner reference, followed through owners present in the input (Pod → ReplicaSet →
 * Deployment, Pod → Job → CronJob). A pod whose owner is absent from the input shows as that
 * owner (`ns/rs-name[ReplicaSet]`); a pod without one is its own workload. Workload objects
 * (Deployment, StatefulSet, …) stand for the pods their template describes; so do objects of
 * `options.extraWorkloadKinds`.
 */
export function buildClusterModel(resources: readonly Resource[], diagnostics: NetpolDiagnostic[], options: ClusterModelOptions = {}): ClusterModel {
  const extraKinds = options.extraWorkloadKinds;
  const isPeerKind = (kind: string) => WORKLOAD_PEER_KINDS.has(kind) || (extraKinds?.has(kind) ?? false);
  const namespaces = new Map<string, Labels>();
  for (const resource of resources) {
    if (resource.kind !== 'Namespace') continue;
    if (namespaces.has(resource.name)) {
      diagnostics.push({ severity: 'warning', code: 'duplicate-namespace', message: `Namespace ${resource.name} is defined more than once; the first definition is used`, resource });
      continue;
    }
    const labels = labelsOf(resource.object.metadata);
    namespaces.set(resource.name, NAMESPACE_NAME_LABEL in labels ? labels : { ...labels, [NAMESPACE_NAME_LABEL]: resource.name });
  }

  const objectKey = (namespace: string, kind: string, name: string) => `${namespace}\u0000${kind}\u0000${name}`;
  const workloadObjects = new Map<string, Resource>();
  for (const resource of resources) {
    if (resource.kind !== 'Pod' && isPeerKind(resource.kind) && resource.namespace !== undefined) workloadObjects.set(objectKey(resource.namespace, resource.kind, resource.name), resource);
  }
  // Follows owner references through objects present in the input, to the topmost one.
  const topOwner = (namespace: string, start: OwnerReference): OwnerReference => {
    let owner = start;
    for (let depth = 0; depth < 8; depth++) {
      const object = workloadObjects.get(objectKey(namespace, owner.kind, owner.name));
      const next = object === undefined ? undefined : controllerOf(object.object);
      if (next === undefined || next.name === '' || !isPeerKind(next.kind) || !workloadObjects.has(objectKey(namespace, next.kind, next.name))) return owner;
      owner = next;
    }
    return owner;
  };

  const byOwner = new Map<string, Workload>();
  const workloads: Workload[] = [];
  const add = (namespace: string, kind: string, name: string, resource: Resource, fromTemplate: boolean) => {
    const key = objectKey(namespace, kind, name);
    const existing = byOwner.get(key);
    const labels = podLabels(resource);
    if (existing === undefined) {
      const workload: Workload = { index: workloads.length, namespace, name, kind, labels, ports: containerPorts(resource), resources: [resource] };
      byOwner.set(key, workload);
      workloads.push(workload);
      return;
    }
    existing.resources.push(resource);
    // The owner's own template describes its pods best; otherwise the first pod read does.
    if (fromTemplate) {
      existing.labels = labels;
      existing.ports = containerPorts(resource);
    } else if (!sameLabels(existing.labels, labels)) {
      diagnostics.push({
        severity: 'warning',
        code: 'owner-label-gap',
        message: `pods of ${workloadLabel(existing)} have different labels; the labels of the first one read are used for the whole workload`,
        resource,
      });
    }
  };

  for (const resource of resources) {
    if (!isPeerKind(resource.kind) || resource.namespace === undefined) continue;
    if (podSpecOf(resource) === undefined) continue;
    const namespace = resource.namespace;
    if (resource.kind === 'Pod') {
      const owner = controllerOf(resource.object);
      if (owner === undefined || owner.name === '') add(namespace, 'Pod', resource.name, resource, false);
      else {
        const top = topOwner(namespace, owner);
        // An owner reference without a kind still groups the pods; reports call it a Pod.
        add(namespace, top.kind === '' ? 'Pod' : top.kind, top.name, resource, false);
      }
    } else {
      const owner = controllerOf(resource.object);
      const top = owner === undefined ? { kind: resource.kind, name: resource.name } : topOwner(namespace, owner);
      const isTop = top.kind === resource.kind && top.name === resource.name;
      if (owner !== undefined && !isTop && workloadObjects.has(objectKey(namespace, top.kind, top.name))) add(namespace, top.kind, top.name, resource, false);
      else add(namespace, resource.kind, resource.name, resource, true);
    }
  }
  for (const workload of workloads) {
    if (!namespaces.has(workload.namespace)) namespaces.set(workload.namespace, { [NAMESPACE_NAME_LABEL]: workload.namespace });
  }
  return { namespaces, workloads };
}
