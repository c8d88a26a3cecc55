import type { ResourceCheck } from '../../engine/types.js';
import { isRecord, type Resource } from '../../model/resource.js';
import {
  authorizationActionOf,
  hasTargetRefs,
  isDryRun,
  isIstioKind,
  isMatchAllRule,
  isUnconstrainedClause,
  isUnconstrainedList,
  ROOT_NAMESPACE_OPTION,
  rootNamespaceOf,
  selectsWorkloads,
  specOf,
} from '../shared/istio.js';

/** Source fields whose `"*"` matches any authenticated peer (they are derived from the mTLS certificate). */
const PEER_IDENTITY_FIELDS = ['principals', 'namespaces'] as const;

/**
 * The field of a `source` that admits every authenticated workload of the mesh: its only
 * condition is a `"*"` among `principals` or `namespaces`. Undefined when the source
 * narrows callers down in any way.
 */
function wildcardPeerField(source: unknown): string | undefined {
  if (!isRecord(source)) return undefined;
  let wildcard: string | undefined;
  for (const [field, value] of Object.entries(source)) {
    if (isUnconstrainedList(value)) continue;
    const isPeerField = (PEER_IDENTITY_FIELDS as readonly string[]).includes(field);
    if (!isPeerField || !Array.isArray(value) || !value.includes('*')) return undefined;
    wildcard ??= field;
  }
  return wildcard;
}

function targetOf(resource: Resource, spec: Record<string, unknown>, rootNamespace: string): string {
  if (hasTargetRefs(spec)) return 'the Gateway or Service it targets';
  const inRoot = resource.namespace === rootNamespace;
  if (selectsWorkloads(spec)) return inRoot ? 'the selected workloads in every namespace' : `the selected workloads of namespace "${resource.namespace}"`;
  return inRoot ? 'every workload of the mesh' : `every workload of namespace "${resource.namespace}"`;
}

export const authorizationPolicyAllowAll: ResourceCheck = {
  id: 'authorization-policy-allow-all',
  scope: 'resource',
  appliesTo: ['AuthorizationPolicy'],
  meta: {
    title: 'AuthorizationPolicy allows all requests',
    summary: 'An ALLOW AuthorizationPolicy has a rule that matches every request (or every authenticated peer), which cancels the deny-by-default of all ALLOW policies on the same workloads.',
    severity: 'medium',
    category: 'mesh',
    remediation:
      'Replace the catch-all rule with rules that name the callers (`from.source.principals` of specific service accounts) and the operations (`to.operation` ports, methods, paths) each workload must accept; keep a namespace-wide `spec: {}` policy as the deny-by-default.',
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
  run({ resource, options, report }) {
    if (!isIstioKind(resource, 'security.istio.io', 'AuthorizationPolicy') || isDryRun(resource)) return;
    const spec = specOf(resource);
    // DENY, AUDIT and CUSTOM rules do not grant access; an ALLOW policy without rules allows nothing.
    if (authorizationActionOf(spec) !== 'ALLOW' || !Array.isArray(spec.rules)) return;
    const target = targetOf(resource, spec, rootNamespaceOf(options));
    spec.rules.forEach((rule: unknown, index) => {
      if (isMatchAllRule(rule)) {
        report({
          path: ['spec', 'rules', index],
          message: `AuthorizationPolicy "${resource.name}" rule ${index} has no condition and matches every request: it allows all traffic to ${target}`,
        });
        return;
      }
      // Otherwise only a rule whose sole condition is on the caller can admit every authenticated peer.
      if (!isRecord(rule) || !Array.isArray(rule.from) || !isUnconstrainedClause(rule.to, 'operation') || !isUnconstrainedList(rule.when)) return;
      // Entries of `from` are ORed: one wildcard entry admits every authenticated peer.
      for (const [fromIndex, entry] of rule.from.entries()) {
        const field = isRecord(entry) ? wildcardPeerField(entry.source) : undefined;
        if (field === undefined) continue;
        report({
          path: ['spec', 'rules', index, 'from', fromIndex, 'source', field],
          message: `AuthorizationPolicy "${resource.name}" rule ${index} allows any authenticated workload of the mesh (source.${field}: ["*"]) with no other condition to reach ${target}`,
          severity: 'low',
        });
        break;
      }
    });
  },
};
