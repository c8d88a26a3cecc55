import type { SetCheck } from '../../engine/types.js';
import { ConnectionSet, type AdminRuleStep, type DirectionExplanation } from '../../netpol/index.js';
import { isJudged, isRestricted, networkPosture, policiesOf, unprotectedNamespaces } from './posture.js';
import { isNarrow, ruleText } from './rules.js';

function adminRule(step: AdminRuleStep): string {
  const name = step.rule.name !== undefined ? ` (${step.rule.name})` : '';
  return `${step.policy.kind} ${step.policy.name}, rule ${ruleText('ingress', step.rule.index)}${name},`;
}

/** What admits the probe, layer by layer, each with its policy and rule. */
function causes(explanation: DirectionExplanation): { admin: ConnectionSet; reasons: string[] } {
  const reasons: string[] = [];
  let admin = ConnectionSet.EMPTY;
  for (const step of explanation.admin) {
    if (step.rule.action !== 'Allow' || step.decided.isEmpty()) continue;
    admin = admin.union(step.decided);
    reasons.push(`${adminRule(step)} allows ${step.decided.toString()}`);
  }
  if (explanation.policies.network.length > 0) {
    for (const step of explanation.network) {
      const ports = step.ports.intersect(explanation.remaining);
      if (!ports.isEmpty()) reasons.push(`NetworkPolicy ${step.policy.namespace}/${step.policy.name}, rule ${ruleText('ingress', step.rule.index)}, allows ${ports.toString()}`);
    }
    return { admin, reasons };
  }
  let byDefault = explanation.result.subtract(admin);
  for (const step of explanation.baseline) {
    if (step.rule.action !== 'Allow' || step.decided.isEmpty()) continue;
    byDefault = byDefault.subtract(step.decided);
    reasons.push(`${adminRule(step)} allows ${step.decided.toString()}`);
  }
  if (!byDefault.isEmpty()) {
    const deciders = [...explanation.policies.admin.map((policy) => `AdminNetworkPolicy ${policy.name}`), ...(explanation.policies.baseline !== undefined ? [`BaselineAdminNetworkPolicy ${explanation.policies.baseline.name}`] : [])];
    reasons.push(`no NetworkPolicy selects them for ingress, so what ${deciders.join(' and ')} ${deciders.length === 1 ? 'leaves' : 'leave'} open (${byDefault.toString()}) is allowed`);
  }
  return { admin, reasons };
}

export const workloadReachableFromAllNamespaces: SetCheck = {
  id: 'workload-reachable-from-all-namespaces',
  scope: 'set',
  appliesTo: 'workloads',
  meta: {
    title: 'Workload reachable from every namespace',
    summary:
      'Admin network policies let any pod of any namespace connect to a workload whose ingress is otherwise restricted: an Allow rule for all namespaces, or, where no NetworkPolicy selects the pods, Deny rules for some ports that leave the rest open.',
    severity: 'medium',
    category: 'network',
    remediation:
      'Narrow the admin rule to the namespaces (and pods) that need the workload, or add a NetworkPolicy for the workload (and a baseline Deny for all namespaces) so that only its clients get through.',
    references: [
      'https://network-policy-api.sigs.k8s.io/api-overview/',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/network-policies' },
      { framework: 'MITRE', control: 'T1046' },
    ],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    const unprotected = unprotectedNamespaces(posture);
    for (const entry of posture.workloads) {
      // Workloads without any restriction are reported as not isolated; here: restricted, yet open to every namespace.
      if (!isJudged(posture, entry) || unprotected.has(entry.workload.namespace) || !isRestricted(posture, entry, 'ingress')) continue;
      // Only NetworkPolicy rules can let it in: network-policy-allows-all-sources reports those rules where they are written.
      const policies = policiesOf(posture, entry, 'ingress');
      if (policies.admin.length === 0 && policies.network.length > 0) continue;
      const allowed = posture.engine.ingress(entry.classId, posture.probe);
      if (allowed.isEmpty()) continue;
      const explanation = posture.engine.explain(entry.classId, 'ingress', posture.probe);
      const { admin, reasons } = causes(explanation);
      // The same rule as above, in general: admin policies that apply but allow nothing leave it to NetworkPolicy rules.
      if (admin.isEmpty() && explanation.policies.network.length > 0) continue;
      report(entry.resource, {
        path: [...entry.podSpec.metadataPath, 'labels'],
        message: `any pod of any namespace can connect to the pods of ${entry.title} on ${allowed.toString()}: ${reasons.join('; ')}`,
        ...(isNarrow(allowed) ? { severity: 'low' as const } : {}),
      });
    }
  },
};
