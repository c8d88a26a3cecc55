import type { ResourceCheck } from '../../engine/types.js';
import { isRecord, type Resource } from '../../model/resource.js';
import type { Path } from '../../yaml/path.js';
import { isIstioKind, specOf } from '../shared/istio.js';

/**
 * Whether a DestinationRule host names (or, as a wildcard, covers) Kubernetes services of
 * the mesh. Istio resolves a name without dots to `<name>.<rule namespace>.svc.<domain>` and
 * takes anything with a dot as a full name, so other dotted names are external hosts.
 */
function isInMeshHost(host: string, clusterDomain: string): boolean {
  const serviceSuffix = `.svc.${clusterDomain}`;
  if (host === '*' || !host.includes('.')) return true;
  if (host.startsWith('*.')) {
    const suffix = host.slice(1);
    // `*.local`, `*.cluster.local`, `*.svc.cluster.local` cover every service; `*.shop.svc.cluster.local` those of one namespace.
    return serviceSuffix.endsWith(suffix) || suffix.endsWith(serviceSuffix);
  }
  return host.endsWith(serviceSuffix);
}

/** A traffic policy of the rule: the top-level one or a subset's, with where it is and what it applies to. */
interface TrafficPolicyRef {
  policy: Record<string, unknown>;
  path: Path;
  /** e.g. `subset "v2"`, or empty for the whole host. */
  label: string;
}

function trafficPolicies(spec: Record<string, unknown>): TrafficPolicyRef[] {
  const out: TrafficPolicyRef[] = [];
  if (isRecord(spec.trafficPolicy)) out.push({ policy: spec.trafficPolicy, path: ['spec', 'trafficPolicy'], label: '' });
  if (Array.isArray(spec.subsets)) {
    spec.subsets.forEach((subset: unknown, index) => {
      if (!isRecord(subset) || !isRecord(subset.trafficPolicy)) return;
      const name = typeof subset.name === 'string' ? subset.name : String(index);
      out.push({ policy: subset.trafficPolicy, path: ['spec', 'subsets', index, 'trafficPolicy'], label: `subset "${name}"` });
    });
  }
  return out;
}

/** The `tls` blocks of a traffic policy: its own and those of its port-level settings. */
function tlsSettings(ref: TrafficPolicyRef): { tls: Record<string, unknown>; path: Path; label: string }[] {
  const out: { tls: Record<string, unknown>; path: Path; label: string }[] = [];
  if (isRecord(ref.policy.tls)) out.push({ tls: ref.policy.tls, path: [...ref.path, 'tls'], label: ref.label });
  const ports = ref.policy.portLevelSettings;
  if (Array.isArray(ports)) {
    ports.forEach((setting: unknown, index) => {
      if (!isRecord(setting) || !isRecord(setting.tls)) return;
      const number = isRecord(setting.port) ? setting.port.number : undefined;
      const port = `port ${typeof number === 'number' || typeof number === 'string' ? number : `#${index}`}`;
      out.push({ tls: setting.tls, path: [...ref.path, 'portLevelSettings', index, 'tls'], label: ref.label === '' ? port : `${ref.label}, ${port}` });
    });
  }
  return out;
}

function describe(resource: Resource, host: string, label: string): string {
  return `DestinationRule "${resource.name}" for ${host}${label === '' ? '' : ` (${label})`}`;
}

export const destinationRuleTlsDisabled: ResourceCheck = {
  id: 'destination-rule-tls-disabled',
  scope: 'resource',
  appliesTo: ['DestinationRule'],
  meta: {
    title: 'DestinationRule disables TLS',
    summary: 'A DestinationRule turns TLS off for a service of the mesh (tls.mode DISABLE) or skips verifying the server certificate (insecureSkipVerify), so traffic can be read or intercepted.',
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Remove `tls.mode: DISABLE` for in-mesh hosts (Istio then uses mutual TLS automatically) or set `ISTIO_MUTUAL`; for TLS origination set `caCertificates` or `credentialName` and drop `insecureSkipVerify: true`.',
    references: [
      'https://istio.io/latest/docs/reference/config/networking/destination-rule/#ClientTLSSettings',
      'https://istio.io/latest/docs/concepts/security/#mutual-tls-authentication',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/tls' },
      { framework: 'MITRE', control: 'T1557' },
    ],
    options: {
      clusterDomain: { description: 'The cluster DNS domain: hosts under `.svc.<clusterDomain>` (and names without a dot) are services of the mesh.', type: 'string', default: 'cluster.local' },
    },
  },
  run({ resource, options, report }) {
    if (!isIstioKind(resource, 'networking.istio.io', 'DestinationRule')) return;
    const spec = specOf(resource);
    if (typeof spec.host !== 'string' || spec.host === '') return;
    const host = spec.host;
    const clusterDomain = options.clusterDomain;
    if (typeof clusterDomain !== 'string' || clusterDomain === '') throw new Error(`option clusterDomain must be a non-empty string, got ${JSON.stringify(clusterDomain)}`);
    const inMesh = isInMeshHost(host, clusterDomain);
    for (const ref of trafficPolicies(spec)) {
      for (const { tls, path, label } of tlsSettings(ref)) {
        if (tls.mode === 'DISABLE' && inMesh) {
          report({
            path: [...path, 'mode'],
            message: `${describe(resource, host, label)} sets tls.mode DISABLE: sidecars send plaintext instead of Istio mutual TLS to a host inside the mesh`,
          });
        }
        if (tls.insecureSkipVerify === true && (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL')) {
          report({
            path: [...path, 'insecureSkipVerify'],
            message: `${describe(resource, host, label)} originates ${tls.mode} TLS with insecureSkipVerify: the server certificate is not verified, so anyone in the path can impersonate the server`,
          });
        }
      }
    }
  },
};
