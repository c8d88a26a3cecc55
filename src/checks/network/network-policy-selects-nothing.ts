import type { SetCheck } from '../../engine/types.js';
import { describeSelector } from '../../netpol/index.js';
import { listWorkloads, networkPosture } from './posture.js';

export const networkPolicySelectsNothing: SetCheck = {
  id: 'network-policy-selects-nothing',
  scope: 'set',
  appliesTo: ['NetworkPolicy'],
  meta: {
    title: 'NetworkPolicy selects no pod',
    summary: 'The podSelector of a NetworkPolicy matches none of the workloads of its namespace in the input, so the policy protects nothing; often a typo in a label or a policy left behind.',
    severity: 'low',
    category: 'network',
    remediation:
      'Make the `podSelector` match the labels of the pod template it is meant for (or use `{}` for every pod of the namespace), or delete the policy if its workload is gone.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource'],
    frameworks: [{ framework: 'NSA', control: 'isolation/network-policies' }],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    for (const policy of posture.policies.networkPolicies) {
      // Without the namespace's workloads in the input, nothing can be said about what the policy selects.
      const entries = posture.workloadsByNamespace.get(policy.namespace) ?? [];
      if (entries.length === 0) continue;
      if (entries.some((entry) => policy.podSelector.matches(entry.workload.labels))) continue;
      const where = `of namespace "${policy.namespace}" in the input (${listWorkloads(entries)})`;
      const matches = entries.length === 1 ? `does not match the only workload ${where}` : `matches none of the ${entries.length} workloads ${where}`;
      const message =
        policy.podSelector.error !== undefined
          ? `NetworkPolicy "${policy.name}" selects no pod: its podSelector is invalid (${policy.podSelector.error})`
          : `NetworkPolicy "${policy.name}" selects no pod: its podSelector ${describeSelector(policy.podSelector)} ${matches}, so its rules protect nothing`;
      report(policy.resource, { path: ['spec', 'podSelector'], message });
    }
  },
};
