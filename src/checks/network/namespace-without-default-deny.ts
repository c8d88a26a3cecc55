import type { SetCheck } from '../../engine/types.js';
import { NAMESPACE_NAME_LABEL, type AdminPolicyModel, type NetworkPolicyModel } from '../../netpol/index.js';
import type { Labels } from '../shared/selectors.js';
import { isJudged, isRestricted, listWorkloads, networkPosture, reportOnNamespace, unprotectedNamespaces } from './posture.js';
import { allowsAllPorts, ruleText } from './rules.js';

/** Whether an admin policy's subject takes in every pod of a namespace, present or future. */
function coversNamespace(policy: AdminPolicyModel, labels: Labels): boolean {
  const subject = policy.subject;
  if (subject.kind === 'namespaces') return subject.namespaces.matches(labels);
  return subject.kind === 'pods' && subject.namespaces.matches(labels) && subject.pods.empty;
}

/** Whether an admin policy denies, on every port, ingress from every pod of every namespace. */
function deniesAllIngress(policy: AdminPolicyModel): boolean {
  return policy.ingress.some(
    (rule) => rule.action === 'Deny' && allowsAllPorts(rule) && rule.peers.some((peer) => peer.kind === 'pods' && peer.namespaces.kind === 'selector' && peer.namespaces.selector.empty && peer.pods.empty),
  );
}

/** The first rule of a policy that allows everything from everywhere (no `from`, no `ports`), if any. */
function allowAllRule(policy: NetworkPolicyModel): number | undefined {
  return policy.ingress?.find((rule) => rule.peers.some((peer) => peer.kind === 'any') && allowsAllPorts(rule))?.index;
}

export const namespaceWithoutDefaultDeny: SetCheck = {
  id: 'namespace-without-default-deny',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Namespace without default-deny ingress',
    summary:
      'A namespace has network policies, but none isolates every one of its pods for ingress, so pods that no policy selects, now or added later, accept traffic from any pod.',
    severity: 'low',
    category: 'network',
    remediation:
      'Add a NetworkPolicy with an empty `podSelector` and `policyTypes: [Ingress]` (and `Egress`) to the namespace, then allow each workload the traffic it needs; or have a BaselineAdminNetworkPolicy deny ingress from all namespaces.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#default-deny-all-ingress-traffic',
      'https://network-policy-api.sigs.k8s.io/api-overview/',
    ],
    frameworks: [
      { framework: 'CIS', control: '5.3.2' },
      { framework: 'NSA', control: 'isolation/network-policies' },
    ],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    const unprotected = unprotectedNamespaces(posture);
    const admin = [...posture.policies.adminPolicies, ...(posture.policies.baselinePolicy !== undefined ? [posture.policies.baselinePolicy] : [])];
    for (const [namespace, entries] of posture.workloadsByNamespace) {
      const judged = entries.filter((entry) => isJudged(posture, entry));
      if (judged.length === 0 || unprotected.has(namespace)) continue;
      const policies = posture.policiesByNamespace.get(namespace) ?? [];
      // A default deny: every pod of the namespace isolated for ingress, whatever rules then allow, short of everything.
      if (policies.some((policy) => policy.podSelector.empty && policy.ingress !== undefined && allowAllRule(policy) === undefined)) continue;
      const labels = posture.model.namespaces.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
      if (admin.some((policy) => coversNamespace(policy, labels) && deniesAllIngress(policy))) continue;
      const allowAll = policies.find((policy) => policy.podSelector.empty && allowAllRule(policy) !== undefined);
      const note = allowAll === undefined ? '' : ` (${allowAll.name} selects every pod, but its rule ${ruleText('ingress', allowAllRule(allowAll) as number)} allows everything)`;
      const open = judged.filter((entry) => !isRestricted(posture, entry, 'ingress'));
      const exposed = open.length === 0 ? 'pods added later' : `pods that no policy selects, ${open.length} now (${listWorkloads(open, 3)}) and any added later,`;
      const message = `namespace "${namespace}" has no default-deny ingress policy: no NetworkPolicy there selects every pod for ingress${note} and no admin network policy denies all ingress to its pods, so ${exposed} accept traffic from any pod`;
      reportOnNamespace(posture, namespace, judged, report, message);
    }
  },
};
