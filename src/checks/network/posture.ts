import type { SetContext } from '../../engine/types.js';
import { appendTo } from '../../model/lists.js';
import type { Resource } from '../../model/resource.js';
import { isWorkload, podSpecOf, type PodSpecRef } from '../../model/workload.js';
import {
  buildClusterModel,
  NAMESPACE_NAME_LABEL,
  readPolicies,
  ReachabilityEngine,
  type ClusterModel,
  type Direction,
  type DirectionPolicies,
  type EnginePeer,
  type NetpolDiagnostic,
  type NetworkPolicyModel,
  type PolicySet,
  type Workload,
} from '../../netpol/index.js';
import type { Labels } from '../shared/selectors.js';
import { overlapsPublic } from './rules.js';
import { rememberedPer } from '../../model/memo.js';

/** A workload of the input as the network checks judge it: the engine's view and where findings go. */
export interface PostureWorkload {
  workload: Workload;
  /** The engine's class of its pods. */
  classId: number;
  /** The object findings are placed on: the top owner when the input has it, else its first pod. */
  resource: Resource;
  podSpec: PodSpecRef;
  /** Pods on the host network share the node's network namespace: NetworkPolicy does not govern them. */
  hostNetwork: boolean;
  /** `Deployment "api"`, for messages. */
  title: string;
}

/** The reachability analysis of one scan's resources, shared by every network check. */
export interface NetworkPosture {
  /** Namespaces and workloads of the input, plus the probe and its namespace. */
  model: ClusterModel;
  policies: PolicySet;
  engine: ReachabilityEngine;
  /** The input's workloads (the probe left out), in input order. */
  workloads: PostureWorkload[];
  workloadsByNamespace: Map<string, PostureWorkload[]>;
  /** `networking.k8s.io` NetworkPolicies by namespace. */
  policiesByNamespace: Map<string, NetworkPolicyModel[]>;
  /**
   * An unlabelled pod in a namespace of the cluster that the input does not name and whose
   * only label is its name: whatever admits it admits pods of every namespace.
   */
  probe: EnginePeer;
  /** Labels of the probe's namespace. */
  probeNamespaceLabels: Labels;
  /** Namespaces with namespaced CNI policies (Calico, Cilium, Antrea), whose selection is not evaluated. */
  cniPolicyNamespaces: ReadonlySet<string>;
  /** Cluster-wide CNI policies (Calico GlobalNetworkPolicy, CiliumClusterwideNetworkPolicy, Antrea ClusterNetworkPolicy). */
  clusterWideCniPolicies: readonly Resource[];
  /** The Namespace object of each namespace the input defines (the first, when defined twice). */
  namespaceObjects: ReadonlyMap<string, Resource>;
}

/** Namespaced policy kinds of CNI plugins that isolate pods just as well. */
function isNamespacedCniPolicy(resource: Resource): boolean {
  if (resource.kind === 'CiliumNetworkPolicy') return true;
  return resource.kind === 'NetworkPolicy' && /^(crd\.)?projectcalico\.org\/|^crd\.antrea\.io\//.test(resource.apiVersion);
}

/** Cluster-wide policy kinds of CNI plugins: they may isolate any pod of any namespace. */
function isClusterWideCniPolicy(resource: Resource): boolean {
  if (resource.kind === 'CiliumClusterwideNetworkPolicy') return true;
  if (resource.kind === 'GlobalNetworkPolicy') return /^(crd\.)?projectcalico\.org\//.test(resource.apiVersion);
  return resource.kind === 'ClusterNetworkPolicy' && resource.apiVersion.startsWith('crd.antrea.io/');
}

/** The object a workload's findings go on: its top owner when present, else the first of its objects. */
function reportedResource(workload: Workload): Resource {
  return workload.resources.find((resource) => resource.kind === workload.kind && resource.name === workload.name) ?? (workload.resources[0] as Resource);
}

const TEMPLATE_ONLY_KINDS = new Set(['PodTemplate']);

function computePosture(resources: readonly Resource[]): NetworkPosture {
  const diagnostics: NetpolDiagnostic[] = [];
  // Rollouts, DeploymentConfigs and kinds a policy declares run pods too; a PodTemplate does not.
  const extraWorkloadKinds = new Set<string>();
  for (const resource of resources) {
    if (isWorkload(resource) && !TEMPLATE_ONLY_KINDS.has(resource.kind)) extraWorkloadKinds.add(resource.kind);
  }
  const model = buildClusterModel(resources, diagnostics, { extraWorkloadKinds });
  const policies = readPolicies(resources, diagnostics);
  let probeNamespace = 'any-namespace';
  while (model.namespaces.has(probeNamespace)) probeNamespace += '-x';
  const probeNamespaceLabels = { [NAMESPACE_NAME_LABEL]: probeNamespace };
  const inputWorkloads = [...model.workloads];
  model.namespaces.set(probeNamespace, probeNamespaceLabels);
  const probeWorkload: Workload = { index: model.workloads.length, namespace: probeNamespace, name: 'any-pod', kind: 'Pod', labels: {}, ports: [], resources: [] };
  model.workloads.push(probeWorkload);
  const engine = new ReachabilityEngine(model, policies, diagnostics);

  const workloads: PostureWorkload[] = inputWorkloads.map((workload) => {
    const resource = reportedResource(workload);
    const podSpec = podSpecOf(resource) as PodSpecRef;
    return {
      workload,
      classId: engine.classOfWorkload[workload.index] as number,
      resource,
      podSpec,
      hostNetwork: podSpec.spec.hostNetwork === true,
      title: `${workload.kind} "${workload.name}"`,
    };
  });
  const workloadsByNamespace = new Map<string, PostureWorkload[]>();
  for (const entry of workloads) appendTo(workloadsByNamespace, entry.workload.namespace, entry);
  const policiesByNamespace = new Map<string, NetworkPolicyModel[]>();
  for (const policy of policies.networkPolicies) appendTo(policiesByNamespace, policy.namespace, policy);
  const cniPolicyNamespaces = new Set<string>();
  const clusterWideCniPolicies: Resource[] = [];
  const namespaceObjects = new Map<string, Resource>();
  for (const resource of resources) {
    if (isNamespacedCniPolicy(resource) && resource.namespace !== undefined) cniPolicyNamespaces.add(resource.namespace);
    else if (isClusterWideCniPolicy(resource)) clusterWideCniPolicies.push(resource);
    if (resource.kind === 'Namespace' && !namespaceObjects.has(resource.name)) namespaceObjects.set(resource.name, resource);
  }
  return {
    model,
    policies,
    engine,
    workloads,
    workloadsByNamespace,
    policiesByNamespace,
    probe: { kind: 'class', id: engine.classOfWorkload[probeWorkload.index] as number },
    probeNamespaceLabels,
    cniPolicyNamespaces,
    clusterWideCniPolicies,
    namespaceObjects,
  };
}

/**
 * The network posture of a scan's resources, computed once per resource list: the engine is
 * costly to build, and every network check of a scan shares one.
 */
export const networkPosture: (resources: readonly Resource[]) => NetworkPosture = rememberedPer(computePosture);

/**
 * Whether the isolation checks can judge a workload: its pods are governed by NetworkPolicy
 * (not on the host network), and no CNI-specific policy may isolate them in ways not
 * evaluated here (namespaced ones in its namespace, or any cluster-wide one).
 */
export function isJudged(posture: NetworkPosture, entry: PostureWorkload): boolean {
  return !entry.hostNetwork && !posture.cniPolicyNamespaces.has(entry.workload.namespace) && posture.clusterWideCniPolicies.length === 0;
}

/**
 * Whether anything restricts a workload's traffic in a direction. A NetworkPolicy that
 * selects its pods for that direction isolates them: only what rules allow passes, however
 * much that is (the rule-level checks judge that). Without one, admin policies restrict them
 * only if they deny something to an ordinary peer: for ingress, an unlabelled pod of any
 * namespace; for egress, that pod or an internet address. A cluster-wide rule that only
 * blocks the cloud metadata address leaves the pods as open as none.
 */
export function isRestricted(posture: NetworkPosture, entry: PostureWorkload, direction: Direction): boolean {
  const policies = policiesOf(posture, entry, direction);
  if (policies.network.length > 0) return true;
  if (policies.admin.length === 0 && policies.baseline === undefined) return false;
  const engine = posture.engine;
  if (direction === 'ingress') return !engine.ingress(entry.classId, posture.probe).isAll();
  if (!engine.egress(entry.classId, posture.probe).isAll()) return true;
  return engine.destinationRanges.some((range) => overlapsPublic(range.start, range.end) && !engine.egress(entry.classId, { kind: 'range', range }).isAll());
}

/** The policies deciding a workload's traffic in a direction. */
export function policiesOf(posture: NetworkPosture, entry: PostureWorkload, direction: Direction): DirectionPolicies {
  return posture.engine.policiesFor(entry.classId, direction);
}

/**
 * Namespaces that run judged workloads and have no policy at all: no NetworkPolicy, and no
 * admin policy restricts any of their pods (see `isRestricted`). `namespace-without-network-policy` reports
 * them once; the per-workload checks leave them out. Five of the network checks ask: answered once per posture.
 */
export const unprotectedNamespaces: (posture: NetworkPosture) => ReadonlyMap<string, readonly PostureWorkload[]> = rememberedPer((posture: NetworkPosture) => {
  const found = new Map<string, PostureWorkload[]>();
  for (const [namespace, entries] of posture.workloadsByNamespace) {
    const judged = entries.filter((entry) => isJudged(posture, entry));
    if (judged.length === 0 || (posture.policiesByNamespace.get(namespace) ?? []).length > 0) continue;
    if (judged.some((entry) => isRestricted(posture, entry, 'ingress') || isRestricted(posture, entry, 'egress'))) continue;
    found.set(namespace, judged);
  }
  return found;
});

/**
 * Reports a finding about a namespace: on its Namespace object when the input has one (at
 * `metadata.name`), else on the first of its workloads (at `metadata.namespace`).
 */
export function reportOnNamespace(posture: NetworkPosture, namespace: string, entries: readonly PostureWorkload[], report: SetContext['report'], message: string): void {
  const namespaceObject = posture.namespaceObjects.get(namespace);
  if (namespaceObject !== undefined) report(namespaceObject, { path: ['metadata', 'name'], message });
  else report((entries[0] as PostureWorkload).resource, { path: ['metadata', 'namespace'], message });
}

/** `Deployment/web, StatefulSet/redis and 3 more`. */
export function listWorkloads(entries: readonly PostureWorkload[], limit = 5): string {
  const names = entries.map((entry) => `${entry.workload.kind}/${entry.workload.name}`);
  return names.length > limit ? `${names.slice(0, limit).join(', ')} and ${names.length - limit} more` : names.join(', ');
}
