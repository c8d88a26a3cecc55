import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { networkPosture } from './posture.js';
import { allowsOnlyDns, describeIpBlock, describeRulePorts, describeTargets, isInternetBlock, rawPeers, rawRule, ruleText } from './rules.js';

export const networkPolicyEgressToInternet: SetCheck = {
  id: 'network-policy-egress-to-internet',
  scope: 'set',
  appliesTo: ['NetworkPolicy'],
  meta: {
    title: 'NetworkPolicy allows egress to the internet',
    summary: 'An egress rule of a NetworkPolicy allows traffic to the internet (no `to`, or an `ipBlock` such as `0.0.0.0/0`), the way out for exfiltration, tool downloads and command-and-control.',
    severity: 'low',
    category: 'network',
    remediation:
      'Allow egress only to the destinations the workload needs: pods and namespaces by selector, and `ipBlock`s of the external services (or an egress gateway or proxy) instead of `0.0.0.0/0`.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-egress-traffic',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
    ],
    frameworks: [{ framework: 'NSA', control: 'isolation/network-policies' }],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    for (const policy of posture.policies.networkPolicies) {
      for (const rule of policy.egress ?? []) {
        // DNS to any resolver is how most clusters are set up; it is not what this check is about.
        if (allowsOnlyDns(rule)) continue;
        const where = `NetworkPolicy "${policy.name}", egress rule ${ruleText('egress', rule.index)},`;
        const from = `from ${describeTargets(policy)} on ${describeRulePorts(rule)}`;
        const peers = rawPeers(policy, 'egress', rule.index);
        if (peers.length === 0) {
          const hasTo = rawRule(policy, 'egress', rule.index).to !== undefined;
          report(policy.resource, {
            path: ['spec', 'egress', rule.index, ...(hasTo ? ['to'] : [])],
            message: `${where} has no "to": it allows traffic to every address, on the internet and in the cluster, ${from}`,
          });
          continue;
        }
        peers.forEach((raw, index) => {
          if (!isRecord(raw) || !isRecord(raw.ipBlock) || !isInternetBlock(raw.ipBlock)) return;
          report(policy.resource, {
            path: ['spec', 'egress', rule.index, 'to', index, 'ipBlock', 'cidr'],
            message: `${where} allows traffic to the internet (${describeIpBlock(raw.ipBlock)}) ${from}`,
          });
        });
      }
    }
  },
};
