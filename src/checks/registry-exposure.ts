import type { Check } from '../engine/types.js';
import { ingressWithoutTls } from './exposure/ingress-without-tls.js';
import { kubernetesDashboardAdmin } from './exposure/kubernetes-dashboard-admin.js';
import { kubernetesDashboardDeployed } from './exposure/kubernetes-dashboard-deployed.js';
import { kubernetesDashboardSkipLogin } from './exposure/kubernetes-dashboard-skip-login.js';
import { loadBalancerWithoutSourceRanges } from './exposure/load-balancer-without-source-ranges.js';
import { serviceExternalIps } from './exposure/service-external-ips.js';
import { serviceNodePort } from './exposure/service-node-port.js';
import { namespaceWithoutNetworkPolicy } from './network/namespace-without-network-policy.js';
import { workloadEgressNotRestricted } from './network/workload-egress-not-restricted.js';
import { workloadNotSelectedByNetworkPolicy } from './network/workload-not-selected-by-network-policy.js';
import { secretAsEnvVar } from './secrets/secret-as-env-var.js';
import { secretDataInManifest } from './secrets/secret-data-in-manifest.js';
import { secretInAnnotation } from './secrets/secret-in-annotation.js';
import { secretInConfigmap } from './secrets/secret-in-configmap.js';
import { secretInEnvValue } from './secrets/secret-in-env-value.js';
import { secretValueReused } from './secrets/secret-value-reused.js';

/**
 * Secrets, exposure and network-isolation checks, in catalogue order.
 * `secret-as-env-var` is a strict-profile check: it is meant to be off in the recommended preset.
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
  workloadNotSelectedByNetworkPolicy,
  workloadEgressNotRestricted,
];
