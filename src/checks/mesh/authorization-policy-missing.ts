import type { SetCheck } from '../../engine/types.js';
import type { Resource } from '../../model/resource.js';
import {
  authorizationActionOf,
  hasTargetRefs,
  isDryRun,
  istioResources,
  isMatchAllRule,
  meshedNamespaces,
  ROOT_NAMESPACE_OPTION,
  rootNamespaceOf,
  selectsWorkloads,
  specOf,
} from '../shared/istio.js';

function isNamespaceWide(spec: Record<string, unknown>): boolean {
  return !selectsWorkloads(spec) && !hasTargetRefs(spec);
}

/**
 * Whether a policy makes what it covers deny-by-default: any ALLOW policy does (requests it
 * does not match are denied), and so does a DENY (or CUSTOM, external) policy with a rule
 * that matches every request.
 */
function deniesByDefault(spec: Record<string, unknown>): boolean {
  const action = authorizationActionOf(spec);
  if (action === 'ALLOW') return true;
  return (action === 'DENY' || action === 'CUSTOM') && Array.isArray(spec.rules) && spec.rules.some(isMatchAllRule);
}

export const authorizationPolicyMissing: SetCheck = {
  id: 'authorization-policy-missing',
  scope: 'set',
  appliesTo: ['Namespace'],
  meta: {
    title: 'Meshed namespace without authorization policy',
    summary: 'A namespace is in the Istio mesh but no AuthorizationPolicy, in it or mesh-wide, denies by default: every workload accepts requests from any caller.',
    severity: 'low',
    category: 'mesh',
    remediation:
      'Add a deny-by-default AuthorizationPolicy (`spec: {}`, which allows nothing) to the namespace or once to the root namespace, then ALLOW policies that name the callers of each workload by service account.',
    references: [
      'https://istio.io/latest/docs/reference/config/security/authorization-policy/',
      'https://istio.io/latest/docs/ops/best-practices/security/#authorization-policies',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/network-policies' },
      { framework: 'MITRE', control: 'T1046' },
    ],
    options: { rootNamespace: ROOT_NAMESPACE_OPTION },
  },
  run({ resources, options, report }) {
    const rootNamespace = rootNamespaceOf(options);
    const policies = istioResources(resources, 'security.istio.io', 'AuthorizationPolicy').filter((resource) => !isDryRun(resource));
    // In the root namespace only policies without selector or target cover every namespace.
    const meshWide = policies.some((policy) => policy.namespace === rootNamespace && isNamespaceWide(specOf(policy)) && deniesByDefault(specOf(policy)));
    if (meshWide) return;
    const inNamespace = (namespace: Resource) => policies.filter((policy) => policy.namespace === namespace.name);
    for (const { namespace, membership } of meshedNamespaces(resources)) {
      const own = inNamespace(namespace);
      if (own.some((policy) => deniesByDefault(specOf(policy)))) continue;
      const detail =
        own.length === 0
          ? 'it has no AuthorizationPolicy'
          : `its ${own.length} AuthorizationPolic${own.length === 1 ? 'y only denies, audits or delegates' : 'ies only deny, audit or delegate'} particular requests`;
      report(namespace, {
        path: membership.path,
        message: `namespace "${namespace.name}" is in the mesh (${membership.label}=${membership.value}) but nothing denies by default: ${detail}, and no mesh-wide policy in ${rootNamespace} does`,
      });
    }
  },
};
