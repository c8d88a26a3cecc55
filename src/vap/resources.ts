/**
 * Kind → resource: admission rules name resources (`deployments`), manifests name kinds
 * (`Deployment`). Without a cluster to ask for discovery, built-in kinds come from a table,
 * custom resources from CustomResourceDefinitions in the input, and anything else from
 * English plural rules.
 */
import { isRecord, type KubernetesObject, type Resource } from '../model/resource.js';
import { isClusterScoped } from '../model/scope.js';

/** `apps/v1` → `{ group: 'apps', version: 'v1' }`; `v1` → the core group `''`. */
export interface GroupVersion {
  group: string;
  version: string;
}

export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** What admission knows about a kind: its plural resource name and whether its objects live in namespaces. */
export interface KindInfo {
  resource: string;
  namespaced: boolean;
  /** Where the answer came from: the built-in table, a CRD in the input, or the plural rules. */
  source: 'builtin' | 'crd' | 'guess';
}

type Entry = readonly [kind: string, resource: string, namespaced: boolean];

const BUILTIN: Readonly<Record<string, readonly Entry[]>> = {
  '': [
    ['Pod', 'pods', true],
    ['Service', 'services', true],
    ['Endpoints', 'endpoints', true],
    ['ConfigMap', 'configmaps', true],
    ['Secret', 'secrets', true],
    ['ServiceAccount', 'serviceaccounts', true],
    ['PersistentVolumeClaim', 'persistentvolumeclaims', true],
    ['ReplicationController', 'replicationcontrollers', true],
    ['Event', 'events', true],
    ['LimitRange', 'limitranges', true],
    ['ResourceQuota', 'resourcequotas', true],
    ['PodTemplate', 'podtemplates', true],
    ['Binding', 'bindings', true],
    ['Node', 'nodes', false],
    ['Namespace', 'namespaces', false],
    ['PersistentVolume', 'persistentvolumes', false],
    ['ComponentStatus', 'componentstatuses', false],
  ],
  apps: [
    ['Deployment', 'deployments', true],
    ['DaemonSet', 'daemonsets', true],
    ['StatefulSet', 'statefulsets', true],
    ['ReplicaSet', 'replicasets', true],
    ['ControllerRevision', 'controllerrevisions', true],
  ],
  batch: [
    ['Job', 'jobs', true],
    ['CronJob', 'cronjobs', true],
  ],
  autoscaling: [['HorizontalPodAutoscaler', 'horizontalpodautoscalers', true]],
  policy: [
    ['PodDisruptionBudget', 'poddisruptionbudgets', true],
    ['PodSecurityPolicy', 'podsecuritypolicies', false],
  ],
  'networking.k8s.io': [
    ['Ingress', 'ingresses', true],
    ['NetworkPolicy', 'networkpolicies', true],
    ['IngressClass', 'ingressclasses', false],
    ['IPAddress', 'ipaddresses', false],
    ['ServiceCIDR', 'servicecidrs', false],
  ],
  'rbac.authorization.k8s.io': [
    ['Role', 'roles', true],
    ['RoleBinding', 'rolebindings', true],
    ['ClusterRole', 'clusterroles', false],
    ['ClusterRoleBinding', 'clusterrolebindings', false],
  ],
  'admissionregistration.k8s.io': [
    ['ValidatingWebhookConfiguration', 'validatingwebhookconfigurations', false],
    ['MutatingWebhookConfiguration', 'mutatingwebhookconfigurations', false],
    ['ValidatingAdmissionPolicy', 'validatingadmissionpolicies', false],
    ['ValidatingAdmissionPolicyBinding', 'validatingadmissionpolicybindings', false],
    ['MutatingAdmissionPolicy', 'mutatingadmissionpolicies', false],
    ['MutatingAdmissionPolicyBinding', 'mutatingadmissionpolicybindings', false],
  ],
  'storage.k8s.io': [
    ['StorageClass', 'storageclasses', false],
    ['VolumeAttachment', 'volumeattachments', false],
    ['CSIDriver', 'csidrivers', false],
    ['CSINode', 'csinodes', false],
    ['CSIStorageCapacity', 'csistoragecapacities', true],
    ['VolumeAttributesClass', 'volumeattributesclasses', false],
  ],
  'discovery.k8s.io': [['EndpointSlice', 'endpointslices', true]],
  'coordination.k8s.io': [['Lease', 'leases', true]],
  'events.k8s.io': [['Event', 'events', true]],
  'node.k8s.io': [['RuntimeClass', 'runtimeclasses', false]],
  'scheduling.k8s.io': [['PriorityClass', 'priorityclasses', false]],
  'certificates.k8s.io': [
    ['CertificateSigningRequest', 'certificatesigningrequests', false],
    ['ClusterTrustBundle', 'clustertrustbundles', false],
  ],
  'apiextensions.k8s.io': [['CustomResourceDefinition', 'customresourcedefinitions', false]],
  'apiregistration.k8s.io': [['APIService', 'apiservices', false]],
  'flowcontrol.apiserver.k8s.io': [
    ['FlowSchema', 'flowschemas', false],
    ['PriorityLevelConfiguration', 'prioritylevelconfigurations', false],
  ],
  'resource.k8s.io': [
    ['ResourceClaim', 'resourceclaims', true],
    ['ResourceClaimTemplate', 'resourceclaimtemplates', true],
    ['DeviceClass', 'deviceclasses', false],
    ['ResourceSlice', 'resourceslices', false],
  ],
  'authentication.k8s.io': [
    ['TokenReview', 'tokenreviews', false],
    ['SelfSubjectReview', 'selfsubjectreviews', false],
  ],
  'authorization.k8s.io': [
    ['SubjectAccessReview', 'subjectaccessreviews', false],
    ['SelfSubjectAccessReview', 'selfsubjectaccessreviews', false],
    ['LocalSubjectAccessReview', 'localsubjectaccessreviews', true],
    ['SelfSubjectRulesReview', 'selfsubjectrulesreviews', false],
  ],
};

const BUILTIN_KINDS = new Map<string, KindInfo>();
for (const [group, entries] of Object.entries(BUILTIN)) {
  for (const [kind, resource, namespaced] of entries) BUILTIN_KINDS.set(`${group}/${kind}`, { resource, namespaced, source: 'builtin' });
}

/**
 * The plural resource name of a kind nobody declared: lower case, then English plural rules.
 * `NetworkPolicy` → `networkpolicies` (consonant + y), `Gateway` → `gateways` (vowel + y),
 * `Ingress`/`Box`/`Batch`/`Mesh` → `+es`, anything else `+s`, and a kind already ending in
 * `endpoints` is left alone. apimachinery's own guess (`UnsafeGuessKindToResource`) only knows
 * `s` → `es` and `y` → `ies`; these rules agree with it there and match how CRD authors
 * actually name plurals (`gateways`, `boxes`) elsewhere.
 */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === '' || lower.endsWith('endpoints')) return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/**
 * Kinds → resources and scopes, with CustomResourceDefinitions from the input taking
 * precedence over guesses (a CRD names its plural and scope exactly).
 */
export class ResourceCatalog {
  private readonly custom = new Map<string, KindInfo>();

  /** Reads `spec.group`, `spec.names.kind`, `spec.names.plural` and `spec.scope` of every CRD among the resources. */
  static fromResources(resources: readonly Resource[]): ResourceCatalog {
    const catalog = new ResourceCatalog();
    for (const resource of resources) catalog.addDefinition(resource.object);
    return catalog;
  }

  /** Learns a kind from a CustomResourceDefinition; other objects are ignored. */
  addDefinition(object: KubernetesObject): void {
    if (object.kind !== 'CustomResourceDefinition' || !object.apiVersion.startsWith('apiextensions.k8s.io/')) return;
    const spec = isRecord(object.spec) ? object.spec : undefined;
    const names = spec !== undefined && isRecord(spec.names) ? spec.names : undefined;
    if (spec === undefined || names === undefined || typeof spec.group !== 'string' || typeof names.kind !== 'string') return;
    const resource = typeof names.plural === 'string' && names.plural !== '' ? names.plural : guessResource(names.kind);
    this.custom.set(`${spec.group}/${names.kind}`, { resource, namespaced: spec.scope !== 'Cluster', source: 'crd' });
  }

  /** Plural and scope of a kind in an API group (`''` for core). */
  lookup(group: string, kind: string): KindInfo {
    const key = `${group}/${kind}`;
    return this.custom.get(key) ?? BUILTIN_KINDS.get(key) ?? { resource: guessResource(kind), namespaced: !isClusterScoped(kind), source: 'guess' };
  }
}
