import type { Check } from '../engine/types.js';
import { ingressWithoutTls } from './exposure/ingress-without-tls.js';
import { kubernetesDashboardAdmin } from './exposure/kubernetes-dashboard-admin.js';
import { kubernetesDashboardDeployed } from './exposure/kubernetes-dashboard-deployed.js';
import { kubernetesDashboardSkipLogin } from './exposure/kubernetes-dashboard-skip-login.js';
import { loadBalancerWithoutSourceRanges } from './exposure/load-balancer-without-source-ranges.js';
import { serviceExternalIps } from './exposure/service-external-ips.js';
import { serviceNodePort } from './exposure/service-node-port.js';
import { namespaceWithoutDefaultDeny } from './network/namespace-without-default-deny.js';
import { namespaceWithoutNetworkPolicy } from './network/namespace-without-network-policy.js';
import { networkPolicyAllowsAllSources } from './network/network-policy-allows-all-sources.js';
import { networkPolicyEgressToInternet } from './network/network-policy-egress-to-internet.js';
import { networkPolicyNamedPortUnknown } from './network/network-policy-named-port-unknown.js';
import { networkPolicySelectsNothing } from './network/network-policy-selects-nothing.js';
import { workloadEgressNotRestricted } from './network/workload-egress-not-restricted.js';
import { workloadNotSelectedByNetworkPolicy } from './network/workload-not-selected-by-network-policy.js';
import { workloadReachableFromAllNamespaces } from './network/workload-reachable-from-all-namespaces.js';
import { secretAsEnvVar } from './secrets/secret-as-env-var.js';
import { secretDataInManifest } from './secrets/secret-data-in-manifest.js';
import { secretInAnnotation } from './secrets/secret-in-annotation.js';
import { secretInConfigmap } from './secrets/secret-in-configmap.js';
import { secretInEnvValue } from './secrets/secret-in-env-value.js';
import { secretValueReused } from './secrets/secret-value-reused.js';

/**
 * Secrets, exposure and network checks (isolation from the reachability engine, then policy rules), in catalogue order.
 * `secret-as-env-var` is a strict-profile check: off by default (`enabledByDefault: false`).
 */
export const EXPOSURE_CHECKS: readonly Check[] = [
  secretInEnvValue,
  secretInConfigmap,
  secretInAnnotation,
  secretDataInManifest,
  secretAsEnvVar,
  secretValueReused,
  serviceNodePort,
  loadBalancerWithoutSourceRanges,
  serviceExternalIps,
  ingressWithoutTls,
  kubernetesDashboardDeployed,
  kubernetesDashboardSkipLogin,
  kubernetesDashboardAdmin,
  namespaceWithoutNetworkPolicy,
  namespaceWithoutDefaultDeny,
  workloadNotSelectedByNetworkPolicy,
  workloadEgressNotRestricted,
  workloadReachableFromAllNamespaces,
  networkPolicySelectsNothing,
  networkPolicyAllowsAllSources,
  networkPolicyEgressToInternet,
  networkPolicyNamedPortUnknown,
];
