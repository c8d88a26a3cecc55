import type { Resource } from '../model/resource.js';
import { formatAddressRange, type AddressRange } from './addresses.js';
import type { ConnectionSet } from './connections.js';
import type { NetpolDiagnostic } from './diagnostics.js';
import { ReachabilityEngine, type EnginePeer } from './engine.js';
import { ingressExposure, type IngressExposure } from './ingress.js';
import { readPolicies, type PolicySet } from './policies.js';
import { buildClusterModel, workloadLabel, type ClusterModel, type Workload } from './workloads.js';

/** A party to a connection: a workload, a range of external addresses, or the ingress controller behind Ingress/Route objects. */
export type Peer = { kind: 'workload'; workload: Workload } | { kind: 'range'; range: AddressRange } | { kind: 'ingress-controller' };

export const INGRESS_CONTROLLER_NAME = 'ingress-controller';

/** How reports write a peer: `ns/name[Kind]`, `a.b.c.d-e.f.g.h[External]`, `{ingress-controller}`. */
export function peerName(peer: Peer): string {
  switch (peer.kind) {
    case 'workload':
      return workloadLabel(peer.workload);
    case 'range':
      return `${formatAddressRange(peer.range.start, peer.range.end)}[External]`;
    case 'ingress-controller':
      return `{${INGRESS_CONTROLLER_NAME}}`;
  }
}

/** Allowed traffic from one peer to another. */
export interface Connection {
  source: Peer;
  destination: Peer;
  connections: ConnectionSet;
}

/** Everything the reachability analysis knows about the input. */
export interface ReachabilityAnalysis {
  model: ClusterModel;
  policies: PolicySet;
  engine: ReachabilityEngine;
  /** Workloads reachable through Ingress/Route objects; undefined when the input has none (or no Service they lead to). */
  ingress: IngressExposure[] | undefined;
  diagnostics: NetpolDiagnostic[];
}

/** Reads workloads, namespaces, policies, Services, Ingresses and Routes from the input and prepares the engine. */
export function analyzeReachability(resources: readonly Resource[]): ReachabilityAnalysis {
  const diagnostics: NetpolDiagnostic[] = [];
  const model = buildClusterModel(resources, diagnostics);
  const policies = readPolicies(resources, diagnostics);
  const ingress = ingressExposure(resources, model.workloads, diagnostics);
  const engine = new ReachabilityEngine(model, policies, diagnostics, { ingressController: ingress !== undefined });
  return { model, policies, engine, ingress, diagnostics };
}

/** The engine's view of a workload or an address range. */
export function enginePeer(analysis: ReachabilityAnalysis, peer: Peer): EnginePeer {
  switch (peer.kind) {
    case 'workload':
      return { kind: 'class', id: analysis.engine.classOfWorkload[peer.workload.index] as number };
    case 'range':
      return { kind: 'range', range: peer.range };
    case 'ingress-controller':
      return { kind: 'class', id: analysis.engine.ingressControllerClass as number };
  }
}

/** Restricts a connectivity report to some workloads. */
export interface FocusOptions {
  /** Workloads (`name` or `namespace/name`) one end of each connection must be. */
  workloads?: readonly string[];
  /** With `workloads`: the other end must be one of these. */
  peers?: readonly string[];
  /** With `workloads`: only traffic into them (`ingress`) or out of them (`egress`). */
  direction?: 'ingress' | 'egress';
}

function matchesAny(peer: Peer, names: readonly string[] | undefined): boolean {
  if (names === undefined || names.length === 0) return true;
  if (peer.kind === 'range') return false;
  if (peer.kind === 'ingress-controller') return names.includes(INGRESS_CONTROLLER_NAME);
  const { name, namespace } = peer.workload;
  return names.includes(name) || names.includes(`${namespace}/${name}`);
}

/** Allowed connections, sorted by source then destination, and the workloads a graph should show. */
export interface ConnectionList {
  connections: Connection[];
  /** Workloads to draw even when no connection touches them (all of them, or the focused ones). */
  workloads: Workload[];
}

/** Code-unit order, the same on every machine (unlike `localeCompare`): how reports sort peer names. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every allowed connection between different peers where at least one end is a workload:
 * external ranges that ingress rules tell apart towards workloads, workloads towards ranges
 * that egress rules tell apart, workload to workload, and the ingress controller to
 * workloads that Ingress/Route objects expose (only the ports they forward that policies also
 * allow). A workload's traffic to itself is left out.
 */
export function listConnections(analysis: ReachabilityAnalysis, focus: FocusOptions = {}): ConnectionList {
  const engine = analysis.engine;
  const focused = (focus.workloads ?? []).length > 0;
  if (focused) {
    const known = (name: string) =>
      (name === INGRESS_CONTROLLER_NAME && analysis.ingress !== undefined) || analysis.model.workloads.some((workload) => workload.name === name || `${workload.namespace}/${workload.name}` === name);
    const missing = (focus.workloads ?? []).filter((name) => !known(name));
    for (const name of missing) analysis.diagnostics.push({ severity: 'warning', code: 'focus-workload-missing', message: `workload ${name} does not exist in the input resources` });
  }
  const include = (source: Peer, destination: Peer): boolean => {
    if (!focused) return true;
    const sourceFocus = matchesAny(source, focus.workloads);
    const destinationFocus = matchesAny(destination, focus.workloads);
    const sourcePeer = matchesAny(source, focus.peers);
    const destinationPeer = matchesAny(destination, focus.peers);
    if (focus.direction === 'ingress') return destinationFocus && sourcePeer;
    if (focus.direction === 'egress') return sourceFocus && destinationPeer;
    return (sourceFocus && destinationPeer) || (destinationFocus && sourcePeer);
  };
  const workloads: Peer[] = analysis.model.workloads.map((workload) => ({ kind: 'workload', workload }));
  const sources: Peer[] = [...engine.sourceRanges.map((range): Peer => ({ kind: 'range', range })), ...workloads];
  const destinations: Peer[] = [...engine.destinationRanges.map((range): Peer => ({ kind: 'range', range })), ...workloads];
  const connections: Connection[] = [];
  for (const source of sources) {
    const from = enginePeer(analysis, source);
    for (const destination of destinations) {
      if (source.kind === 'range' && destination.kind === 'range') continue;
      if (source.kind === 'workload' && destination.kind === 'workload' && source.workload === destination.workload) continue;
      if (!include(source, destination)) continue;
      const allowed = engine.connection(from, enginePeer(analysis, destination));
      if (!allowed.isEmpty()) connections.push({ source, destination, connections: allowed });
    }
  }
  for (const exposure of analysis.ingress ?? []) {
    const source: Peer = { kind: 'ingress-controller' };
    const destination: Peer = { kind: 'workload', workload: exposure.workload };
    if (!include(source, destination)) continue;
    const allowed = exposure.connections.intersect(engine.connection(enginePeer(analysis, source), enginePeer(analysis, destination)));
    if (allowed.isEmpty()) {
      analysis.diagnostics.push({
        severity: 'warning',
        code: 'ingress-blocked',
        message: `${exposure.objects[0] ?? 'an Ingress'} leads to ${workloadLabel(exposure.workload)}, but network policies block that traffic`,
      });
      continue;
    }
    connections.push({ source, destination, connections: allowed });
  }
  const named = connections.map((connection) => ({ connection, source: peerName(connection.source), destination: peerName(connection.destination) }));
  named.sort((a, b) => compareText(a.source, b.source) || compareText(a.destination, b.destination));
  return {
    connections: named.map((entry) => entry.connection),
    workloads: analysis.model.workloads.filter((workload) => !focused || matchesAny({ kind: 'workload', workload }, focus.workloads)),
  };
}
