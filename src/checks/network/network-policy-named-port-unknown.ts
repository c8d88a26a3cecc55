import type { SetCheck } from '../../engine/types.js';
import { isRecord } from '../../model/resource.js';
import { isProtocol } from '../../netpol/connections.js';
import type { Direction, NetworkPolicyModel, PolicyRule, Protocol } from '../../netpol/index.js';
import { listWorkloads, networkPosture, type NetworkPosture, type PostureWorkload } from './posture.js';
import { rawRule, ruleText } from './rules.js';

interface NamedPort {
  /** Position in the rule's `ports`. */
  index: number;
  name: string;
  protocol: Protocol;
}

function namedPorts(policy: NetworkPolicyModel, direction: Direction, rule: PolicyRule): NamedPort[] {
  const ports = rawRule(policy, direction, rule.index).ports;
  const out: NamedPort[] = [];
  (Array.isArray(ports) ? ports : []).forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.port !== 'string') return;
    const protocol = entry.protocol ?? 'TCP';
    if (isProtocol(protocol)) out.push({ index, name: entry.port, protocol });
  });
  return out;
}

/** What the targets declare under that name with another protocol, for the message. */
function protocolNote(targets: readonly PostureWorkload[], port: NamedPort): string {
  for (const entry of targets) {
    const declared = entry.workload.ports.find((candidate) => candidate.name === port.name);
    if (declared !== undefined) return `; ${entry.workload.kind}/${entry.workload.name} declares "${port.name}" as ${declared.protocol} ${declared.port}, not ${port.protocol}`;
  }
  return '';
}

/** The input's workloads a policy selects: what the named ports of its ingress rules resolve against. */
function selectedWorkloads(posture: NetworkPosture, policy: NetworkPolicyModel): PostureWorkload[] {
  return (posture.workloadsByNamespace.get(policy.namespace) ?? []).filter((entry) => policy.podSelector.matches(entry.workload.labels));
}

/**
 * What an egress rule's named ports resolve against: the input's pods that its pod peers
 * select; `addresses` when its peers are all ipBlocks; undefined for a rule to any destination.
 */
function destinationWorkloads(posture: NetworkPosture, rule: PolicyRule): PostureWorkload[] | 'addresses' | undefined {
  if (rule.peers.some((peer) => peer.kind === 'any')) return undefined;
  if (rule.peers.length > 0 && rule.peers.every((peer) => peer.kind === 'addresses')) return 'addresses';
  return posture.workloads.filter((entry) => rule.peers.some((peer) => peer.kind === 'pods' && posture.engine.peerSelects(peer, { kind: 'class', id: entry.classId })));
}

export const networkPolicyNamedPortUnknown: SetCheck = {
  id: 'network-policy-named-port-unknown',
  scope: 'set',
  appliesTo: ['NetworkPolicy'],
  meta: {
    title: 'NetworkPolicy names an unknown port',
    summary:
      'A NetworkPolicy rule names a port (`port: http`) that no container of the pods it resolves against declares with that protocol, so the port allows nothing; the traffic it was written for is denied.',
    severity: 'low',
    category: 'network',
    remediation:
      'Use the name of a container port the pods declare (`ports[].name` in their containers, with the same protocol), or the port number. Named ports resolve against the pods the policy selects for ingress, and against the destination pods for egress.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/network-policies/#networkpolicy-resource',
      'https://kubernetes.io/docs/reference/kubernetes-api/networking-resources/network-policy-v1/',
    ],
    frameworks: [{ framework: 'NSA', control: 'isolation/network-policies' }],
  },
  run({ resources, report }) {
    const posture = networkPosture(resources);
    for (const policy of posture.policies.networkPolicies) {
      let selected: PostureWorkload[] | undefined;
      for (const direction of ['ingress', 'egress'] as const) {
        for (const rule of policy[direction] ?? []) {
          const ports = namedPorts(policy, direction, rule);
          if (ports.length === 0) continue;
          const targets = direction === 'ingress' ? (selected ??= selectedWorkloads(posture, policy)) : destinationWorkloads(posture, rule);
          // Nothing can be said when the input does not hold the pods the names resolve against.
          if (targets === undefined || (Array.isArray(targets) && targets.length === 0)) continue;
          for (const port of ports) {
            const path = ['spec', direction, rule.index, 'ports', port.index, 'port'];
            const where = `NetworkPolicy "${policy.name}", ${direction} rule ${ruleText(direction, rule.index)}, names port "${port.name}" (${port.protocol})`;
            if (targets === 'addresses') {
              report(policy.resource, { path, message: `${where} towards ipBlock peers only: a named port resolves against pods, never addresses, so the rule allows nothing` });
              continue;
            }
            if (targets.some((entry) => entry.workload.ports.some((candidate) => candidate.name === port.name && candidate.protocol === port.protocol))) continue;
            const whose = direction === 'ingress' ? 'the pods the policy selects' : 'the destination pods';
            report(policy.resource, {
              path,
              message: `${where}, which no container of ${whose} declares (${listWorkloads(targets, 3)})${protocolNote(targets, port)}: the rule allows nothing on it`,
            });
          }
        }
      }
    }
  },
};
