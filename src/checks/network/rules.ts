import { isRecord, stringsOf } from '../../model/resource.js';
import { MAX_ADDRESS, parseCidr, type AddressIntervals } from '../../netpol/addresses.js';
import { mergeRanges, subtractIntervals } from '../../netpol/intervals.js';
import { ConnectionSet, describeSelector, PROTOCOLS, type Direction, type NetworkPolicyModel, type PolicyRule, type RulePeer } from '../../netpol/index.js';
import type { Path } from '../../yaml/path.js';
import { formatPath } from '../../yaml/path.js';
import type { Labels } from '../shared/selectors.js';

/** Where a NetworkPolicy rule sits: `spec.ingress[0]`. */
function rulePath(direction: Direction, index: number): Path {
  return ['spec', direction, index];
}

/** `spec.ingress[0]`, as messages name a rule. */
export function ruleText(direction: Direction, index: number): string {
  return formatPath(rulePath(direction, index));
}

/** The peer list field of a rule: `from` for ingress, `to` for egress. */
function peerField(direction: Direction): 'from' | 'to' {
  return direction === 'ingress' ? 'from' : 'to';
}

/** The rule as written in the policy. */
export function rawRule(policy: NetworkPolicyModel, direction: Direction, index: number): Record<string, unknown> {
  const spec = isRecord(policy.resource.object.spec) ? policy.resource.object.spec : {};
  const rules = Array.isArray(spec[direction]) ? (spec[direction] as unknown[]) : [];
  const rule = rules[index];
  return isRecord(rule) ? rule : {};
}

/** The rule's `from`/`to` entries as written; an empty list when the field is absent. */
export function rawPeers(policy: NetworkPolicyModel, direction: Direction, index: number): unknown[] {
  const peers = rawRule(policy, direction, index)[peerField(direction)];
  return Array.isArray(peers) ? peers : [];
}

/** `TCP 8080`, `TCP 8080 and port http`, `all ports`: what a rule's `ports` allow, named ports unresolved. */
export function describeRulePorts(rule: PolicyRule): string {
  if (rule.ports.all) return 'all ports';
  const parts: string[] = [];
  if (!rule.ports.fixed.isEmpty()) parts.push(rule.ports.fixed.toString());
  for (const named of rule.ports.named) parts.push(`port ${named.name}${named.protocol !== undefined && named.protocol !== 'TCP' ? `/${named.protocol}` : ''}`);
  return parts.length === 0 ? 'no port' : parts.join(' and ');
}

/** The pods a policy applies to, for messages: `pods {app=web}` or `every pod of namespace "shop"`. */
export function describeTargets(policy: NetworkPolicyModel): string {
  if (policy.podSelector.error !== undefined) return 'no pod (its podSelector is invalid)';
  return policy.podSelector.empty ? `every pod of namespace "${policy.namespace}"` : `pods ${describeSelector(policy.podSelector)} of namespace "${policy.namespace}"`;
}

/** How many ports a set of connections holds, over every protocol. */
export function portCount(connections: ConnectionSet): number {
  let count = 0;
  for (const protocol of PROTOCOLS) {
    const intervals = connections.ports(protocol);
    for (let i = 0; i < intervals.length; i += 2) count += (intervals[i + 1] as number) - (intervals[i] as number) + 1;
  }
  return count;
}

/** At most this many ports is a service's few ports rather than an open door. */
const NARROW_PORTS = 16;

/** Whether connections are limited to a few ports (findings about them are then of lower severity). */
export function isNarrow(connections: ConnectionSet, namedPorts = 0): boolean {
  return portCount(connections) + namedPorts <= NARROW_PORTS;
}

/** Whether a rule's ports are a few ports (see `isNarrow`). */
export function hasNarrowPorts(rule: PolicyRule): boolean {
  return !rule.ports.all && isNarrow(rule.ports.fixed, rule.ports.named.length);
}

/** Whether a rule allows every protocol and port. */
export function allowsAllPorts(rule: PolicyRule): boolean {
  return rule.ports.all || rule.ports.fixed.isAll();
}

const DNS = ConnectionSet.range('UDP', 53).union(ConnectionSet.range('TCP', 53));

/** Whether a rule allows DNS (port 53) and nothing else. */
export function allowsOnlyDns(rule: PolicyRule): boolean {
  return !rule.ports.all && rule.ports.named.length === 0 && !rule.ports.fixed.isEmpty() && rule.ports.fixed.subtract(DNS).isEmpty();
}

/** Addresses that are not routed on the internet: this network, private, shared (CGNAT), loopback, link-local, multicast and reserved. */
const NON_PUBLIC: readonly (readonly [string, string])[] = [
  ['0.0.0.0', '0.255.255.255'],
  ['10.0.0.0', '10.255.255.255'],
  ['100.64.0.0', '100.127.255.255'],
  ['127.0.0.0', '127.255.255.255'],
  ['169.254.0.0', '169.254.255.255'],
  ['172.16.0.0', '172.31.255.255'],
  ['192.168.0.0', '192.168.255.255'],
  ['224.0.0.0', '255.255.255.255'],
];

function address(text: string): number {
  const parsed = parseCidr(`${text}/32`);
  if (!parsed.ok) throw new Error(`bad address ${text}`);
  return parsed.start;
}

const PUBLIC: AddressIntervals = subtractIntervals(
  [0, MAX_ADDRESS],
  mergeRanges(NON_PUBLIC.map(([start, end]) => [address(start), address(end)])),
);

/** Whether a range of IPv4 addresses holds at least one public address. */
export function overlapsPublic(start: number, end: number): boolean {
  for (let i = 0; i < PUBLIC.length; i += 2) if ((PUBLIC[i] as number) <= end && (PUBLIC[i + 1] as number) >= start) return true;
  return false;
}

/** Public addresses a block may leave out and still be, for a reader, "the internet": a /16's worth. */
const INTERNET_SLACK = 2 ** 16;

/**
 * Whether an `ipBlock` as written opens the internet: its block, exceptions taken out, holds
 * every public IPv4 address but at most a /16's worth (`0.0.0.0/0`, also with private
 * ranges or the cloud metadata address excepted), or it is the whole IPv6 space (`::/0`).
 */
export function isInternetBlock(ipBlock: unknown): boolean {
  if (!isRecord(ipBlock) || typeof ipBlock.cidr !== 'string') return false;
  const cidr = ipBlock.cidr.trim();
  // Any IPv6 block of prefix length 0 is the whole IPv6 space (the engine analyses IPv4 only).
  if (cidr.includes(':')) return /\/0$/.test(cidr);
  const block = parseCidr(cidr);
  if (!block.ok) return false;
  const excepted: [number, number][] = [];
  for (const item of Array.isArray(ipBlock.except) ? ipBlock.except : []) {
    const parsed = typeof item === 'string' ? parseCidr(item) : undefined;
    if (parsed?.ok === true) excepted.push([parsed.start, parsed.end]);
  }
  const covered = subtractIntervals([block.start, block.end], mergeRanges(excepted));
  const missing = subtractIntervals(PUBLIC, covered);
  let size = 0;
  for (let i = 0; i < missing.length; i += 2) size += (missing[i + 1] as number) - (missing[i] as number) + 1;
  return size <= INTERNET_SLACK;
}

/** Whether a pod peer admits an unlabelled pod of any namespace (the probe namespace's labels are only its name). */
export function admitsEveryNamespace(peer: RulePeer, probeNamespaceLabels: Labels): boolean {
  return peer.kind === 'pods' && peer.namespaces.kind === 'selector' && peer.namespaces.selector.matches(probeNamespaceLabels) && peer.pods.matches({});
}

/** `namespaceSelector {}`, `namespaceSelector {team notin (x)}, podSelector {}`: how a pod peer is written. */
export function describePodPeer(peer: RulePeer): string {
  if (peer.kind !== 'pods') return '';
  const namespaces = peer.namespaces.kind === 'selector' ? `namespaceSelector ${describeSelector(peer.namespaces.selector)}` : '';
  const pods = peer.pods.empty && namespaces !== '' ? '' : `podSelector ${describeSelector(peer.pods)}`;
  return [namespaces, pods].filter((part) => part !== '').join(', ');
}

/** `ipBlock 0.0.0.0/0 except 10.0.0.0/8`, as written. */
export function describeIpBlock(ipBlock: Record<string, unknown>): string {
  const except = stringsOf(ipBlock.except);
  return `ipBlock ${String(ipBlock.cidr)}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
}
