import { BulwarkError } from '../errors/index.js';
import { parseCidr } from './addresses.js';
import { enginePeer, INGRESS_CONTROLLER_NAME, peerName, type Peer, type ReachabilityAnalysis } from './analysis.js';
import { ConnectionSet } from './connections.js';
import type { AdminRuleStep, Direction, DirectionExplanation } from './engine.js';
import { ruleLabel, type PolicyRule } from './policies.js';

/** Why traffic from one peer to another is allowed or not. */
export interface ConnectionExplanation {
  source: Peer;
  destination: Peer;
  allowed: ConnectionSet;
  /** Undefined when the source is outside the cluster: nothing restricts its egress. */
  egress: DirectionExplanation | undefined;
  /** Undefined when the destination is outside the cluster. */
  ingress: DirectionExplanation | undefined;
  /** For the ingress controller: the ports Ingress/Route objects forward to the destination. */
  exposed?: { connections: ConnectionSet; objects: string[] };
}

/**
 * The peers a command-line argument names: a workload (`name` or `namespace/name`), the
 * `ingress-controller`, or an IPv4 address or CIDR, which stands for the ranges of addresses
 * that policies tell apart on that side (sources: ingress rules; destinations: egress rules).
 */
export function resolvePeers(analysis: ReachabilityAnalysis, text: string, side: 'source' | 'destination'): Peer[] {
  if (text === INGRESS_CONTROLLER_NAME || text === `{${INGRESS_CONTROLLER_NAME}}`) {
    if (analysis.ingress === undefined) throw new BulwarkError('BULWARK_E_USAGE', 'the input has no Ingress or Route object leading to a workload, so there is no ingress controller to explain');
    if (side === 'destination') throw new BulwarkError('BULWARK_E_USAGE', 'the ingress controller is only ever a source');
    return [{ kind: 'ingress-controller' }];
  }
  const cidr = parseCidr(text.includes('/') ? text : `${text}/32`);
  if (cidr.ok) {
    const ranges = side === 'source' ? analysis.engine.sourceRanges : analysis.engine.destinationRanges;
    return ranges.filter((range) => range.end >= cidr.start && range.start <= cidr.end).map((range): Peer => ({ kind: 'range', range }));
  }
  const workloads = analysis.model.workloads.filter((workload) => workload.name === text || `${workload.namespace}/${workload.name}` === text || peerName({ kind: 'workload', workload }) === text);
  if (workloads.length === 0) throw new BulwarkError('BULWARK_E_USAGE', `no workload "${text}" in the input`, 'Name a workload as name or namespace/name, or give an IP address or CIDR.');
  return workloads.map((workload): Peer => ({ kind: 'workload', workload }));
}

/** Explains the connections from one peer to another. */
export function explainConnection(analysis: ReachabilityAnalysis, source: Peer, destination: Peer): ConnectionExplanation {
  if (source.kind === 'range' && destination.kind === 'range') {
    throw new BulwarkError('BULWARK_E_USAGE', 'at least one end of a connection must be a workload');
  }
  const engine = analysis.engine;
  const from = enginePeer(analysis, source);
  const to = enginePeer(analysis, destination);
  const egress = from.kind === 'class' ? engine.explain(from.id, 'egress', to) : undefined;
  const ingress = to.kind === 'class' ? engine.explain(to.id, 'ingress', from) : undefined;
  let allowed = (egress?.result ?? ConnectionSet.ALL).intersect(ingress?.result ?? ConnectionSet.ALL);
  let exposed: ConnectionExplanation['exposed'];
  if (source.kind === 'ingress-controller' && destination.kind === 'workload') {
    const exposure = analysis.ingress?.find((candidate) => candidate.workload === destination.workload);
    exposed = { connections: exposure?.connections ?? ConnectionSet.EMPTY, objects: exposure?.objects ?? [] };
    allowed = allowed.intersect(exposed.connections);
  }
  return { source, destination, allowed, egress, ingress, ...(exposed !== undefined ? { exposed } : {}) };
}

function ruleName(rule: PolicyRule, direction: Direction): string {
  return `${direction} rule ${ruleLabel(rule)}`;
}

function adminLine(step: AdminRuleStep, direction: Direction): string {
  const kind = step.policy.kind === 'AdminNetworkPolicy' ? `AdminNetworkPolicy ${step.policy.name} (priority ${step.policy.priority})` : `BaselineAdminNetworkPolicy ${step.policy.name}`;
  const what = step.decided.isEmpty() ? `matches ${step.ports.toString()}, all decided by earlier rules` : `${step.rule.action} ${step.decided.toString()}${step.decided.equals(step.ports) ? '' : ` (of ${step.ports.toString()}; the rest was decided before)`}`;
  return `${kind}, ${ruleName(step.rule, direction)}: ${what}`;
}

/** The reasons of one direction, as indented lines. */
function directionLines(explanation: DirectionExplanation, subject: string): string[] {
  const { direction, policies } = explanation;
  const lines: string[] = [];
  for (const step of explanation.admin) lines.push(adminLine(step, direction));
  if (policies.network.length > 0) {
    const names = policies.network.map((policy) => `${policy.namespace}/${policy.name}`).join(', ');
    const plural = policies.network.length > 1;
    const among = ConnectionSet.ALL.subtract(explanation.remaining).isEmpty() ? '' : ', among what admin policies leave open,';
    lines.push(`${plural ? 'NetworkPolicies' : 'NetworkPolicy'} ${names} select${plural ? '' : 's'} ${subject} for ${direction}: only what ${plural ? 'their' : 'its'} rules allow${among} is allowed`);
    if (explanation.network.length === 0) lines.push(`  no ${direction} rule selects the peer`);
    for (const step of explanation.network) {
      const unresolved = step.ports.isEmpty() && step.rule.ports.named.length > 0 ? `: named port${step.rule.ports.named.length > 1 ? 's' : ''} ${step.rule.ports.named.map((port) => port.name).join(', ')} match${step.rule.ports.named.length > 1 ? '' : 'es'} no container port of the destination` : '';
      lines.push(`  NetworkPolicy ${step.policy.namespace}/${step.policy.name}, ${ruleName(step.rule, direction)}: allows ${unresolved ? 'nothing' : step.ports.toString()}${unresolved}`);
    }
  } else if (policies.baseline !== undefined) {
    for (const step of explanation.baseline) lines.push(adminLine(step, direction));
    lines.push(`no NetworkPolicy selects ${subject} for ${direction}: what ${policies.admin.length > 0 ? 'admin policies and ' : ''}the baseline policy leave open is allowed`);
  } else if (policies.admin.length > 0) {
    lines.push(`no NetworkPolicy selects ${subject} for ${direction}: what admin policies leave open (${explanation.remaining.toString()}) is allowed`);
  } else {
    lines.push(`no policy selects ${subject} for ${direction}: allowed by default`);
  }
  return lines;
}

/** The explanation for people. */
export function renderExplanationText(explanations: readonly ConnectionExplanation[]): string {
  const blocks = explanations.map((explanation) => {
    const source = peerName(explanation.source);
    const destination = peerName(explanation.destination);
    const lines = [`${source} => ${destination}`, `  allowed: ${explanation.allowed.toString()}`];
    const denied = ConnectionSet.ALL.subtract(explanation.allowed);
    if (!denied.isEmpty()) lines.push(`  denied:  ${denied.toString()}`);
    lines.push('');
    if (explanation.egress === undefined) lines.push(`  egress from ${source}: not restricted (outside the cluster)`);
    else {
      lines.push(`  egress from ${source}: ${explanation.egress.result.toString()}`);
      for (const line of directionLines(explanation.egress, source)) lines.push(`    ${line}`);
    }
    if (explanation.ingress === undefined) lines.push(`  ingress to ${destination}: not restricted (outside the cluster)`);
    else {
      lines.push(`  ingress to ${destination}: ${explanation.ingress.result.toString()}`);
      for (const line of directionLines(explanation.ingress, destination)) lines.push(`    ${line}`);
    }
    if (explanation.exposed !== undefined) {
      lines.push(`  forwarded by ${explanation.exposed.objects.length > 0 ? explanation.exposed.objects.join(', ') : 'no Ingress or Route'}: ${explanation.exposed.connections.toString()}`);
    }
    return lines.join('\n');
  });
  return blocks.length === 0 ? 'No such peers.\n' : `${blocks.join('\n\n')}\n`;
}

function directionJson(explanation: DirectionExplanation | undefined) {
  if (explanation === undefined) return null;
  const direction = explanation.direction;
  const admin = (step: AdminRuleStep) => ({ kind: step.policy.kind, policy: step.policy.name, rule: ruleLabel(step.rule), action: step.rule.action ?? null, ports: step.ports.toString(), decided: step.decided.toString() });
  return {
    result: explanation.result.toString(),
    adminPolicies: explanation.policies.admin.map((policy) => ({ name: policy.name, priority: policy.priority })),
    adminRules: explanation.admin.map(admin),
    leftOpenByAdminPolicies: explanation.remaining.toString(),
    networkPolicies: explanation.policies.network.map((policy) => `${policy.namespace}/${policy.name}`),
    networkRules: explanation.network.map((step) => ({ policy: `${step.policy.namespace}/${step.policy.name}`, rule: `spec.${direction}[${step.rule.index}]`, allows: step.ports.toString() })),
    baselinePolicy: explanation.policies.baseline?.name ?? null,
    baselineRules: explanation.baseline.map(admin),
  };
}

/** The explanation as data (`schemaVersion` 1.0.0). */
export function renderExplanationJson(explanations: readonly ConnectionExplanation[]): string {
  const data = explanations.map((explanation) => ({
    source: peerName(explanation.source),
    destination: peerName(explanation.destination),
    allowed: explanation.allowed.toString(),
    denied: ConnectionSet.ALL.subtract(explanation.allowed).toString(),
    egress: directionJson(explanation.egress),
    ingress: directionJson(explanation.ingress),
    ...(explanation.exposed !== undefined ? { exposedBy: { objects: explanation.exposed.objects, connections: explanation.exposed.connections.toString() } } : {}),
  }));
  return `${JSON.stringify({ schemaVersion: '1.0.0', connections: data }, null, 2)}\n`;
}
