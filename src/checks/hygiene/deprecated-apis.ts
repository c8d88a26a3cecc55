/**
 * API versions that Kubernetes has deprecated, with the minor release (of 1.x) that
 * deprecated them and the one that stopped serving them. Source: the Deprecated API Migration
 * Guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/), completed with
 * the deprecation releases the API server announces in its warnings
 * ("… is deprecated in v1.19+, unavailable in v1.22+").
 */
export interface DeprecatedApi {
  apiVersion: string;
  kinds: readonly string[];
  /** Minor version of 1.x that deprecated it. */
  deprecatedIn: number;
  /** Minor version of 1.x that no longer serves it; undefined when no removal is planned. */
  removedIn: number | undefined;
  /** The apiVersion to use instead, or undefined when the kind was removed without a successor. */
  replacement: string | undefined;
  /** Minor version of 1.x since which the replacement is served. */
  replacementSince?: number;
  /** What to do instead, when the replacement is not simply another version of the same kind. */
  advice?: string;
}

const WORKLOADS_V1BETA = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'];
const RBAC = ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'];
const FLOW_CONTROL = ['FlowSchema', 'PriorityLevelConfiguration'];

export const DEPRECATED_APIS: readonly DeprecatedApi[] = [
  // Removed in 1.16.
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', replacementSince: 9 },
  { apiVersion: 'apps/v1beta1', kinds: WORKLOADS_V1BETA, deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', replacementSince: 9 },
  { apiVersion: 'apps/v1beta2', kinds: WORKLOADS_V1BETA, deprecatedIn: 9, removedIn: 16, replacement: 'apps/v1', replacementSince: 9 },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], deprecatedIn: 9, removedIn: 16, replacement: 'networking.k8s.io/v1', replacementSince: 8 },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 10,
    removedIn: 16,
    replacement: undefined,
    advice: 'PodSecurityPolicy was removed altogether in 1.25: enforce the Pod Security Standards with Pod Security Admission (namespace labels) or a policy engine',
  },
  // Removed in 1.17 (alpha).
  { apiVersion: 'scheduling.k8s.io/v1alpha1', kinds: ['PriorityClass'], deprecatedIn: 14, removedIn: 17, replacement: 'scheduling.k8s.io/v1', replacementSince: 14 },
  // Removed in 1.22.
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], deprecatedIn: 16, removedIn: 22, replacement: 'admissionregistration.k8s.io/v1', replacementSince: 16 },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', kinds: ['CustomResourceDefinition'], deprecatedIn: 16, removedIn: 22, replacement: 'apiextensions.k8s.io/v1', replacementSince: 16 },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', kinds: ['APIService'], deprecatedIn: 19, removedIn: 22, replacement: 'apiregistration.k8s.io/v1', replacementSince: 10 },
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], deprecatedIn: 19, removedIn: 22, replacement: 'authentication.k8s.io/v1', replacementSince: 6 },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    deprecatedIn: 19,
    removedIn: 22,
    replacement: 'authorization.k8s.io/v1',
    replacementSince: 6,
  },
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], deprecatedIn: 19, removedIn: 22, replacement: 'certificates.k8s.io/v1', replacementSince: 19 },
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], deprecatedIn: 19, removedIn: 22, replacement: 'coordination.k8s.io/v1', replacementSince: 14 },
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], deprecatedIn: 14, removedIn: 22, replacement: 'networking.k8s.io/v1', replacementSince: 19 },
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], deprecatedIn: 19, removedIn: 22, replacement: 'networking.k8s.io/v1', replacementSince: 19 },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', kinds: RBAC, deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', replacementSince: 8 },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', kinds: RBAC, deprecatedIn: 17, removedIn: 22, replacement: 'rbac.authorization.k8s.io/v1', replacementSince: 8 },
  { apiVersion: 'scheduling.k8s.io/v1beta1', kinds: ['PriorityClass'], deprecatedIn: 14, removedIn: 22, replacement: 'scheduling.k8s.io/v1', replacementSince: 14 },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSINode'], deprecatedIn: 17, removedIn: 22, replacement: 'storage.k8s.io/v1', replacementSince: 17 },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver'], deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1', replacementSince: 19 },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['StorageClass'], deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1', replacementSince: 6 },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['VolumeAttachment'], deprecatedIn: 19, removedIn: 22, replacement: 'storage.k8s.io/v1', replacementSince: 13 },
  // Removed in 1.25.
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecatedIn: 21, removedIn: 25, replacement: 'batch/v1', replacementSince: 21 },
  { apiVersion: 'discovery.k8s.io/v1beta1', kinds: ['EndpointSlice'], deprecatedIn: 21, removedIn: 25, replacement: 'discovery.k8s.io/v1', replacementSince: 21 },
  { apiVersion: 'events.k8s.io/v1beta1', kinds: ['Event'], deprecatedIn: 19, removedIn: 25, replacement: 'events.k8s.io/v1', replacementSince: 19 },
  { apiVersion: 'autoscaling/v2beta1', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 22, removedIn: 25, replacement: 'autoscaling/v2', replacementSince: 23 },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], deprecatedIn: 21, removedIn: 25, replacement: 'policy/v1', replacementSince: 21 },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: 21,
    removedIn: 25,
    replacement: undefined,
    advice: 'PodSecurityPolicy has no successor: enforce the Pod Security Standards with Pod Security Admission (namespace labels) or a policy engine',
  },
  { apiVersion: 'node.k8s.io/v1beta1', kinds: ['RuntimeClass'], deprecatedIn: 22, removedIn: 25, replacement: 'node.k8s.io/v1', replacementSince: 20 },
  // Removed in 1.26.
  { apiVersion: 'autoscaling/v2beta2', kinds: ['HorizontalPodAutoscaler'], deprecatedIn: 23, removedIn: 26, replacement: 'autoscaling/v2', replacementSince: 23 },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', kinds: FLOW_CONTROL, deprecatedIn: 23, removedIn: 26, replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: 29 },
  // Removed in 1.27.
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], deprecatedIn: 24, removedIn: 27, replacement: 'storage.k8s.io/v1', replacementSince: 24 },
  // Removed in 1.29 and 1.32.
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', kinds: FLOW_CONTROL, deprecatedIn: 26, removedIn: 29, replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: 29 },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', kinds: FLOW_CONTROL, deprecatedIn: 29, removedIn: 32, replacement: 'flowcontrol.apiserver.k8s.io/v1', replacementSince: 29 },
  // Deprecated, still served.
  {
    apiVersion: 'v1',
    kinds: ['Endpoints'],
    deprecatedIn: 33,
    removedIn: undefined,
    replacement: undefined,
    advice: 'write discovery.k8s.io/v1 EndpointSlices instead (label them kubernetes.io/service-name: <service>)',
  },
];

/** Every kind some entry of the table is about. */
export const DEPRECATED_API_KINDS: readonly string[] = [...new Set(DEPRECATED_APIS.flatMap((entry) => entry.kinds))];

export function deprecatedApi(apiVersion: string, kind: string): DeprecatedApi | undefined {
  return DEPRECATED_APIS.find((entry) => entry.apiVersion === apiVersion && entry.kinds.includes(kind));
}
