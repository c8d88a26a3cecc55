import { isRecord, type Resource } from '../../model/resource.js';
import { podSpecOf, type PodSpecRef } from '../../model/workload.js';
import { labelsOf, selectorMatches, type Labels } from '../shared/selectors.js';

export type PolicyType = 'Ingress' | 'Egress';

/** A Kubernetes NetworkPolicy, reduced to what decides which pods it isolates. */
export interface NetworkPolicyInfo {
  resource: Resource;
  podSelector: Record<string, unknown>;
  types: ReadonlySet<PolicyType>;
}

/** The policies of one namespace. */
export interface NamespacePolicies {
  kubernetes: NetworkPolicyInfo[];
  /** Namespaced policies of CNI-specific APIs (Calico, Cilium), whose selection rules are not evaluated. */
  other: Resource[];
}

/** A workload whose pods can be isolated by network policies. */
export interface PodWorkload {
  resource: Resource;
  namespace: string;
  podSpec: PodSpecRef;
  labels: Labels;
}

function isKubernetesNetworkPolicy(resource: Resource): boolean {
  return resource.kind === 'NetworkPolicy' && (resource.apiVersion === 'networking.k8s.io/v1' || resource.apiVersion === 'extensions/v1beta1');
}

/** Namespaced policy kinds of CNI plugins that isolate pods just as well. */
function isCniNetworkPolicy(resource: Resource): boolean {
  if (resource.kind === 'CiliumNetworkPolicy') return true;
  return resource.kind === 'NetworkPolicy' && /^(crd\.)?projectcalico\.org\//.test(resource.apiVersion);
}

/**
 * The policy types a NetworkPolicy has, defaulted as the API server does: when `policyTypes`
 * is empty, Ingress always, and Egress when the policy has at least one egress rule.
 */
export function policyTypesOf(spec: Record<string, unknown>): Set<PolicyType> {
  const declared = Array.isArray(spec.policyTypes) ? spec.policyTypes.filter((type): type is PolicyType => type === 'Ingress' || type === 'Egress') : [];
  if (Array.isArray(spec.policyTypes) && spec.policyTypes.length > 0) return new Set(declared);
  const types = new Set<PolicyType>(['Ingress']);
  if (Array.isArray(spec.egress) && spec.egress.length > 0) types.add('Egress');
  return types;
}

export function policiesByNamespace(resources: readonly Resource[]): Map<string, NamespacePolicies> {
  const byNamespace = new Map<string, NamespacePolicies>();
  const entry = (namespace: string) => {
    let policies = byNamespace.get(namespace);
    if (policies === undefined) byNamespace.set(namespace, (policies = { kubernetes: [], other: [] }));
    return policies;
  };
  for (const resource of resources) {
    if (resource.namespace === undefined) continue;
    if (isKubernetesNetworkPolicy(resource)) {
      const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
      // podSelector is a required struct, not a pointer: absent means empty, which selects every pod.
      const podSelector = isRecord(spec.podSelector) ? spec.podSelector : {};
      entry(resource.namespace).kubernetes.push({ resource, podSelector, types: policyTypesOf(spec) });
    } else if (isCniNetworkPolicy(resource)) {
      entry(resource.namespace).other.push(resource);
    }
  }
  return byNamespace;
}

/**
 * Workloads whose pods network policies apply to. Pods on the host network are left out:
 * they use the node's network namespace, and NetworkPolicy does not govern them.
 */
export function podWorkloads(resources: readonly Resource[]): PodWorkload[] {
  const workloads: PodWorkload[] = [];
  for (const resource of resources) {
    const podSpec = podSpecOf(resource);
    if (podSpec === undefined || resource.namespace === undefined || podSpec.spec.hostNetwork === true) continue;
    workloads.push({ resource, namespace: resource.namespace, podSpec, labels: labelsOf(podSpec.metadata) });
  }
  return workloads;
}

/** Whether any of the policies isolates the workload's pods for this direction of traffic. */
export function isolates(policies: readonly NetworkPolicyInfo[], workload: PodWorkload, type: PolicyType): boolean {
  return policies.some((policy) => policy.types.has(type) && selectorMatches(policy.podSelector, workload.labels));
}

/**
 * Workloads of namespaces that do have NetworkPolicies, none of which isolates them for this
 * direction. Namespaces without any policy are left to `namespace-without-network-policy`
 * (one finding per namespace instead of one per workload); namespaces with CNI-specific
 * policies are left out, since those may select the pods in ways not evaluated here.
 */
export function workloadsNotIsolated(resources: readonly Resource[], type: PolicyType): PodWorkload[] {
  const policies = policiesByNamespace(resources);
  return podWorkloads(resources).filter((workload) => {
    const inNamespace = policies.get(workload.namespace);
    if (inNamespace === undefined || inNamespace.kubernetes.length === 0 || inNamespace.other.length > 0) return false;
    return !isolates(inNamespace.kubernetes, workload, type);
  });
}
