import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { networkPosture } from './posture.js';
import { admitsEveryNamespace, describePodPeer, describeRulePorts, describeTargets, describeIpBlock, hasNarrowPorts, isInternetBlock, rawPeers, rawRule, ruleText } from './rules.js';

export const networkPolicyAllowsAllSources: SetCheck = {
  id: 'network-policy-allows-all-sources',
  scope: 'set',
  appliesTo: ['NetworkPolicy'],
  meta: {
    title: 'NetworkPolicy admits every source',
    summary:
      'An ingress rule of a NetworkPolicy admits traffic from anywhere (no `from`), from every internet address (`0.0.0.0/0`), or from any pod of every namespace, which undoes the isolation the policy gives.',
    severity: 'medium',
    category: 'network',
    remediation:
      'List the clients in `from`: a `podSelector` for pods of the namespace, a `namespaceSelector` (with a `podSelector`) naming the namespaces of the callers, such as the ingress controller\'s, and `ipBlock`s of the networks that must reach it; keep `ports` as narrow as the service.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#behavior-of-to-and-from-selectors',
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#allow-all-ingress-traffic',
    ],
    frameworks: [
      { framework: 'NSA', control: 'isolation/network-policies' },
      { framework: 'NSA', control: 'network/exposure' },
      { framework: 'MITRE', control: 'T1190' },
    ],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    for (const policy of posture.policies.networkPolicies) {
      for (const rule of policy.ingress ?? []) {
        const where = `NetworkPolicy "${policy.name}", ingress rule ${ruleText('ingress', rule.index)},`;
        const to = `to ${describeTargets(policy)} on ${describeRulePorts(rule)}`;
        // Open on a few ports: often a service meant for everyone, worth a look. On many or all: little isolation is left.
        const severity = hasNarrowPorts(rule) ? ('low' as const) : undefined;
        const peers = rawPeers(policy, 'ingress', rule.index);
        if (peers.length === 0) {
          const hasFrom = rawRule(policy, 'ingress', rule.index).from !== undefined;
          report(policy.resource, {
            path: ['spec', 'ingress', rule.index, ...(hasFrom ? ['from'] : [])],
            message: `${where} has no "from": it admits every source, any pod of any namespace and any address, ${to}`,
            ...(severity !== undefined ? { severity } : {}),
          });
          continue;
        }
        peers.forEach((raw, index) => {
          const peer = rule.peers[index];
          if (isRecord(raw) && isRecord(raw.ipBlock) && isInternetBlock(raw.ipBlock)) {
            report(policy.resource, {
              path: ['spec', 'ingress', rule.index, 'from', index, 'ipBlock', 'cidr'],
              message: `${where} admits traffic from the internet (${describeIpBlock(raw.ipBlock)}) ${to}`,
              ...(severity !== undefined ? { severity } : {}),
            });
          } else if (peer !== undefined && admitsEveryNamespace(peer, posture.probeNamespaceLabels)) {
            report(policy.resource, {
              path: ['spec', 'ingress', rule.index, 'from', index],
              message: `${where} admits any pod of every namespace (${describePodPeer(peer)}) ${to}`,
              ...(severity !== undefined ? { severity } : {}),
            });
          }
        });
      }
    }
  },
};
