import { isRecord, stringsOf, type Resource } from '../model/resource.js';
import { parseFieldPath } from '../yaml/path.js';
import { parseCidr, type AddressIntervals } from './addresses.js';
import { ConnectionSet, isProtocol, type Protocol } from './connections.js';
import { objectName, type NetpolDiagnostic } from './diagnostics.js';
import { mergeRanges, subtractIntervals, unionIntervals } from './intervals.js';
import { compileSelector, EVERYTHING, type Selector } from './selectors.js';

/** A port a rule names by container port name; resolved against the destination pod. */
export interface NamedRulePort {
  name: string;
  /** NetworkPolicy: the rule's protocol, which the container port must match. Admin policies: undefined, the container port's protocol counts. */
  protocol?: Protocol;
}

/** What a rule's `ports` allow, before named ports are resolved. */
export interface RulePorts {
  /** No `ports`: every protocol and port. */
  all: boolean;
  fixed: ConnectionSet;
  named: readonly NamedRulePort[];
}

/** Which namespaces a pod peer may live in. */
export type NamespaceScope = { kind: 'name'; name: string } | { kind: 'selector'; selector: Selector };

/** One entry of a rule's `from`/`to`, normalised. */
export type RulePeer =
  /** No peers listed: every pod and every address. */
  | { kind: 'any' }
  | { kind: 'pods'; namespaces: NamespaceScope; pods: Selector }
  | { kind: 'addresses'; addresses: AddressIntervals; text: string }
  /** Invalid or unsupported: selects nothing. */
  | { kind: 'none' };

export type RuleAction = 'Allow' | 'Deny' | 'Pass';

export interface PolicyRule {
  /** 0-based position among the policy's rules of this direction. */
  index: number;
  /** Admin policies name their rules. */
  name?: string;
  /** Admin policies only; NetworkPolicy rules always allow. */
  action?: RuleAction;
  peers: readonly RulePeer[];
  ports: RulePorts;
}

/** How a rule is named in messages: its name, else its place among the rules of its direction (`#1`). */
export function ruleLabel(rule: { name?: string | undefined; index: number }): string {
  return rule.name ?? `#${rule.index + 1}`;
}

export interface NetworkPolicyModel {
  resource: Resource;
  namespace: string;
  name: string;
  podSelector: Selector;
  /** Undefined when the policy does not affect ingress; empty when it isolates without allowing anything. */
  ingress: readonly PolicyRule[] | undefined;
  egress: readonly PolicyRule[] | undefined;
}

/** Which pods an admin policy applies to. */
export type AdminSubject = { kind: 'namespaces'; namespaces: Selector } | { kind: 'pods'; namespaces: Selector; pods: Selector } | { kind: 'none' };

export interface AdminPolicyModel {
  resource: Resource;
  kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
  name: string;
  /** Lower numbers take precedence; BaselineAdminNetworkPolicy has none. */
  priority: number;
  subject: AdminSubject;
  ingress: readonly PolicyRule[];
  egress: readonly PolicyRule[];
}

export interface PolicySet {
  networkPolicies: NetworkPolicyModel[];
  /** Sorted by priority, lowest number first. */
  adminPolicies: AdminPolicyModel[];
  baselinePolicy: AdminPolicyModel | undefined;
}

type Report = (code: string, message: string, severity?: NetpolDiagnostic['severity']) => void;

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The compiled selector at `where` + `field` (the field's path written only when there is something to say). */
function selectorOrInvalid(raw: unknown, where: string, field: string, report: Report): Selector {
  const selector = compileSelector(raw);
  if (selector.error !== undefined) report('invalid-selector', `${where}${field}: ${selector.error}; it selects nothing`);
  return selector;
}

function parseAddresses(cidr: unknown, except: unknown, where: string, report: Report): RulePeer {
  if (typeof cidr !== 'string') {
    report('invalid-cidr', `${where}: ipBlock needs a cidr; the peer is ignored`);
    return { kind: 'none' };
  }
  const block = parseCidr(cidr);
  if (!block.ok) {
    if (block.reason === 'ipv6') report('ipv6-unsupported', `${where}: IPv6 block ${cidr} is not analysed; the peer is ignored`, 'warning');
    else report('invalid-cidr', `${where}: invalid CIDR address ${cidr}; the peer is ignored`);
    return { kind: 'none' };
  }
  const excluded: [number, number][] = [];
  for (const item of list(except)) {
    const parsed = typeof item === 'string' ? parseCidr(item) : ({ ok: false, reason: 'invalid' } as const);
    if (parsed.ok) excluded.push([parsed.start, parsed.end]);
    else if (parsed.reason === 'ipv6') report('ipv6-unsupported', `${where}: IPv6 exception ${String(item)} is not analysed`, 'warning');
    else {
      report('invalid-cidr', `${where}: invalid CIDR address ${String(item)} in except; the peer is ignored`);
      return { kind: 'none' };
    }
  }
  const exceptions = stringsOf(except);
  return {
    kind: 'addresses',
    addresses: subtractIntervals([block.start, block.end], mergeRanges(excluded)),
    text: exceptions.length > 0 ? `${cidr} except ${exceptions.join(', ')}` : cidr,
  };
}

function networkPolicyPeer(raw: unknown, namespace: string, where: string, report: Report): RulePeer {
  if (!isRecord(raw)) {
    report('invalid-peer', `${where}: a peer must be an object; it is ignored`);
    return { kind: 'none' };
  }
  const hasPods = raw.podSelector !== undefined && raw.podSelector !== null;
  const hasNamespaces = raw.namespaceSelector !== undefined && raw.namespaceSelector !== null;
  const hasBlock = raw.ipBlock !== undefined && raw.ipBlock !== null;
  if (!hasPods && !hasNamespaces && !hasBlock) {
    report('invalid-peer', `${where}: cannot have empty rule peer; it is ignored`);
    return { kind: 'none' };
  }
  if (hasBlock && (hasPods || hasNamespaces)) {
    report('invalid-peer', `${where}: cannot have both IPBlock and PodSelector/NamespaceSelector set; the peer is ignored`);
    return { kind: 'none' };
  }
  if (hasBlock) {
    const block = isRecord(raw.ipBlock) ? raw.ipBlock : {};
    return parseAddresses(block.cidr, block.except, where, report);
  }
  return {
    kind: 'pods',
    namespaces: hasNamespaces ? { kind: 'selector', selector: selectorOrInvalid(raw.namespaceSelector, where, '.namespaceSelector', report) } : { kind: 'name', name: namespace },
    pods: hasPods ? selectorOrInvalid(raw.podSelector, where, '.podSelector', report) : EVERYTHING,
  };
}

function networkPolicyPorts(raw: unknown, where: string, report: Report): RulePorts {
  const entries = list(raw);
  if (entries.length === 0) return { all: true, fixed: ConnectionSet.EMPTY, named: [] };
  let fixed = ConnectionSet.EMPTY;
  const named: NamedRulePort[] = [];
  entries.forEach((entry, i) => {
    // Where the entry is, for a diagnostic: written only when there is one.
    const at = () => `${where}.ports[${i}]`;
    if (!isRecord(entry)) return report('invalid-port', `${at()}: a port must be an object; it is ignored`);
    const protocol = entry.protocol ?? 'TCP';
    if (!isProtocol(protocol)) return report('invalid-port', `${at()}: unknown protocol ${String(protocol)}; the port is ignored`);
    const port = entry.port;
    if (port === undefined || port === null) {
      fixed = fixed.union(ConnectionSet.protocol(protocol));
    } else if (typeof port === 'string') {
      if (entry.endPort !== undefined && entry.endPort !== null) return report('invalid-port', `${at()}: endPort field cannot be defined if the port field is defined as a named (string) port; the port is ignored`);
      named.push({ name: port, protocol });
    } else if (typeof port === 'number' && Number.isInteger(port)) {
      const end = typeof entry.endPort === 'number' ? entry.endPort : port;
      if (end < port) return report('invalid-port', `${at()}: endPort ${end} is below port ${port}; the port is ignored`);
      fixed = fixed.union(ConnectionSet.range(protocol, port, end));
    } else {
      report('invalid-port', `${at()}: port must be a number or a name; it is ignored`);
    }
  });
  return { all: false, fixed, named };
}

/** Whether a NetworkPolicy affects a direction: as listed in `policyTypes`, else Ingress always and Egress when it has egress rules. */
function affects(spec: Record<string, unknown>, direction: 'Ingress' | 'Egress'): boolean {
  const types = list(spec.policyTypes);
  if (types.length > 0) return types.includes(direction);
  return direction === 'Ingress' || list(spec.egress).length > 0;
}

function parseNetworkPolicy(resource: Resource, report: Report): NetworkPolicyModel {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const namespace = resource.namespace ?? 'default';
  const rules = (field: 'ingress' | 'egress'): PolicyRule[] =>
    list(spec[field]).map((rawRule, index) => {
      const rule = isRecord(rawRule) ? rawRule : {};
      const where = `spec.${field}[${index}]`;
      const peerField = field === 'ingress' ? 'from' : 'to';
      const rawPeers = list(rule[peerField]);
      const peers: RulePeer[] = rawPeers.length === 0 ? [{ kind: 'any' }] : rawPeers.map((peer, i) => networkPolicyPeer(peer, namespace, `${where}.${peerField}[${i}]`, report));
      return { index, peers, ports: networkPolicyPorts(rule.ports, where, report) };
    });
  return {
    resource,
    namespace,
    name: resource.name,
    // podSelector is required, but an absent or null one is read as {} (all pods of the namespace).
    podSelector: selectorOrInvalid(spec.podSelector, 'spec', '.podSelector', report),
    ingress: affects(spec, 'Ingress') ? rules('ingress') : undefined,
    egress: affects(spec, 'Egress') ? rules('egress') : undefined,
  };
}

function adminPorts(raw: unknown, where: string, report: Report): RulePorts {
  if (raw === undefined || raw === null) return { all: true, fixed: ConnectionSet.EMPTY, named: [] };
  let fixed = ConnectionSet.EMPTY;
  const named: NamedRulePort[] = [];
  list(raw).forEach((entry, i) => {
    const at = () => `${where}.ports[${i}]`;
    if (!isRecord(entry)) return report('invalid-port', `${at()}: a port must be an object; it is ignored`);
    const fields = ['portNumber', 'namedPort', 'portRange'].filter((field) => entry[field] !== undefined && entry[field] !== null);
    if (fields.length !== 1) return report('invalid-port', `${at()}: exactly one field must be set in an AdminNetworkPolicyPort; the port is ignored`);
    if (typeof entry.namedPort === 'string') return void named.push({ name: entry.namedPort });
    const value = isRecord(entry.portNumber) ? entry.portNumber : isRecord(entry.portRange) ? entry.portRange : undefined;
    if (value === undefined) return report('invalid-port', `${at()}: ${fields[0]} is malformed; the port is ignored`);
    const protocol = value.protocol === undefined || value.protocol === '' ? 'TCP' : value.protocol;
    if (!isProtocol(protocol)) return report('invalid-port', `${at()}: unknown protocol ${String(protocol)}; the port is ignored`);
    const start = entry.portNumber !== undefined ? value.port : value.start;
    const end = entry.portNumber !== undefined ? value.port : value.end;
    if (typeof start !== 'number' || typeof end !== 'number' || end < start) return report('invalid-port', `${at()}: invalid port numbers; the port is ignored`);
    fixed = fixed.union(ConnectionSet.range(protocol, start, end));
  });
  return { all: false, fixed, named };
}

function adminPeer(raw: unknown, direction: 'ingress' | 'egress', where: string, report: Report): RulePeer {
  if (!isRecord(raw)) {
    report('invalid-peer', `${where}: a peer must be an object; it is ignored`);
    return { kind: 'none' };
  }
  const fields = ['namespaces', 'pods', 'networks', 'nodes'].filter((field) => raw[field] !== undefined && raw[field] !== null);
  if (fields.length !== 1 || (direction === 'ingress' && (fields[0] === 'networks' || fields[0] === 'nodes'))) {
    report('invalid-peer', `${where}: exactly one of namespaces, pods${direction === 'egress' ? ', networks, nodes' : ''} must be set; the peer is ignored`);
    return { kind: 'none' };
  }
  switch (fields[0]) {
    case 'namespaces':
      return { kind: 'pods', namespaces: { kind: 'selector', selector: selectorOrInvalid(raw.namespaces, where, '.namespaces', report) }, pods: EVERYTHING };
    case 'pods': {
      const pods = isRecord(raw.pods) ? raw.pods : {};
      return {
        kind: 'pods',
        namespaces: { kind: 'selector', selector: selectorOrInvalid(pods.namespaceSelector ?? {}, where, '.pods.namespaceSelector', report) },
        pods: selectorOrInvalid(pods.podSelector ?? {}, where, '.pods.podSelector', report),
      };
    }
    case 'networks': {
      let addresses: AddressIntervals = [];
      const texts: string[] = [];
      for (const cidr of list(raw.networks)) {
        const peer = parseAddresses(cidr, undefined, `${where}.networks`, report);
        if (peer.kind === 'addresses') {
          addresses = unionIntervals(addresses, peer.addresses);
          texts.push(peer.text);
        }
      }
      return addresses.length === 0 ? { kind: 'none' } : { kind: 'addresses', addresses, text: texts.join(', ') };
    }
    default:
      report('unsupported-peer', `${where}: nodes peers are not analysed; the peer is ignored`, 'warning');
      return { kind: 'none' };
  }
}

function parseAdminPolicy(resource: Resource, kind: AdminPolicyModel['kind'], report: Report): AdminPolicyModel {
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  const rules = (direction: 'ingress' | 'egress'): PolicyRule[] =>
    list(spec[direction]).map((rawRule, index) => {
      const rule = isRecord(rawRule) ? rawRule : {};
      const name = typeof rule.name === 'string' ? rule.name : undefined;
      const where = `spec.${direction}[${index}] (${ruleLabel({ name, index })})`;
      const peerField = direction === 'ingress' ? 'from' : 'to';
      const rawPeers = list(rule[peerField]);
      let action: RuleAction | undefined;
      if (rule.action === 'Allow' || rule.action === 'Deny' || (rule.action === 'Pass' && kind === 'AdminNetworkPolicy')) action = rule.action;
      else report('invalid-action', `${where}: unrecognized action ${String(rule.action)}; the rule is ignored`);
      if (rawPeers.length === 0) report('invalid-peer', `${where}: ${peerField} field must be defined and contain at least one item; the rule is ignored`);
      const peers: RulePeer[] = action === undefined ? [] : rawPeers.map((peer, i) => adminPeer(peer, direction, `${where}.${peerField}[${i}]`, report));
      return { index, ...(name !== undefined ? { name } : {}), ...(action !== undefined ? { action } : {}), peers, ports: adminPorts(rule.ports, where, report) };
    });
  const rawSubject = isRecord(spec.subject) ? spec.subject : {};
  let subject: AdminSubject;
  const subjectFields = ['namespaces', 'pods'].filter((field) => rawSubject[field] !== undefined && rawSubject[field] !== null);
  if (subjectFields.length !== 1) {
    report('invalid-subject', 'spec.subject: exactly one of namespaces or pods must be set; the policy applies to no pod');
    subject = { kind: 'none' };
  } else if (subjectFields[0] === 'namespaces') {
    subject = { kind: 'namespaces', namespaces: selectorOrInvalid(rawSubject.namespaces, 'spec.subject', '.namespaces', report) };
  } else {
    const pods = isRecord(rawSubject.pods) ? rawSubject.pods : {};
    subject = {
      kind: 'pods',
      namespaces: selectorOrInvalid(pods.namespaceSelector ?? {}, 'spec.subject.pods', '.namespaceSelector', report),
      pods: selectorOrInvalid(pods.podSelector ?? {}, 'spec.subject.pods', '.podSelector', report),
    };
  }
  return { resource, kind, name: resource.name, priority: typeof spec.priority === 'number' ? spec.priority : 0, subject, ingress: rules('ingress'), egress: rules('egress') };
}

/** Calico and Antrea also have kinds named NetworkPolicy, with other fields: only the Kubernetes API's are read. */
function isKubernetesNetworkPolicy(resource: Resource): boolean {
  return resource.kind === 'NetworkPolicy' && (resource.apiVersion === 'networking.k8s.io/v1' || resource.apiVersion === 'extensions/v1beta1');
}

function isAdminNetworkPolicy(resource: Resource): boolean {
  return (resource.kind === 'AdminNetworkPolicy' || resource.kind === 'BaselineAdminNetworkPolicy') && resource.apiVersion.startsWith('policy.networking.k8s.io/');
}

/**
 * Reads every NetworkPolicy, AdminNetworkPolicy and BaselineAdminNetworkPolicy of the input.
 * Admin policies come sorted by priority. Problems become diagnostics; the part of a policy
 * they affect selects or allows nothing.
 */
export function readPolicies(resources: readonly Resource[], diagnostics: NetpolDiagnostic[]): PolicySet {
  const set: PolicySet = { networkPolicies: [], adminPolicies: [], baselinePolicy: undefined };
  const seen = new Set<string>();
  for (const resource of resources) {
    if (!isKubernetesNetworkPolicy(resource) && !isAdminNetworkPolicy(resource)) continue;
    const report: Report = (code, message, severity = 'error') => {
      // Messages start with the field they are about (`spec.ingress[0].from[1]: …`; admin rules add their name in parentheses).
      const path = parseFieldPath((message.split(': ')[0] as string).replace(/ \([^)]*\)/g, ''));
      diagnostics.push({ severity, code, message: `${objectName(resource)}: ${message}`, resource, ...(path !== undefined ? { path } : {}) });
    };
    if (resource.kind === 'NetworkPolicy') {
      const key = `${resource.namespace}/${resource.name}`;
      if (seen.has(key)) {
        report('duplicate-policy', 'defined more than once; only the first definition is used');
        continue;
      }
      seen.add(key);
      set.networkPolicies.push(parseNetworkPolicy(resource, report));
    } else if (resource.kind === 'AdminNetworkPolicy') {
      if (set.adminPolicies.some((policy) => policy.name === resource.name)) {
        report('duplicate-policy', 'defined more than once; only the first definition is used');
        continue;
      }
      const policy = parseAdminPolicy(resource, 'AdminNetworkPolicy', report);
      if (policy.priority < 0 || policy.priority > 1000) report('invalid-priority', `priority ${policy.priority} is outside 0-1000`, 'warning');
      set.adminPolicies.push(policy);
    } else if (resource.kind === 'BaselineAdminNetworkPolicy') {
      if (resource.name !== 'default') report('invalid-name', 'a BaselineAdminNetworkPolicy must be named default', 'warning');
      if (set.baselinePolicy !== undefined) {
        report('duplicate-policy', 'only one BaselineAdminNetworkPolicy may exist; this one is ignored');
        continue;
      }
      set.baselinePolicy = parseAdminPolicy(resource, 'BaselineAdminNetworkPolicy', report);
    }
  }
  set.adminPolicies.sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < set.adminPolicies.length; i++) {
    const [previous, current] = [set.adminPolicies[i - 1] as AdminPolicyModel, set.adminPolicies[i] as AdminPolicyModel];
    if (previous.priority === current.priority) {
      diagnostics.push({
        severity: 'warning',
        code: 'same-priority',
        message: `AdminNetworkPolicies ${previous.name} and ${current.name} have the same priority ${current.priority}: the cluster's order between them is undefined; they are taken in name order`,
        resource: current.resource,
      });
    }
  }
  return set;
}
