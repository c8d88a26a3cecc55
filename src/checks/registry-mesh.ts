import type { Check } from '../engine/types.js';
import { authorizationPolicyAllowAll } from './mesh/authorization-policy-allow-all.js';
import { authorizationPolicyMissing } from './mesh/authorization-policy-missing.js';
import { destinationRuleTlsDisabled } from './mesh/destination-rule-tls-disabled.js';
import { istioInitNeedsNetAdmin } from './mesh/istio-init-needs-net-admin.js';
import { istioProxyOutdated } from './mesh/istio-proxy-outdated.js';
import { meshNamespaceWithoutStrictMtls } from './mesh/mesh-namespace-without-strict-mtls.js';
import { peerAuthenticationPermissive } from './mesh/peer-authentication-permissive.js';

/** Istio service-mesh checks (category `mesh`). */
export const MESH_CHECKS: readonly Check[] = [
  istioInitNeedsNetAdmin,
  istioProxyOutdated,
  meshNamespaceWithoutStrictMtls,
  peerAuthenticationPermissive,
  destinationRuleTlsDisabled,
  authorizationPolicyAllowAll,
  authorizationPolicyMissing,
];
