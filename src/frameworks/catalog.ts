import type { Framework } from '../engine/types.js';

/** A control of a framework: what a compliance report lists, covered by checks or not. */
export interface Control {
  id: string;
  title: string;
}

/** CIS Kubernetes Benchmark v1.12, section 5 (Policies): the controls a manifest scan can assess. */
const CIS: Control[] = [
  { id: '5.1.1', title: 'Ensure that the cluster-admin role is only used where required' },
  { id: '5.1.2', title: 'Minimize access to secrets' },
  { id: '5.1.3', title: 'Minimize wildcard use in Roles and ClusterRoles' },
  { id: '5.1.4', title: 'Minimize access to create pods' },
  { id: '5.1.5', title: 'Ensure that default service accounts are not actively used' },
  { id: '5.1.6', title: 'Ensure that Service Account Tokens are only mounted where necessary' },
  { id: '5.1.7', title: 'Avoid use of system:masters group' },
  { id: '5.1.8', title: 'Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster' },
  { id: '5.1.9', title: 'Minimize access to create persistent volumes' },
  { id: '5.1.10', title: 'Minimize access to the proxy sub-resource of nodes' },
  { id: '5.1.11', title: 'Minimize access to the approval sub-resource of certificatesigningrequests objects' },
  { id: '5.1.12', title: 'Minimize access to webhook configuration objects' },
  { id: '5.1.13', title: 'Minimize access to the service account token creation' },
  { id: '5.2.1', title: 'Ensure that the cluster has at least one active policy control mechanism in place' },
  { id: '5.2.2', title: 'Minimize the admission of privileged containers' },
  { id: '5.2.3', title: 'Minimize the admission of containers wishing to share the host process ID namespace' },
  { id: '5.2.4', title: 'Minimize the admission of containers wishing to share the host IPC namespace' },
  { id: '5.2.5', title: 'Minimize the admission of containers wishing to share the host network namespace' },
  { id: '5.2.6', title: 'Minimize the admission of containers with allowPrivilegeEscalation' },
  { id: '5.2.7', title: 'Minimize the admission of root containers' },
  { id: '5.2.8', title: 'Minimize the admission of containers with the NET_RAW capability' },
  { id: '5.2.9', title: 'Minimize the admission of containers with capabilities assigned' },
  { id: '5.2.10', title: 'Minimize the admission of Windows HostProcess containers' },
  { id: '5.2.11', title: 'Minimize the admission of HostPath volumes' },
  { id: '5.2.12', title: 'Minimize the admission of containers which use HostPorts' },
  { id: '5.3.1', title: 'Ensure that the CNI in use supports NetworkPolicies' },
  { id: '5.3.2', title: 'Ensure that all Namespaces have NetworkPolicies defined' },
  { id: '5.4.1', title: 'Prefer using Secrets as files over Secrets as environment variables' },
  { id: '5.4.2', title: 'Consider external secret storage' },
  { id: '5.5.1', title: 'Configure Image Provenance using ImagePolicyWebhook admission controller' },
  { id: '5.6.1', title: 'Create administrative boundaries between resources using namespaces' },
  { id: '5.6.2', title: 'Ensure that the seccomp profile is set to docker/default in your Pod definitions' },
  { id: '5.6.3', title: 'Apply SecurityContext to your Pods and Containers' },
  { id: '5.6.4', title: 'The default namespace should not be used' },
];

/** NSA/CISA Kubernetes Hardening Guidance (v1.2): its recommendations, under stable ids of ours. */
const NSA: Control[] = [
  { id: 'pod-security/non-root', title: 'Use containers built to run applications as non-root users' },
  { id: 'pod-security/immutable-filesystem', title: 'Run containers with immutable file systems where possible' },
  { id: 'pod-security/non-privileged', title: 'Prevent privileged containers' },
  { id: 'pod-security/privilege-escalation', title: 'Prevent privilege escalation' },
  { id: 'pod-security/host-namespaces', title: 'Deny sharing of the host process, IPC and network namespaces' },
  { id: 'pod-security/capabilities', title: 'Drop Linux capabilities that are not needed' },
  { id: 'pod-security/security-profiles', title: 'Confine containers with seccomp, AppArmor or SELinux' },
  { id: 'pod-security/host-path', title: 'Restrict host path mounts' },
  { id: 'pod-security/service-account-tokens', title: 'Disable automounting of service account tokens where not needed' },
  { id: 'isolation/namespaces', title: 'Separate resources with namespaces' },
  { id: 'isolation/resource-policies', title: 'Limit resources with LimitRange and ResourceQuota' },
  { id: 'isolation/network-policies', title: 'Isolate pods with network policies, denying by default' },
  { id: 'network/tls', title: 'Encrypt traffic in transit with TLS' },
  { id: 'network/exposure', title: 'Limit the exposure of services outside the cluster' },
  { id: 'secrets/protection', title: 'Keep secrets out of manifests and environment variables; use external secret stores' },
  { id: 'authorization/rbac', title: 'Use RBAC with least privilege' },
  { id: 'supply-chain/immutable-images', title: 'Use immutable, scanned images from trusted registries' },
  { id: 'monitoring/health', title: 'Monitor workload health' },
];

/** MITRE ATT&CK techniques of the Containers matrix that manifest checks help prevent or detect. */
const MITRE: Control[] = [
  { id: 'T1611', title: 'Escape to Host' },
  { id: 'T1610', title: 'Deploy Container' },
  { id: 'T1609', title: 'Container Administration Command' },
  { id: 'T1613', title: 'Container and Resource Discovery' },
  { id: 'T1552.001', title: 'Unsecured Credentials: Credentials In Files' },
  { id: 'T1552.007', title: 'Unsecured Credentials: Container API' },
  { id: 'T1528', title: 'Steal Application Access Token' },
  { id: 'T1525', title: 'Implant Internal Image' },
  { id: 'T1078', title: 'Valid Accounts' },
  { id: 'T1068', title: 'Exploitation for Privilege Escalation' },
  { id: 'T1548', title: 'Abuse Elevation Control Mechanism' },
  { id: 'T1499', title: 'Endpoint Denial of Service' },
  { id: 'T1496', title: 'Resource Hijacking' },
  { id: 'T1046', title: 'Network Service Discovery' },
  { id: 'T1557', title: 'Adversary-in-the-Middle' },
  { id: 'T1190', title: 'Exploit Public-Facing Application' },
  { id: 'T1133', title: 'External Remote Services' },
  { id: 'T1053.007', title: 'Scheduled Task/Job: Container Orchestration Job' },
  { id: 'T1098', title: 'Account Manipulation' },
];

/** Pod Security Standards checks, as `<level>:<upstream check id>`. */
const PSS: Control[] = [
  { id: 'baseline:windowsHostProcess', title: 'HostProcess' },
  { id: 'baseline:hostNamespaces', title: 'Host Namespaces' },
  { id: 'baseline:privileged', title: 'Privileged Containers' },
  { id: 'baseline:capabilities', title: 'Capabilities' },
  { id: 'baseline:hostPathVolumes', title: 'HostPath Volumes' },
  { id: 'baseline:hostPorts', title: 'Host Ports' },
  { id: 'baseline:hostProbesAndHostLifecycle', title: 'Host Probes / Lifecycle Hooks' },
  { id: 'baseline:appArmorProfile', title: 'AppArmor' },
  { id: 'baseline:seLinuxOptions', title: 'SELinux' },
  { id: 'baseline:procMount', title: '/proc Mount Type' },
  { id: 'baseline:seccompProfile', title: 'Seccomp' },
  { id: 'baseline:sysctls', title: 'Sysctls' },
  { id: 'restricted:restrictedVolumes', title: 'Volume Types' },
  { id: 'restricted:allowPrivilegeEscalation', title: 'Privilege Escalation' },
  { id: 'restricted:runAsNonRoot', title: 'Running as Non-root' },
  { id: 'restricted:runAsUser', title: 'Running as Non-root user' },
  { id: 'restricted:seccompProfile', title: 'Seccomp' },
  { id: 'restricted:capabilities', title: 'Capabilities' },
  { id: 'restricted:procMount', title: '/proc Mount Type (no unmasked /proc even in a user namespace)' },
];

export const FRAMEWORK_CONTROLS: Readonly<Record<Framework, readonly Control[]>> = { CIS, NSA, MITRE, PSS };

export function findControl(framework: Framework, id: string): Control | undefined {
  return FRAMEWORK_CONTROLS[framework].find((control) => control.id === id);
}
