/** Kinds the API server stores without a namespace (core and common extensions). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'CustomResourceDefinition',
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'VolumeAttachment',
  'PriorityClass',
  'RuntimeClass',
  'IngressClass',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'APIService',
  'CertificateSigningRequest',
  'PodSecurityPolicy',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'ComponentStatus',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'ClusterIssuer',
  'GatewayClass',
  'ClusterPolicy',
  'ClusterPolicyReport',
  'ConstraintTemplate',
  'IPAddress',
  'ServiceCIDR',
  'DeviceClass',
]);

/** Whether objects of this kind live outside namespaces. */
export function isClusterScoped(kind: string): boolean {
  return CLUSTER_SCOPED.has(kind);
}
