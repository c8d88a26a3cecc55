import { appendTo } from '../model/lists.js';
import { containsRange, partitionAddressSpace, type AddressIntervals, type AddressRange } from './addresses.js';
import { ConnectionSet } from './connections.js';
import type { NetpolDiagnostic } from './diagnostics.js';
import type { AdminPolicyModel, NetworkPolicyModel, PolicyRule, PolicySet, RulePeer } from './policies.js';
import { EVERYTHING, type Labels, type Selector } from './selectors.js';
import { NAMESPACE_NAME_LABEL, resolveNamedPort, type ClusterModel, type ContainerPort, type Workload } from './workloads.js';

/**
 * Pods that every policy treats alike: same namespace, same labels, same container ports.
 * Selection, rule matching and named-port resolution depend on nothing else, so the engine
 * computes over classes and never over pairs of pods.
 */
export interface PeerClass {
  id: number;
  namespace: string;
  namespaceLabels: Labels;
  labels: Labels;
  ports: readonly ContainerPort[];
  workloads: Workload[];
}

/** A peer as the engine sees it: a class of pods, or one range of external addresses. */
export type EnginePeer = { kind: 'class'; id: number } | { kind: 'range'; range: AddressRange };

export type Direction = 'ingress' | 'egress';

/** The policy layers that decide one direction of traffic for a class of pods. */
export interface DirectionPolicies {
  /** Admin policies selecting the pods (those with rules in this direction), in priority order. */
  admin: readonly AdminPolicyModel[];
  /** NetworkPolicies selecting the pods in this direction; any isolates them. */
  network: readonly NetworkPolicyModel[];
  /** The BaselineAdminNetworkPolicy, when it selects the pods and has rules in this direction. */
  baseline: AdminPolicyModel | undefined;
}

/** Which peers a rule peer selects. */
interface Membership {
  any: boolean;
  /** Bit per class. */
  classes: Uint32Array | undefined;
  addresses: AddressIntervals | undefined;
  /** For address peers: bit per range of each side, computed on first use. */
  ranges?: Partial<Record<Direction, Uint32Array>>;
}

const NO_MEMBERS: Membership = { any: false, classes: undefined, addresses: undefined };
const ANY_MEMBER: Membership = { any: true, classes: undefined, addresses: undefined };

function bitset(size: number): Uint32Array {
  return new Uint32Array((size + 31) >>> 5);
}

function hasBit(bits: Uint32Array, index: number): boolean {
  return ((bits[index >>> 5] as number) & (1 << (index & 31))) !== 0;
}

function setBit(bits: Uint32Array, index: number): void {
  bits[index >>> 5] = (bits[index >>> 5] as number) | (1 << (index & 31));
}

function firstBit(bits: Uint32Array): number {
  for (let i = 0; i < bits.length; i++) {
    const word = bits[i] as number;
    if (word !== 0) return i * 32 + (31 - Math.clz32(word & -word));
  }
  return -1;
}

/** Splits every part into its members inside and outside `by`, dropping empty parts. */
function refine(parts: Uint32Array[], by: Uint32Array): Uint32Array[] {
  const out: Uint32Array[] = [];
  for (const part of parts) {
    const inside = new Uint32Array(part.length);
    const outside = new Uint32Array(part.length);
    let anyInside = 0;
    let anyOutside = 0;
    for (let i = 0; i < part.length; i++) {
      const word = part[i] as number;
      const a = word & (by[i] as number);
      const b = word & ~(by[i] as number);
      inside[i] = a;
      outside[i] = b;
      anyInside |= a;
      anyOutside |= b;
    }
    if (anyInside !== 0) out.push(inside);
    if (anyOutside !== 0) out.push(outside);
  }
  return out;
}

/**
 * One text per (namespace, labels, ports): pods that share it are judged alike. Every part is
 * written with its length, so no label or name, whatever it holds, can run into the next part;
 * labels are sorted, and ports kept in order.
 */
function classKey(namespace: string, labels: Labels, ports: readonly ContainerPort[]): string {
  let key = `${namespace.length}:${namespace}|`;
  for (const name of Object.keys(labels).sort()) {
    const value = labels[name] as string;
    key += `${name.length}:${name}=${value.length}:${value};`;
  }
  key += '|';
  for (const port of ports) key += `${port.port}/${port.protocol}/${port.name === undefined ? '-' : `${port.name.length}:${port.name}`};`;
  return key;
}

/** Classes grouped by what one container port name resolves to. */
interface PortGroups {
  /** Group of each class; -1 when the class has no port of that name. */
  groupOf: Int32Array;
  /** Bit per class, one set per group. */
  groups: Uint32Array[];
}

/**
 * One ordered list of rules that decides a direction for some classes. Peers its rules cannot
 * tell apart get the same decision: they are keyed by a pattern (which of the rules' peer
 * selectors hold them, what the named ports resolve to), and each pattern is decided once.
 */
class DirectionContext {
  readonly classDecisions = new Map<number | string, ConnectionSet>();
  readonly rangeDecisions = new Map<number | string, ConnectionSet>();
  /** Class bitsets of the pod selectors the rules use. */
  readonly classSelectors: Uint32Array[] = [];
  /** Egress: container port names the rules use, resolved against each destination. */
  readonly portNames: string[] = [];
  /** Range bitsets of the address blocks the rules use. */
  readonly rangeSelectors: Uint32Array[] = [];
  /** Pattern keys are numbers while they fit in a double's mantissa, else strings. */
  textKeys = false;
  /** Whether the selectors above are filled in: only when the context first decides something. */
  realized = false;

  constructor(
    readonly direction: Direction,
    readonly policies: DirectionPolicies,
    /** For ingress contexts with named ports: ports of the protected pods, which resolve them. */
    readonly ownPorts: readonly ContainerPort[] | undefined,
  ) {}
}

/** The rules of a direction's policies, in the order they are read: admin, NetworkPolicy, baseline. */
function directionRules(policies: DirectionPolicies, direction: Direction): PolicyRule[] {
  const rules: PolicyRule[] = [];
  for (const policy of policies.admin) rules.push(...policy[direction]);
  for (const policy of policies.network) rules.push(...(policy[direction] ?? []));
  if (policies.baseline !== undefined) rules.push(...policies.baseline[direction]);
  return rules;
}

const NO_NAMES: readonly string[] = [];

/** Beyond this many distinct patterns in one context, refining bitsets costs more than visiting classes one by one. */
const MAX_REFINED_PARTS = 64;

/** An admin policy rule that matched the peer: its ports, and what it decided given the rules before it. */
export interface AdminRuleStep {
  policy: AdminPolicyModel;
  rule: PolicyRule;
  /** The rule's ports, named ports resolved. */
  ports: ConnectionSet;
  /** The part of `ports` still open when the rule was reached: what it allowed, denied or passed. */
  decided: ConnectionSet;
}

/** A NetworkPolicy rule that matched the peer, and what it allows. */
export interface NetworkRuleStep {
  policy: NetworkPolicyModel;
  rule: PolicyRule;
  ports: ConnectionSet;
}

interface DecisionTrace {
  admin: AdminRuleStep[];
  network: NetworkRuleStep[];
  baseline: AdminRuleStep[];
  /** Connections the admin policies left open (passed or not matched). */
  remaining: ConnectionSet;
}

/** How one direction was decided. */
export interface DirectionExplanation extends DecisionTrace {
  direction: Direction;
  policies: DirectionPolicies;
  result: ConnectionSet;
}

/** Options of the engine. */
export interface EngineOptions {
  /** Adds the `{ingress-controller}` pseudo pod (namespace `ingress-controller-ns`, no labels) as a class. */
  ingressController?: boolean;
}

export const INGRESS_CONTROLLER_NAMESPACE = 'ingress-controller-ns';

/**
 * Allowed connections between peers under NetworkPolicies, AdminNetworkPolicies and the
 * BaselineAdminNetworkPolicy, computed over classes of pods.
 *
 * For one direction, the admin policies' rules are read first, in priority order and rule
 * order, the first rule that matches a connection deciding it (Allow, Deny, or Pass it on);
 * connections they leave undecided or pass go to the NetworkPolicies when any selects the pod
 * (allowed only when some rule allows them), else to the baseline policy's rules, else they
 * are allowed. A connection between two pods needs both the source's egress and the
 * destination's ingress; external addresses have neither side restricted.
 */
export class ReachabilityEngine {
  readonly classes: PeerClass[] = [];
  /** Class of each workload, by workload index. */
  readonly classOfWorkload: number[] = [];
  /** Class of the `{ingress-controller}` pseudo pod, when enabled. */
  readonly ingressControllerClass: number | undefined;
  /** Ranges of external addresses that ingress rules tell apart (sources). */
  readonly sourceRanges: AddressRange[];
  /** Ranges of external addresses that egress rules tell apart (destinations). */
  readonly destinationRanges: AddressRange[];

  private readonly classesByNamespace = new Map<string, number[]>();
  /** Classes by label key, then value: no text is joined per label, for the index or a look-up. */
  private readonly labelIndex = new Map<string, Map<string, number[]>>();
  /** Memberships by selector text, so that equal peers of different rules share one (and one bitset). */
  private readonly memberships = new Map<string, Membership>();
  /** Memberships by peer object: rules are matched again at every decision, and the text key costs more than the look-up. */
  private readonly peerMemberships = new Map<RulePeer, Membership>();
  private readonly portGroups = new Map<string, PortGroups>();
  private readonly contexts = new Map<string, DirectionContext>();
  private readonly ingressContextOf: DirectionContext[] = [];
  private readonly egressContextOf: DirectionContext[] = [];
  private readonly warned = new Set<string>();

  constructor(
    readonly model: ClusterModel,
    readonly policies: PolicySet,
    readonly diagnostics: NetpolDiagnostic[],
    options: EngineOptions = {},
  ) {
    const byKey = new Map<string, number>();
    const classOf = (namespace: string, labels: Labels, ports: readonly ContainerPort[]): PeerClass => {
      const key = classKey(namespace, labels, ports);
      let id = byKey.get(key);
      if (id === undefined) {
        id = this.classes.length;
        byKey.set(key, id);
        this.classes.push({ id, namespace, namespaceLabels: model.namespaces.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace }, labels, ports, workloads: [] });
      }
      return this.classes[id] as PeerClass;
    };
    for (const workload of model.workloads) {
      const peerClass = classOf(workload.namespace, workload.labels, workload.ports);
      peerClass.workloads.push(workload);
      this.classOfWorkload[workload.index] = peerClass.id;
    }
    this.ingressControllerClass = options.ingressController ? classOf(INGRESS_CONTROLLER_NAMESPACE, {}, []).id : undefined;
    for (const peerClass of this.classes) {
      appendTo(this.classesByNamespace, peerClass.namespace, peerClass.id);
      for (const key of Object.keys(peerClass.labels)) {
        let byValue = this.labelIndex.get(key);
        if (byValue === undefined) this.labelIndex.set(key, (byValue = new Map()));
        appendTo(byValue, peerClass.labels[key] as string, peerClass.id);
      }
    }

    const sourceSets: AddressIntervals[] = [];
    const destinationSets: AddressIntervals[] = [];
    const collect = (rules: readonly PolicyRule[] | undefined, into: AddressIntervals[]) => {
      for (const rule of rules ?? []) for (const peer of rule.peers) if (peer.kind === 'addresses') into.push(peer.addresses);
    };
    for (const policy of policies.networkPolicies) {
      collect(policy.ingress, sourceSets);
      collect(policy.egress, destinationSets);
    }
    // Admin policies name networks only as egress peers.
    for (const policy of [...policies.adminPolicies, ...(policies.baselinePolicy ? [policies.baselinePolicy] : [])]) collect(policy.egress, destinationSets);
    this.sourceRanges = partitionAddressSpace(sourceSets);
    this.destinationRanges = partitionAddressSpace(destinationSets);

    this.assignContexts();
  }

  /** Which classes a namespace test and a pod selector select together. */
  private podMembers(namespaceMatches: (namespace: string) => boolean, pods: Selector): Uint32Array {
    const bits = bitset(this.classes.length);
    if (pods.error !== undefined) return bits;
    // Start from the smallest posting list of an equality requirement, when there is one.
    let candidates: number[] | undefined;
    for (const requirement of pods.requirements) {
      if (requirement.operator !== 'In') continue;
      const union: number[] = [];
      const byValue = this.labelIndex.get(requirement.key);
      for (const value of requirement.values) {
        const posting = byValue?.get(value);
        if (posting !== undefined) for (const id of posting) union.push(id);
      }
      if (candidates === undefined || union.length < candidates.length) candidates = union;
    }
    const consider = (id: number) => {
      const peerClass = this.classes[id] as PeerClass;
      if (namespaceMatches(peerClass.namespace) && pods.matches(peerClass.labels)) setBit(bits, id);
    };
    if (candidates !== undefined) for (const id of candidates) consider(id);
    else {
      for (const [namespace, ids] of this.classesByNamespace) {
        if (!namespaceMatches(namespace)) continue;
        for (const id of ids) consider(id);
      }
    }
    return bits;
  }

  private namespaceTest(selector: Selector): (namespace: string) => boolean {
    const cache = new Map<string, boolean>();
    return (namespace) => {
      let result = cache.get(namespace);
      if (result === undefined) {
        result = selector.matches(this.model.namespaces.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace });
        cache.set(namespace, result);
      }
      return result;
    };
  }

  private membership(peer: RulePeer): Membership {
    let membership = this.peerMemberships.get(peer);
    if (membership === undefined) this.peerMemberships.set(peer, (membership = this.sharedMembership(peer)));
    return membership;
  }

  private sharedMembership(peer: RulePeer): Membership {
    switch (peer.kind) {
      case 'any':
        return ANY_MEMBER;
      case 'none':
        return NO_MEMBERS;
      case 'addresses': {
        const key = `addresses:${peer.addresses.join(',')}`;
        let membership = this.memberships.get(key);
        if (membership === undefined) this.memberships.set(key, (membership = { any: false, classes: undefined, addresses: peer.addresses }));
        return membership;
      }
      case 'pods': {
        const scope = peer.namespaces.kind === 'name' ? `name:${peer.namespaces.name}` : `selector:${peer.namespaces.selector.key}`;
        const key = `${scope}\u0000${peer.pods.key}`;
        let membership = this.memberships.get(key);
        if (membership === undefined) {
          const namespaces = peer.namespaces;
          const test = namespaces.kind === 'name' ? (namespace: string) => namespace === namespaces.name : this.namespaceTest(namespaces.selector);
          membership = { any: false, classes: this.podMembers(test, peer.pods), addresses: undefined };
          this.memberships.set(key, membership);
        }
        return membership;
      }
    }
  }

  /** Bit per range of one side for the ranges inside an address peer. */
  private rangeMembers(membership: Membership, direction: Direction): Uint32Array {
    membership.ranges ??= {};
    let bits = membership.ranges[direction];
    if (bits === undefined) {
      const ranges = this.rangesOf(direction);
      bits = bitset(ranges.length);
      const addresses = membership.addresses ?? [];
      ranges.forEach((range, index) => {
        if (containsRange(addresses, range.start, range.end)) setBit(bits as Uint32Array, index);
      });
      membership.ranges[direction] = bits;
    }
    return bits;
  }

  /** Classes grouped by what a container port name resolves to. */
  private portGroupsOf(name: string): PortGroups {
    let groups = this.portGroups.get(name);
    if (groups === undefined) {
      const groupOf = new Int32Array(this.classes.length).fill(-1);
      const byValue = new Map<string, number>();
      const sets: Uint32Array[] = [];
      for (const peerClass of this.classes) {
        const port = resolveNamedPort(peerClass, name);
        if (port === undefined) continue;
        const value = `${port.protocol}/${port.port}`;
        let group = byValue.get(value);
        if (group === undefined) {
          group = sets.length;
          byValue.set(value, group);
          sets.push(bitset(this.classes.length));
        }
        groupOf[peerClass.id] = group;
        setBit(sets[group] as Uint32Array, peerClass.id);
      }
      this.portGroups.set(name, (groups = { groupOf, groups: sets }));
    }
    return groups;
  }

  /** Classes an admin policy's subject selects. */
  private subjectMembers(policy: AdminPolicyModel): Uint32Array {
    const subject = policy.subject;
    if (subject.kind === 'none') return bitset(this.classes.length);
    return this.podMembers(this.namespaceTest(subject.namespaces), subject.kind === 'pods' ? subject.pods : EVERYTHING);
  }

  /** Finds, for every class and direction, the policies that decide it, and shares one context among classes with the same ones. */
  private assignContexts(): void {
    const count = this.classes.length;
    const selected: Record<Direction, number[][]> = { ingress: [], egress: [] };
    const admin: Record<Direction, number[][]> = { ingress: [], egress: [] };
    const baseline = { ingress: new Uint8Array(count), egress: new Uint8Array(count) };
    for (let id = 0; id < count; id++) {
      selected.ingress.push([]);
      selected.egress.push([]);
      admin.ingress.push([]);
      admin.egress.push([]);
    }
    this.policies.networkPolicies.forEach((policy, index) => {
      const bits = this.podMembers((namespace) => namespace === policy.namespace, policy.podSelector);
      for (const id of this.classesByNamespace.get(policy.namespace) ?? []) {
        if (!hasBit(bits, id)) continue;
        if (policy.ingress !== undefined) (selected.ingress[id] as number[]).push(index);
        if (policy.egress !== undefined) (selected.egress[id] as number[]).push(index);
      }
    });
    this.policies.adminPolicies.forEach((policy, index) => {
      if (policy.ingress.length === 0 && policy.egress.length === 0) return;
      const bits = this.subjectMembers(policy);
      for (let id = 0; id < count; id++) {
        if (!hasBit(bits, id)) continue;
        // An admin policy affects only the directions it has rules for.
        if (policy.ingress.length > 0) (admin.ingress[id] as number[]).push(index);
        if (policy.egress.length > 0) (admin.egress[id] as number[]).push(index);
      }
    });
    const baselinePolicy = this.policies.baselinePolicy;
    if (baselinePolicy !== undefined) {
      const bits = this.subjectMembers(baselinePolicy);
      for (let id = 0; id < count; id++) {
        if (!hasBit(bits, id)) continue;
        if (baselinePolicy.ingress.length > 0) baseline.ingress[id] = 1;
        if (baselinePolicy.egress.length > 0) baseline.egress[id] = 1;
      }
    }
    // Most classes share their policies with others: the policy lists (and the named ports of
    // their rules) are made once per combination, not once per class.
    const combinations = new Map<string, { policies: DirectionPolicies; names: readonly string[] }>();
    for (let id = 0; id < count; id++) {
      for (const direction of ['ingress', 'egress'] as const) {
        const adminIndexes = admin[direction][id] as number[];
        const networkIndexes = selected[direction][id] as number[];
        const withBaseline = baseline[direction][id] === 1;
        const policyKey = `${direction}|${adminIndexes.join(',')}|${networkIndexes.join(',')}|${withBaseline ? 1 : 0}`;
        let combination = combinations.get(policyKey);
        if (combination === undefined) {
          const policies: DirectionPolicies = {
            admin: adminIndexes.map((index) => this.policies.adminPolicies[index] as AdminPolicyModel),
            network: networkIndexes.map((index) => this.policies.networkPolicies[index] as NetworkPolicyModel),
            baseline: withBaseline ? baselinePolicy : undefined,
          };
          // Only ingress rules' named ports resolve against the protected pods (egress ones, against each destination).
          combination = { policies, names: direction === 'ingress' ? namedPortsOf(policies, direction) : NO_NAMES };
          combinations.set(policyKey, combination);
        }
        const { policies, names } = combination;
        let key = policyKey;
        // Named ports in ingress rules resolve against the pods being protected: classes share a
        // context only when those names resolve alike for them.
        let ownPorts: readonly ContainerPort[] | undefined;
        if (names.length > 0) {
          ownPorts = (this.classes[id] as PeerClass).ports;
          key += `|${names.map((name) => { const port = resolveNamedPort({ ports: ownPorts as readonly ContainerPort[] }, name); return port === undefined ? '-' : `${port.protocol}/${port.port}`; }).join(',')}`;
        }
        let context = this.contexts.get(key);
        if (context === undefined) this.contexts.set(key, (context = new DirectionContext(direction, policies, ownPorts)));
        (direction === 'ingress' ? this.ingressContextOf : this.egressContextOf).push(context);
      }
    }
  }

  /**
   * Fills in the selectors that tell a context's peers apart, the first time it decides: many
   * contexts are only asked which policies they hold (the posture checks), never to decide.
   */
  private realize(context: DirectionContext): DirectionContext {
    if (context.realized) return context;
    context.realized = true;
    const { direction, policies } = context;
    const classSelectors = new Set<Uint32Array>();
    const rangeSelectors = new Set<Uint32Array>();
    const portNames = new Set<string>();
    for (const rule of directionRules(policies, direction)) {
      for (const peer of rule.peers) {
        const membership = this.membership(peer);
        if (membership.classes !== undefined) classSelectors.add(membership.classes);
        if (membership.addresses !== undefined) rangeSelectors.add(this.rangeMembers(membership, direction));
      }
      // Egress named ports resolve against each destination, which patterns must then tell apart.
      if (direction === 'egress' && !rule.ports.all) for (const named of rule.ports.named) portNames.add(named.name);
    }
    context.classSelectors.push(...classSelectors);
    context.rangeSelectors.push(...rangeSelectors);
    context.portNames.push(...portNames);
    let bits = context.classSelectors.length + context.rangeSelectors.length;
    for (const name of context.portNames) bits += Math.log2(this.portGroupsOf(name).groups.length + 2);
    context.textKeys = bits > 50;
    return context;
  }

  /** The policies deciding a direction of traffic for a class. */
  policiesFor(classId: number, direction: Direction): DirectionPolicies {
    return this.contextOf(classId, direction).policies;
  }

  private contextOf(classId: number, direction: Direction): DirectionContext {
    return (direction === 'ingress' ? this.ingressContextOf : this.egressContextOf)[classId] as DirectionContext;
  }

  private rangesOf(direction: Direction): AddressRange[] {
    return direction === 'ingress' ? this.sourceRanges : this.destinationRanges;
  }

  /** Whether a rule peer selects an engine peer. */
  peerSelects(peer: RulePeer, target: EnginePeer): boolean {
    const membership = this.membership(peer);
    if (membership.any) return true;
    if (target.kind === 'class') return membership.classes !== undefined && hasBit(membership.classes, target.id);
    return membership.addresses !== undefined && containsRange(membership.addresses, target.range.start, target.range.end);
  }

  /** Whether any of a rule's peers selects the target. */
  ruleSelects(rule: PolicyRule, target: EnginePeer): boolean {
    for (const peer of rule.peers) if (this.peerSelects(peer, target)) return true;
    return false;
  }

  /**
   * The connections a rule's ports allow towards a destination: named ports resolve against
   * the destination's container ports; an external destination has none.
   */
  rulePorts(rule: PolicyRule, destinationPorts: readonly ContainerPort[] | undefined, policyName: string): ConnectionSet {
    const ports = rule.ports;
    if (ports.all) return ConnectionSet.ALL;
    if (ports.named.length === 0) return ports.fixed;
    let result = ports.fixed;
    for (const named of ports.named) {
      if (destinationPorts === undefined) {
        const key = `${policyName}\u0000${named.name}`;
        if (!this.warned.has(key)) {
          this.warned.add(key);
          this.diagnostics.push({ severity: 'warning', code: 'named-port-ip-peer', message: `${policyName}: named port ${named.name} is not defined for IP addresses; skipped for them` });
        }
        continue;
      }
      const resolved = resolveNamedPort({ ports: destinationPorts }, named.name);
      if (resolved === undefined) continue;
      if (named.protocol !== undefined && resolved.protocol !== named.protocol) continue;
      result = result.union(ConnectionSet.range(resolved.protocol, resolved.port));
    }
    return result;
  }

  /**
   * Connections one direction's policies allow between the context's pods and a peer. With a
   * trace, records what each layer and rule decided (and visits every rule that matches).
   */
  private decide(context: DirectionContext, peer: EnginePeer, trace?: DecisionTrace): ConnectionSet {
    const direction = context.direction;
    const destinationPorts = direction === 'ingress' ? (context.ownPorts ?? []) : peer.kind === 'class' ? (this.classes[peer.id] as PeerClass).ports : undefined;
    let allowed = ConnectionSet.EMPTY;
    let denied = ConnectionSet.EMPTY;
    let decided = ConnectionSet.EMPTY;
    for (const policy of context.policies.admin) {
      for (const rule of policy[direction]) {
        if (rule.action === undefined || !this.ruleSelects(rule, peer)) continue;
        // Earlier rules (and policies of higher precedence) win: a rule decides only what is still open.
        const ports = this.rulePorts(rule, destinationPorts, `AdminNetworkPolicy ${policy.name}`);
        const matched = ports.subtract(decided);
        trace?.admin.push({ policy, rule, ports, decided: matched });
        if (matched.isEmpty()) continue;
        if (rule.action === 'Allow') allowed = allowed.union(matched);
        else if (rule.action === 'Deny') denied = denied.union(matched);
        decided = decided.union(matched);
      }
      if (decided.isAll() && trace === undefined) break;
    }
    // Passed connections and those no admin rule matched are left to the next layers.
    const remaining = ConnectionSet.ALL.subtract(allowed).subtract(denied);
    if (trace !== undefined) trace.remaining = remaining;
    if (remaining.isEmpty() && trace === undefined) return allowed;
    if (context.policies.network.length > 0) {
      let networkAllowed = ConnectionSet.EMPTY;
      for (const policy of context.policies.network) {
        for (const rule of policy[direction] ?? []) {
          if (!this.ruleSelects(rule, peer)) continue;
          const ports = this.rulePorts(rule, destinationPorts, `NetworkPolicy ${policy.namespace}/${policy.name}`);
          trace?.network.push({ policy, rule, ports });
          networkAllowed = networkAllowed.union(ports);
          if (networkAllowed.isAll() && trace === undefined) break;
        }
        if (networkAllowed.isAll() && trace === undefined) break;
      }
      return allowed.union(remaining.intersect(networkAllowed));
    }
    const baseline = context.policies.baseline;
    if (baseline !== undefined) {
      let baselineDecided = ConnectionSet.EMPTY;
      let baselineDenied = ConnectionSet.EMPTY;
      for (const rule of baseline[direction]) {
        if (rule.action === undefined || !this.ruleSelects(rule, peer)) continue;
        const ports = this.rulePorts(rule, destinationPorts, `BaselineAdminNetworkPolicy ${baseline.name}`);
        const matched = ports.subtract(baselineDecided);
        trace?.baseline.push({ policy: baseline, rule, ports, decided: matched.intersect(remaining) });
        if (rule.action === 'Deny') baselineDenied = baselineDenied.union(matched);
        baselineDecided = baselineDecided.union(matched);
      }
      return allowed.union(remaining.subtract(baselineDenied));
    }
    return allowed.union(remaining);
  }

  /**
   * Why one direction allows what it does between a class and a peer: the policies deciding
   * it, every rule that matches the peer, and what each decided.
   */
  explain(classId: number, direction: Direction, peer: EnginePeer): DirectionExplanation {
    const context = this.contextOf(classId, direction);
    const trace: DecisionTrace = { admin: [], network: [], baseline: [], remaining: ConnectionSet.ALL };
    const result = this.decide(context, peer, trace);
    return { direction, policies: context.policies, ...trace, result };
  }

  /** The pattern of a class in a context: which of the context's selectors hold it, and what its named ports resolve to. */
  private classPattern(context: DirectionContext, id: number): number | string {
    if (context.textKeys) {
      const parts: string[] = [];
      for (const bits of context.classSelectors) parts.push(hasBit(bits, id) ? '1' : '0');
      for (const name of context.portNames) parts.push(String(this.portGroupsOf(name).groupOf[id]));
      return parts.join(',');
    }
    let key = 0;
    for (const bits of context.classSelectors) key = key * 2 + (hasBit(bits, id) ? 1 : 0);
    for (const name of context.portNames) {
      const groups = this.portGroupsOf(name);
      key = key * (groups.groups.length + 1) + (groups.groupOf[id] as number) + 1;
    }
    return key;
  }

  private rangePattern(context: DirectionContext, index: number): number | string {
    if (context.textKeys) return context.rangeSelectors.map((bits) => (hasBit(bits, index) ? '1' : '0')).join('');
    let key = 0;
    for (const bits of context.rangeSelectors) key = key * 2 + (hasBit(bits, index) ? 1 : 0);
    return key;
  }

  private decideFor(unrealized: DirectionContext, peer: EnginePeer): ConnectionSet {
    const context = this.realize(unrealized);
    const [decisions, key] = peer.kind === 'class' ? [context.classDecisions, this.classPattern(context, peer.id)] : [context.rangeDecisions, this.rangePattern(context, rangeIndex(this.rangesOf(context.direction), peer.range.start))];
    let result = decisions.get(key);
    if (result === undefined) {
      result = this.decide(context, peer);
      decisions.set(key, result);
    }
    return result;
  }

  /** Connections a class's egress policies allow towards a peer. */
  egress(classId: number, peer: EnginePeer): ConnectionSet {
    return this.decideFor(this.contextOf(classId, 'egress'), peer);
  }

  /** Connections a class's ingress policies allow from a peer. */
  ingress(classId: number, peer: EnginePeer): ConnectionSet {
    return this.decideFor(this.contextOf(classId, 'ingress'), peer);
  }

  /** Allowed connections from one peer to another: the source's egress and the destination's ingress together. */
  connection(source: EnginePeer, destination: EnginePeer): ConnectionSet {
    if (source.kind === 'range' && destination.kind === 'range') return ConnectionSet.EMPTY;
    if (source.kind === 'range') return this.ingress((destination as { id: number }).id, source);
    if (destination.kind === 'range') return this.egress(source.id, destination);
    const out = this.egress(source.id, destination);
    if (out.isEmpty()) return out;
    return out.intersect(this.ingress(destination.id, source));
  }

  /** As `connection`, but evaluating the rules afresh instead of reusing decisions of peers with the same pattern (slow; for cross-checks). */
  connectionUncached(source: EnginePeer, destination: EnginePeer): ConnectionSet {
    if (source.kind === 'range' && destination.kind === 'range') return ConnectionSet.EMPTY;
    if (source.kind === 'range') return this.decide(this.contextOf((destination as { id: number }).id, 'ingress'), source);
    if (destination.kind === 'range') return this.decide(this.contextOf(source.id, 'egress'), destination);
    return this.decide(this.contextOf(source.id, 'egress'), destination).intersect(this.decide(this.contextOf(destination.id, 'ingress'), source));
  }

  /**
   * Decides, for every context (the ingress and the egress side of every class), every
   * pattern of peers that occurs: the full ingress and egress reachability of the cluster in
   * compressed form. Peers are split by the context's selectors as bitsets, so the work grows
   * with contexts × patterns, not with pairs of pods. Returns the number of decisions.
   */
  precompute(): number {
    let decisions = 0;
    const allClasses = bitset(this.classes.length);
    for (let id = 0; id < this.classes.length; id++) setBit(allClasses, id);
    for (const context of this.contexts.values()) {
      this.realize(context);
      let parts: Uint32Array[] | undefined = [allClasses];
      const splitters = [...context.classSelectors, ...context.portNames.flatMap((name) => this.portGroupsOf(name).groups)];
      for (const by of splitters) {
        parts = refine(parts, by);
        if (parts.length > MAX_REFINED_PARTS) {
          parts = undefined;
          break;
        }
      }
      if (parts === undefined) {
        for (let id = 0; id < this.classes.length; id++) this.decideFor(context, { kind: 'class', id });
        decisions += context.classDecisions.size;
      } else {
        for (const part of parts) this.decideFor(context, { kind: 'class', id: firstBit(part) });
        decisions += parts.length;
      }
      const ranges = this.rangesOf(context.direction);
      const allRanges = bitset(ranges.length);
      for (let i = 0; i < ranges.length; i++) setBit(allRanges, i);
      let rangeParts: Uint32Array[] = [allRanges];
      for (const by of context.rangeSelectors) rangeParts = refine(rangeParts, by);
      for (const part of rangeParts) this.decideFor(context, { kind: 'range', range: ranges[firstBit(part)] as AddressRange });
      decisions += rangeParts.length;
    }
    return decisions;
  }

  /** Number of distinct direction contexts (sets of policies deciding a class's traffic). */
  get contextCount(): number {
    return this.contexts.size;
  }
}

function rangeIndex(ranges: readonly AddressRange[], start: number): number {
  let low = 0;
  let high = ranges.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((ranges[middle] as AddressRange).start <= start) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** The container port names a direction's rules use, sorted. */
function namedPortsOf(policies: DirectionPolicies, direction: Direction): string[] {
  const names = new Set<string>();
  for (const rule of directionRules(policies, direction)) if (!rule.ports.all) for (const named of rule.ports.named) names.add(named.name);
  return [...names].sort();
}
