import { apiGroup, isRecord, type Resource } from '../../model/resource.js';
import { WORKLOAD_KINDS } from '../../model/workload.js';
import { workloadsOf, type Workload } from '../shared/resource-index.js';
import { labelsOf, type Labels } from '../shared/selectors.js';
import { rememberedPer } from '../../model/memo.js';
import { appendTo } from '../../model/lists.js';

/** A Service that sends traffic to the pods its selector chooses. */
export interface SelectingService {
  resource: Resource;
  namespace: string;
  selector: Labels;
}

/**
 * The Service behind a resource, when it selects pods: a core Service with a non-empty
 * `spec.selector` (a plain map of labels, ANDed). Services without a selector get their
 * endpoints from elsewhere, and ExternalName Services are DNS aliases; neither picks pods.
 */
export function selectingService(resource: Resource): SelectingService | undefined {
  if (resource.kind !== 'Service' || resource.apiVersion !== 'v1' || resource.namespace === undefined) return undefined;
  const spec = resource.object.spec;
  if (!isRecord(spec) || spec.type === 'ExternalName' || !isRecord(spec.selector)) return undefined;
  const selector = labelsOf({ labels: spec.selector });
  if (Object.keys(selector).length === 0) return undefined;
  return { resource, namespace: resource.namespace, selector };
}

/**
 * Labels that controllers add to the pods they create, with values the manifest cannot know
 * (hashes and UIDs). A selector on one of them cannot be judged from the input.
 */
const UNKNOWABLE_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'pod-template-generation', 'controller-uid', 'batch.kubernetes.io/controller-uid']);

/** A label a workload's controller adds to every pod it makes: the values it takes, as people write them, and a test of one. */
interface ControllerLabel {
  values: string;
  takes(value: string): boolean;
}

const ORDINAL = /^\d+$/;

/**
 * Labels a workload's controller adds to its pods with values the input tells (not hashes or
 * UIDs), by key: what the label is for a given workload, when its controller adds it.
 */
const CONTROLLER_LABELS: Readonly<Record<string, (resource: Resource) => ControllerLabel | undefined>> = {
  // Pods are named <statefulset>-<ordinal>; a per-pod Service selects one of them.
  'statefulset.kubernetes.io/pod-name': (resource) => {
    if (resource.kind !== 'StatefulSet') return undefined;
    const prefix = `${resource.name}-`;
    return { values: `${prefix}<n>`, takes: (value) => value.startsWith(prefix) && ORDINAL.test(value.slice(prefix.length)) };
  },
  'apps.kubernetes.io/pod-index': (resource) => (resource.kind === 'StatefulSet' ? { values: '<n>', takes: (value) => ORDINAL.test(value) } : undefined),
  'job-name': (resource) => jobNameLabel(resource),
  'batch.kubernetes.io/job-name': (resource) => jobNameLabel(resource),
};

/** Added to a Job's template when its selector is generated (no `manualSelector: true`). */
function jobNameLabel(resource: Resource): ControllerLabel | undefined {
  if (resource.kind !== 'Job' || !isRecord(resource.object.spec) || resource.object.spec.manualSelector === true) return undefined;
  return { values: resource.name, takes: (value) => value === resource.name };
}

/** The label `key` when the workload's controller adds it to its pods with values the input tells. */
function controllerLabel(workload: Workload, key: string): ControllerLabel | undefined {
  return Object.prototype.hasOwnProperty.call(CONTROLLER_LABELS, key) ? CONTROLLER_LABELS[key]?.(workload.resource) : undefined;
}

/** The values the workload's controller gives a label it adds to every pod (`kafka-<n>`), or undefined when it adds none that the input tells. */
export function controllerLabelValues(workload: Workload, key: string): string | undefined {
  return controllerLabel(workload, key)?.values;
}

/** A label the workload's controller adds to every pod: whether `value` is one it can take. */
function generatedLabelMatches(workload: Workload, key: string, value: string): boolean {
  return UNKNOWABLE_LABELS.has(key) || (controllerLabel(workload, key)?.takes(value) ?? false);
}

/** Whether a Service selector (a map, all pairs required) selects the pods of a workload, whose pod template has `labels`. */
function selectsWorkload(selector: Labels, workload: Workload, labels: Labels): boolean {
  // Asked for every (Service, workload) pair of a namespace: no entry arrays.
  for (const key in selector) if (!podLabelMatches(workload, labels, key, selector[key] as string)) return false;
  return true;
}

/**
 * Whether the pods of a workload, whose template has `labels`, carry label `key` with `value`:
 * as the template writes it, else as the workload's controller adds it.
 */
export function podLabelMatches(workload: Workload, labels: Labels, key: string, value: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key] === value : generatedLabelMatches(workload, key, value);
}

const NO_WORKLOADS: readonly Workload[] = [];

/** Per input: the workloads each of its Services selects. */
const selectionsOf = rememberedPer((_resources: readonly Resource[]) => new Map<Resource, readonly Workload[]>());

/** Keys whose value a controller may give a pod without its template saying so (see `generatedLabelMatches`). */
const GENERATED_KEYS = new Set([...UNKNOWABLE_LABELS, ...Object.keys(CONTROLLER_LABELS)]);

/** The pod template labels of a namespace's workloads, by position, and the positions of the workloads with each label. */
interface NamespaceLabels {
  labels: readonly Labels[];
  /** Positions by label key, then value, in order. */
  withLabel: ReadonlyMap<string, ReadonlyMap<string, readonly number[]>>;
}

const namespaceLabelsOf = rememberedPer((workloads: readonly Workload[]): NamespaceLabels => {
  const labels = workloads.map((workload) => labelsOf(workload.podSpec.metadata));
  const withLabel = new Map<string, Map<string, number[]>>();
  labels.forEach((set, index) => {
    for (const key in set) {
      let byValue = withLabel.get(key);
      if (byValue === undefined) withLabel.set(key, (byValue = new Map()));
      appendTo(byValue, set[key] as string, index);
    }
  });
  return { labels, withLabel };
});

const NO_POSITIONS: readonly number[] = [];

/**
 * The workloads of its namespace in the input whose pod templates a Service selects; worked out
 * once per Service and input (several Service checks ask). Only the workloads that carry one of
 * the selector's labels are compared, when the selector has a label no controller adds on its own.
 */
export function workloadsSelectedBy(resources: readonly Resource[], service: SelectingService): readonly Workload[] {
  const known = selectionsOf(resources);
  let selected = known.get(service.resource);
  if (selected === undefined) {
    const workloads = workloadsByNamespace(resources).get(service.namespace)?.workloads ?? NO_WORKLOADS;
    const { labels, withLabel } = namespaceLabelsOf(workloads);
    let candidates: readonly number[] | undefined;
    for (const key in service.selector) {
      if (GENERATED_KEYS.has(key)) continue;
      // A selected pod carries this label with this value, in its template: the others need no comparison.
      candidates = withLabel.get(key)?.get(service.selector[key] as string) ?? NO_POSITIONS;
      break;
    }
    const chosen: Workload[] = [];
    const consider = (index: number) => {
      if (selectsWorkload(service.selector, workloads[index] as Workload, labels[index] as Labels)) chosen.push(workloads[index] as Workload);
    };
    if (candidates === undefined) for (let index = 0; index < workloads.length; index++) consider(index);
    else for (const index of candidates) consider(index);
    known.set(service.resource, (selected = chosen));
  }
  return selected;
}

/** API groups of Kubernetes itself: none of their kinds outside the workload kinds creates pods. */
const BUILTIN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'extensions',
  'networking.k8s.io',
  'discovery.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'events.k8s.io',
  'scheduling.k8s.io',
  'node.k8s.io',
  'resource.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'certificates.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'gateway.networking.k8s.io',
  'policy.networking.k8s.io',
  'snapshot.storage.k8s.io',
]);

/** Custom resource groups known to configure traffic, policy or certificates and never to run pods. */
const PODLESS_GROUPS = new Set([
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'cert-manager.io',
  'acme.cert-manager.io',
  'crd.projectcalico.org',
  'projectcalico.org',
  'cilium.io',
  'k8s.cni.cncf.io',
  'route.openshift.io',
  'traefik.io',
  'traefik.containo.us',
  'bitnami.com',
  'external-secrets.io',
  'autoscaling.k8s.io',
]);

/** Prometheus-operator kinds that only configure scraping and alerting (its Prometheus and Alertmanager kinds do run pods). */
const PODLESS_MONITORING_KINDS = new Set(['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Probe', 'AlertmanagerConfig', 'ScrapeConfig']);

/** Whether a resource that is not a workload kind may still make pods appear (an operator's custom resource, say). */
function mayRunPods(resource: Resource): boolean {
  const group = apiGroup(resource.apiVersion);
  if (BUILTIN_GROUPS.has(group) || PODLESS_GROUPS.has(group)) return false;
  if (group === 'monitoring.coreos.com' && PODLESS_MONITORING_KINDS.has(resource.kind)) return false;
  if (group === 'keda.sh' && resource.kind !== 'ScaledJob') return false;
  return true;
}

/** The workloads of one namespace, and whether the input may hold pods of it that cannot be seen. */
export interface NamespaceWorkloads {
  workloads: Workload[];
  /**
   * True when the namespace holds a workload without a pod template (an Argo Rollout that
   * refers to a Deployment, say) or a custom resource that may run pods through an operator:
   * their pods' labels are unknown, so "no pod matches" cannot be concluded.
   */
  opaque: boolean;
}

const WORKLOAD_KIND_SET = new Set(WORKLOAD_KINDS);

/** The workloads of each namespace, worked out once per input (several Service checks ask). */
export const workloadsByNamespace: (resources: readonly Resource[]) => ReadonlyMap<string, NamespaceWorkloads> = rememberedPer(findWorkloadsByNamespace);

function findWorkloadsByNamespace(resources: readonly Resource[]): Map<string, NamespaceWorkloads> {
  const byNamespace = new Map<string, NamespaceWorkloads>();
  const entry = (namespace: string) => {
    let found = byNamespace.get(namespace);
    if (found === undefined) byNamespace.set(namespace, (found = { workloads: [], opaque: false }));
    return found;
  };
  const withPodSpec = new Set<Resource>();
  for (const workload of workloadsOf(resources)) {
    // A PodTemplate is a template for others to use; it runs no pods itself.
    if (workload.resource.namespace === undefined || workload.resource.kind === 'PodTemplate') continue;
    entry(workload.resource.namespace).workloads.push(workload);
    withPodSpec.add(workload.resource);
  }
  for (const resource of resources) {
    if (resource.namespace === undefined || withPodSpec.has(resource) || resource.kind === 'PodTemplate') continue;
    if (WORKLOAD_KIND_SET.has(resource.kind) || mayRunPods(resource)) entry(resource.namespace).opaque = true;
  }
  return byNamespace;
}
