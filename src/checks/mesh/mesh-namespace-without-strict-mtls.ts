import type { SetCheck } from '../../engine/types.js';
import type { Resource } from '../../model/resource.js';
import { istioResources, meshedNamespaces, mtlsModeOf, ROOT_NAMESPACE_OPTION, rootNamespaceOf, selectsWorkloads, specOf } from '../shared/istio.js';

/** One way a namespace's mode can come out, and which policy (if any) decides it. */
interface Outcome {
  mode: string;
  because: string;
}

/**
 * The modes Istio may apply to a namespace as a whole. Istio takes the namespace-wide
 * policy, then the mesh-wide one for what it leaves UNSET, and PERMISSIVE when there is
 * none. When several policies share a level Istio keeps the oldest, which a manifest does
 * not tell: each of them is a possible outcome.
 */
function possibleOutcomes(namespacePolicies: readonly Resource[], meshPolicies: readonly Resource[], rootNamespace: string): Outcome[] {
  const meshOutcomes: Outcome[] =
    meshPolicies.length === 0
      ? [{ mode: 'PERMISSIVE', because: `no namespace-wide or mesh-wide PeerAuthentication sets a mode, and Istio's default is PERMISSIVE` }]
      : meshPolicies.map((policy) => {
          const mode = mtlsModeOf(specOf(policy).mtls) ?? 'invalid';
          return mode === 'UNSET'
            ? { mode: 'PERMISSIVE', because: `mesh-wide PeerAuthentication "${policy.name}" leaves the mode UNSET, which means PERMISSIVE` }
            : { mode, because: `mesh-wide PeerAuthentication "${policy.name}" in ${rootNamespace} sets mtls.mode ${mode}` };
        });
  if (namespacePolicies.length === 0) return meshOutcomes;
  return namespacePolicies.flatMap((policy) => {
    const mode = mtlsModeOf(specOf(policy).mtls) ?? 'invalid';
    if (mode === 'UNSET') return meshOutcomes;
    return [{ mode, because: `namespace-wide PeerAuthentication "${policy.name}" sets mtls.mode ${mode}` }];
  });
}

export const meshNamespaceWithoutStrictMtls: SetCheck = {
  id: 'mesh-namespace-without-strict-mtls',
  scope: 'set',
  appliesTo: ['Namespace'],
  meta: {
    title: 'Meshed namespace without STRICT mTLS',
    summary: 'A namespace is in the Istio mesh but no namespace-wide or mesh-wide PeerAuthentication makes mTLS STRICT, so its sidecars also accept plaintext.',
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Add a PeerAuthentication without selector and with `mtls.mode: STRICT`, either in the namespace or once in the root namespace (`istio-system`) for the whole mesh, and keep exceptions to workload- or port-level policies.',
    references: [
      'https://istio.io/latest/docs/tasks/security/authentication/authn-policy/#globally-enabling-istio-mutual-tls-in-strict-mode',
      'https://istio.io/latest/docs/reference/config/security/peer_authentication/',
    ],
    frameworks: [
      { framework: 'NSA', control: 'network/tls' },
      { framework: 'MITRE', control: 'T1557' },
    ],
    options: { rootNamespace: ROOT_NAMESPACE_OPTION },
  },
  run({ resources, options, report }) {
    const rootNamespace = rootNamespaceOf(options);
    // Only policies without a (non-empty) selector set a namespace's or the mesh's mode.
    const wide = istioResources(resources, 'security.istio.io', 'PeerAuthentication').filter((resource) => !selectsWorkloads(specOf(resource)));
    const meshPolicies = wide.filter((policy) => policy.namespace === rootNamespace);
    for (const { namespace, membership } of meshedNamespaces(resources)) {
      const namespacePolicies = namespace.name === rootNamespace ? [] : wide.filter((policy) => policy.namespace === namespace.name);
      const weak = possibleOutcomes(namespacePolicies, meshPolicies, rootNamespace).find((outcome) => outcome.mode !== 'STRICT');
      if (weak === undefined) continue;
      const ambiguity =
        namespacePolicies.length > 1 ? ` (${namespacePolicies.length} namespace-wide PeerAuthentications: Istio applies only the oldest)` : '';
      report(namespace, {
        path: membership.path,
        message: `namespace "${namespace.name}" is in the mesh (${membership.label}=${membership.value}) but mTLS is not STRICT for it: ${weak.because}${ambiguity}`,
      });
    }
  },
};
