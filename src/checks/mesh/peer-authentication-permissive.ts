import type { ResourceCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { isIstioKind, mtlsModeOf, ROOT_NAMESPACE_OPTION, rootNamespaceOf, selectsWorkloads, specOf } from '../shared/istio.js';

export const peerAuthenticationPermissive: ResourceCheck = {
  id: 'peer-authentication-permissive',
  scope: 'resource',
  appliesTo: ['PeerAuthentication'],
  meta: {
    title: 'PeerAuthentication allows plaintext',
    summary: 'A PeerAuthentication sets mTLS to PERMISSIVE or DISABLE, so the sidecars it covers accept plaintext connections without a peer identity.',
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Set `mtls.mode: STRICT` once every client of the covered workloads has a sidecar. If a port must stay open to non-mesh clients (a metrics scraper without sidecar), keep the exception to that port of the selected workloads with `portLevelMtls`, which is reported at a lower severity, and prefer PERMISSIVE to DISABLE there.',
    references: [
      'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
      'https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/tls' },
      { framework: 'MITRE', control: 'T1557' },
    ],
    options: { rootNamespace: ROOT_NAMESPACE_OPTION },
  },
  run({ resource, options, report }) {
    if (!isIstioKind(resource, 'security.istio.io', 'PeerAuthentication')) return;
    const spec = specOf(resource);
    const rootNamespace = rootNamespaceOf(options);
    const workloadPolicy = selectsWorkloads(spec);
    // Istio ignores PeerAuthentications with a workload selector in the root namespace.
    if (workloadPolicy && resource.namespace === rootNamespace) return;
    const scope = workloadPolicy
      ? `the selected workloads of namespace "${resource.namespace}"`
      : resource.namespace === rootNamespace
        ? 'the whole mesh'
        : `every workload of namespace "${resource.namespace}"`;
    const weakness = (mode: 'PERMISSIVE' | 'DISABLE') =>
      mode === 'DISABLE' ? 'mutual TLS is off: traffic is plaintext' : 'plaintext connections are accepted alongside mutual TLS';

    const mode = mtlsModeOf(spec.mtls);
    if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
      report({
        path: ['spec', 'mtls', 'mode'],
        message: `PeerAuthentication "${resource.name}" sets mtls.mode ${mode} for ${scope}: ${weakness(mode)}`,
        severity: mode === 'DISABLE' ? 'high' : 'medium',
      });
    }
    // The API server rejects portLevelMtls on a policy without a selector, so only workload policies carry it.
    const portLevel = spec.portLevelMtls;
    if (!workloadPolicy || !isRecord(portLevel)) return;
    for (const [port, setting] of Object.entries(portLevel)) {
      const portMode = mtlsModeOf(setting);
      if (portMode !== 'PERMISSIVE' && portMode !== 'DISABLE') continue;
      report({
        path: ['spec', 'portLevelMtls', port, 'mode'],
        message: `PeerAuthentication "${resource.name}" sets mode ${portMode} on port ${port} of ${scope}: ${weakness(portMode)}`,
        // A single port of selected workloads is a narrower opening than a whole policy.
        severity: portMode === 'DISABLE' ? 'medium' : 'low',
      });
    }
  },
};
