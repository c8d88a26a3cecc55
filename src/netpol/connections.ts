/**
 * Sets of connections: for each protocol a set of ports, kept as sorted, disjoint and
 * non-adjacent inclusive intervals so that equal sets have equal representations and print
 * the same way.
 */
import { mergeRanges, subtractIntervals, unionIntervals, type Intervals } from './intervals.js';

/** The protocols a NetworkPolicy can name, in the order connections are printed. */
export const PROTOCOLS = ['SCTP', 'TCP', 'UDP'] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

/** A protocol's ports as inclusive intervals `[start0, end0, start1, end1, …]`, sorted and merged. */
export type PortIntervals = Intervals;

const NO_PORTS: PortIntervals = Object.freeze([]);
const ALL_PORTS: PortIntervals = Object.freeze([MIN_PORT, MAX_PORT]);

export function isProtocol(value: unknown): value is Protocol {
  return value === 'TCP' || value === 'UDP' || value === 'SCTP';
}

/** Intervals from possibly overlapping, unsorted ranges (clamped to 1-65535). */
export function portIntervals(ranges: readonly (readonly [number, number])[]): PortIntervals {
  const out = mergeRanges(ranges.map(([start, end]) => [Math.max(start, MIN_PORT), Math.min(end, MAX_PORT)] as const));
  return out.length === 0 ? NO_PORTS : out;
}

function intersectIntervals(a: PortIntervals, b: PortIntervals): PortIntervals {
  if (a.length === 0 || b.length === 0) return NO_PORTS;
  if (a === b) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i] as number, b[j] as number);
    const end = Math.min(a[i + 1] as number, b[j + 1] as number);
    if (start <= end) out.push(start, end);
    if ((a[i + 1] as number) < (b[j + 1] as number)) i += 2;
    else j += 2;
  }
  return out.length === 0 ? NO_PORTS : out;
}

function subtractPorts(a: PortIntervals, b: PortIntervals): PortIntervals {
  const out = subtractIntervals(a, b);
  return out.length === 0 ? NO_PORTS : out;
}

function sameIntervals(a: PortIntervals, b: PortIntervals): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isAllPorts(intervals: PortIntervals): boolean {
  return intervals.length === 2 && intervals[0] === MIN_PORT && intervals[1] === MAX_PORT;
}

function formatIntervals(intervals: PortIntervals): string {
  const parts: string[] = [];
  for (let i = 0; i < intervals.length; i += 2) {
    const start = intervals[i] as number;
    const end = intervals[i + 1] as number;
    parts.push(start === end ? String(start) : `${start}-${end}`);
  }
  return parts.join(',');
}

/** An immutable set of (protocol, port) pairs. Use the shared `EMPTY` and `ALL` where possible. */
export class ConnectionSet {
  private constructor(
    readonly sctp: PortIntervals,
    readonly tcp: PortIntervals,
    readonly udp: PortIntervals,
  ) {}

  static readonly EMPTY = new ConnectionSet(NO_PORTS, NO_PORTS, NO_PORTS);
  static readonly ALL = new ConnectionSet(ALL_PORTS, ALL_PORTS, ALL_PORTS);

  /** A set from per-protocol intervals. */
  static of(ports: Partial<Record<Protocol, PortIntervals>>): ConnectionSet {
    return ConnectionSet.make(ports.SCTP ?? NO_PORTS, ports.TCP ?? NO_PORTS, ports.UDP ?? NO_PORTS);
  }

  /** Ports `start`-`end` (inclusive, clamped to 1-65535) of one protocol; none when it ends before it starts. */
  static range(protocol: Protocol, start: number, end = start): ConnectionSet {
    const from = Math.max(start, MIN_PORT);
    const to = Math.min(end, MAX_PORT);
    return ConnectionSet.single(protocol, from <= to ? [from, to] : NO_PORTS);
  }

  /** Every port of one protocol. */
  static protocol(protocol: Protocol): ConnectionSet {
    return ConnectionSet.single(protocol, ALL_PORTS);
  }

  private static single(protocol: Protocol, ports: PortIntervals): ConnectionSet {
    return protocol === 'TCP' ? ConnectionSet.make(NO_PORTS, ports, NO_PORTS) : protocol === 'UDP' ? ConnectionSet.make(NO_PORTS, NO_PORTS, ports) : ConnectionSet.make(ports, NO_PORTS, NO_PORTS);
  }

  private static make(sctp: PortIntervals, tcp: PortIntervals, udp: PortIntervals): ConnectionSet {
    if (sctp.length === 0 && tcp.length === 0 && udp.length === 0) return ConnectionSet.EMPTY;
    if (isAllPorts(sctp) && isAllPorts(tcp) && isAllPorts(udp)) return ConnectionSet.ALL;
    return new ConnectionSet(sctp, tcp, udp);
  }

  ports(protocol: Protocol): PortIntervals {
    return protocol === 'TCP' ? this.tcp : protocol === 'UDP' ? this.udp : this.sctp;
  }

  isEmpty(): boolean {
    return this === ConnectionSet.EMPTY;
  }

  isAll(): boolean {
    return this === ConnectionSet.ALL;
  }

  union(other: ConnectionSet): ConnectionSet {
    if (other === ConnectionSet.EMPTY || this === ConnectionSet.ALL || this === other) return this;
    if (this === ConnectionSet.EMPTY || other === ConnectionSet.ALL) return other;
    return ConnectionSet.make(unionIntervals(this.sctp, other.sctp), unionIntervals(this.tcp, other.tcp), unionIntervals(this.udp, other.udp));
  }

  intersect(other: ConnectionSet): ConnectionSet {
    if (other === ConnectionSet.ALL || this === ConnectionSet.EMPTY || this === other) return this;
    if (this === ConnectionSet.ALL || other === ConnectionSet.EMPTY) return other;
    return ConnectionSet.make(intersectIntervals(this.sctp, other.sctp), intersectIntervals(this.tcp, other.tcp), intersectIntervals(this.udp, other.udp));
  }

  subtract(other: ConnectionSet): ConnectionSet {
    if (other === ConnectionSet.EMPTY || this === ConnectionSet.EMPTY) return this;
    if (other === ConnectionSet.ALL || this === other) return ConnectionSet.EMPTY;
    return ConnectionSet.make(subtractPorts(this.sctp, other.sctp), subtractPorts(this.tcp, other.tcp), subtractPorts(this.udp, other.udp));
  }

  equals(other: ConnectionSet): boolean {
    return this === other || (sameIntervals(this.sctp, other.sctp) && sameIntervals(this.tcp, other.tcp) && sameIntervals(this.udp, other.udp));
  }

  /** Whether one port of one protocol is in the set. */
  has(protocol: Protocol, port: number): boolean {
    const intervals = this.ports(protocol);
    for (let i = 0; i < intervals.length; i += 2) if (port >= (intervals[i] as number) && port <= (intervals[i + 1] as number)) return true;
    return false;
  }

  /**
   * Canonical text: `All Connections`, `No Connections`, or protocols in the order SCTP, TCP,
   * UDP each with its ports (`SCTP 1-9002,9004-65535,TCP 80,UDP 53`).
   */
  toString(): string {
    if (this === ConnectionSet.ALL) return 'All Connections';
    if (this === ConnectionSet.EMPTY) return 'No Connections';
    const parts: string[] = [];
    for (const protocol of PROTOCOLS) {
      const intervals = this.ports(protocol);
      if (intervals.length > 0) parts.push(`${protocol} ${formatIntervals(intervals)}`);
    }
    return parts.join(',');
  }
}
