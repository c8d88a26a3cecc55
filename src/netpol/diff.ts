import { BulwarkError } from '../errors/index.js';
import type { AddressRange } from './addresses.js';
import { compareText, peerName, type ConnectionList, type Peer } from './analysis.js';
import { ConnectionSet } from './connections.js';
import { csvField } from './render.js';

/** How the connections between two peers changed from one version of the manifests to another. */
export interface ConnectivityChange {
  type: 'changed' | 'added' | 'removed';
  source: Peer;
  destination: Peer;
  before: ConnectionSet;
  after: ConnectionSet;
  /** `workload ns/a[Deployment] added` when a peer exists only in the new version (or `removed`, only in the old). */
  workloadsInfo: string;
}

interface Entry {
  source: Peer;
  destination: Peer;
  before?: ConnectionSet;
  after?: ConnectionSet;
}

function cutPoints(ranges: readonly AddressRange[]): number[] {
  const cuts = new Set<number>();
  for (const range of ranges) {
    cuts.add(range.start);
    cuts.add(range.end + 1);
  }
  return [...cuts].sort((a, b) => a - b);
}

/** The pieces of `range` between consecutive cut points. */
function splitRange(range: AddressRange, cuts: readonly number[]): AddressRange[] {
  const pieces: AddressRange[] = [];
  let start = range.start;
  for (const cut of cuts) {
    if (cut <= start || cut > range.end) continue;
    pieces.push({ start, end: cut - 1 });
    start = cut;
  }
  pieces.push({ start, end: range.end });
  return pieces;
}

/** Consecutive ranges joined. */
function joinRanges(ranges: AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: AddressRange[] = [];
  for (const range of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && range.start <= last.end + 1) last.end = Math.max(last.end, range.end);
    else out.push({ ...range });
  }
  return out;
}

/**
 * The connections that differ between two connectivity reports. External ranges are first cut
 * at every boundary either report has, so that both talk about the same ranges; afterwards,
 * neighbouring ranges that changed alike are joined again.
 */
export function diffConnectivity(before: ConnectionList, after: ConnectionList): ConnectivityChange[] {
  const ranges = [...before.connections, ...after.connections].flatMap((connection) => [connection.source, connection.destination]).flatMap((peer) => (peer.kind === 'range' ? [peer.range] : []));
  const cuts = cutPoints(ranges);
  const entries = new Map<string, Entry>();
  const add = (list: ConnectionList, side: 'before' | 'after') => {
    for (const connection of list.connections) {
      const sources = connection.source.kind === 'range' ? splitRange(connection.source.range, cuts).map((range): Peer => ({ kind: 'range', range })) : [connection.source];
      const destinations = connection.destination.kind === 'range' ? splitRange(connection.destination.range, cuts).map((range): Peer => ({ kind: 'range', range })) : [connection.destination];
      for (const source of sources) {
        for (const destination of destinations) {
          const key = `${peerName(source)}\u0000${peerName(destination)}`;
          let entry = entries.get(key);
          if (entry === undefined) entries.set(key, (entry = { source, destination }));
          entry[side] = connection.connections;
        }
      }
    }
  };
  add(before, 'before');
  add(after, 'after');

  // Join ranges again where the same workload's connections with neighbouring ranges changed alike.
  const merged: Entry[] = [];
  const byRange = new Map<string, { entries: Entry[]; rangeSide: 'source' | 'destination' }>();
  for (const entry of entries.values()) {
    const rangeSide = entry.source.kind === 'range' ? 'source' : entry.destination.kind === 'range' ? 'destination' : undefined;
    if (rangeSide === undefined) {
      merged.push(entry);
      continue;
    }
    const other = rangeSide === 'source' ? entry.destination : entry.source;
    const key = `${rangeSide}\u0000${peerName(other)}\u0000${entry.before?.toString() ?? ''}\u0000${entry.after?.toString() ?? ''}`;
    let group = byRange.get(key);
    if (group === undefined) byRange.set(key, (group = { entries: [], rangeSide }));
    group.entries.push(entry);
  }
  for (const { entries: group, rangeSide } of byRange.values()) {
    const first = group[0] as Entry;
    for (const range of joinRanges(group.map((entry) => ((rangeSide === 'source' ? entry.source : entry.destination) as { range: AddressRange }).range))) {
      const peer: Peer = { kind: 'range', range };
      merged.push({ ...first, source: rangeSide === 'source' ? peer : first.source, destination: rangeSide === 'destination' ? peer : first.destination });
    }
  }

  const workloadsBefore = new Set(before.workloads.map((workload) => peerName({ kind: 'workload', workload })));
  const workloadsAfter = new Set(after.workloads.map((workload) => peerName({ kind: 'workload', workload })));
  const changes: ConnectivityChange[] = [];
  for (const entry of merged) {
    let type: ConnectivityChange['type'];
    if (entry.before !== undefined && entry.after !== undefined) {
      if (entry.before.equals(entry.after)) continue;
      type = 'changed';
    } else type = entry.before !== undefined ? 'removed' : 'added';
    // Peers that exist in one version only: added ones are missing before, removed ones after.
    const known = type === 'added' ? workloadsBefore : workloadsAfter;
    const missing = type === 'changed' ? [] : [entry.source, entry.destination].filter((peer) => peer.kind === 'workload' && !known.has(peerName(peer))).map(peerName);
    changes.push({
      type,
      source: entry.source,
      destination: entry.destination,
      before: entry.before ?? ConnectionSet.EMPTY,
      after: entry.after ?? ConnectionSet.EMPTY,
      workloadsInfo: missing.length > 0 ? `workload ${missing.join(' and ')} ${type}` : '',
    });
  }
  // Changed, then added, then removed; traffic from the ingress controller after the rest.
  const order = { changed: 0, added: 1, removed: 2 };
  const rank = (change: ConnectivityChange) => (change.source.kind === 'ingress-controller' ? 3 : 0) + order[change.type];
  return changes
    .map((change) => ({ change, line: diffLine(change) }))
    .sort((a, b) => rank(a.change) - rank(b.change) || compareText(a.line, b.line))
    .map((entry) => entry.change);
}

function diffLine(change: ConnectivityChange): string {
  const info = change.workloadsInfo === '' ? '' : `, workloads-diff-info: ${change.workloadsInfo}`;
  return `diff-type: ${change.type}, source: ${peerName(change.source)}, destination: ${peerName(change.destination)}, ref1: ${change.before.toString()}, ref2: ${change.after.toString()}${info}`;
}

/** Formats of `bulwark netpol diff`. */
export const DIFF_FORMATS = ['txt', 'csv', 'md', 'json'] as const;
export type DiffFormat = (typeof DIFF_FORMATS)[number];

/** Renders the changes: `Connectivity diff:` and one line each (txt), or csv, md, json. */
export function renderDiff(changes: readonly ConnectivityChange[], format: DiffFormat): string {
  const fields = (change: ConnectivityChange) => [change.type, peerName(change.source), peerName(change.destination), change.before.toString(), change.after.toString(), change.workloadsInfo];
  switch (format) {
    case 'txt':
      // No changes, no text: the command says so on standard error.
      return changes.length === 0 ? '' : `Connectivity diff:\n${changes.map((change) => `${diffLine(change)}\n`).join('')}`;
    case 'csv':
      return ['diff-type,source,destination,ref1,ref2,workloads-diff-info\n', ...changes.map((change) => `${fields(change).map(csvField).join(',')}\n`)].join('');
    case 'md':
      return ['| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |\n', '|-----------|--------|-------------|------|------|---------------------|\n', ...changes.map((change) => `| ${fields(change).join(' | ')} |\n`)].join('');
    case 'json':
      return `${JSON.stringify(
        {
          schemaVersion: '1.0.0',
          changes: changes.map((change) => ({ type: change.type, source: peerName(change.source), destination: peerName(change.destination), before: change.before.toString(), after: change.after.toString(), workloadsInfo: change.workloadsInfo })),
        },
        null,
        2,
      )}\n`;
    default:
      throw new BulwarkError('BULWARK_E_UNKNOWN_FORMAT', `unknown format "${String(format)}" for bulwark netpol diff`, `Use one of: ${DIFF_FORMATS.join(', ')}.`);
  }
}

/** What a diff gate fails on (`bulwark netpol diff --fail-on`). */
export const DIFF_GATES = ['external', 'cross-namespace', 'any', 'none'] as const;
export type DiffGate = (typeof DIFF_GATES)[number];

/** Why a change opens new access: from outside the cluster, or from another namespace. */
export interface NewAccess {
  change: ConnectivityChange;
  /** Connections the new version allows that the old one did not. */
  gained: ConnectionSet;
  reason: 'external' | 'cross-namespace' | 'same-namespace';
}

/**
 * Changes that allow connections the old version did not, with where they come from: outside
 * the cluster (external ranges, the ingress controller), another namespace, or the same one.
 * Connections to external destinations count as `external` too: new egress leaves the cluster.
 */
export function newAccess(changes: readonly ConnectivityChange[]): NewAccess[] {
  const found: NewAccess[] = [];
  for (const change of changes) {
    const gained = change.after.subtract(change.before);
    if (gained.isEmpty()) continue;
    const { source, destination } = change;
    let reason: NewAccess['reason'];
    if (source.kind !== 'workload' || destination.kind !== 'workload') reason = 'external';
    else reason = source.workload.namespace === destination.workload.namespace ? 'same-namespace' : 'cross-namespace';
    found.push({ change, gained, reason });
  }
  return found;
}

/** The new access a gate rejects: `cross-namespace` also rejects external access; `any` every new connection. */
export function gateViolations(access: readonly NewAccess[], gate: DiffGate): NewAccess[] {
  switch (gate) {
    case 'none':
      return [];
    case 'any':
      return [...access];
    case 'external':
      return access.filter((item) => item.reason === 'external');
    case 'cross-namespace':
      return access.filter((item) => item.reason !== 'same-namespace');
  }
}
