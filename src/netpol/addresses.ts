/**
 * IPv4 address sets for `ipBlock` peers and admin policies' `networks`: CIDRs with exceptions
 * become sorted, disjoint intervals of 32-bit addresses, and the blocks every policy names cut
 * the address space into ranges that all policies treat alike.
 */
import type { Intervals } from './intervals.js';

export const MAX_ADDRESS = 0xffffffff;

/** Addresses as inclusive intervals `[start0, end0, …]`, sorted and merged (see `intervals.ts`). */
export type AddressIntervals = Intervals;

export type CidrParse = { ok: true; start: number; end: number } | { ok: false; reason: 'ipv6' | 'invalid' };

function parseIPv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/**
 * The address range of a CIDR (`10.0.0.0/8`). The address part need not be the network
 * address (`10.1.2.3/8` means `10.0.0.0/8`, as the API server's parser reads it).
 */
export function parseCidr(cidr: string): CidrParse {
  const text = cidr.trim();
  if (text.includes(':')) return { ok: false, reason: 'ipv6' };
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, reason: 'invalid' };
  const address = parseIPv4(text.slice(0, slash));
  const lengthText = text.slice(slash + 1);
  if (address === undefined || !/^\d{1,2}$/.test(lengthText)) return { ok: false, reason: 'invalid' };
  const length = Number(lengthText);
  if (length > 32) return { ok: false, reason: 'invalid' };
  const size = 2 ** (32 - length);
  const start = Math.floor(address / size) * size;
  return { ok: true, start, end: start + size - 1 };
}

/** Whether the whole range `start`-`end` lies inside the set. */
export function containsRange(set: AddressIntervals, start: number, end: number): boolean {
  // Binary search for the last interval starting at or before `start`.
  let low = 0;
  let high = set.length / 2 - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if ((set[middle * 2] as number) <= start) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found >= 0 && (set[found * 2 + 1] as number) >= end;
}

function formatAddress(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** A range as printed in connectivity reports: `10.0.0.0-10.255.255.255` (a single address is `a-a`). */
export function formatAddressRange(start: number, end: number): string {
  return `${formatAddress(start)}-${formatAddress(end)}`;
}

/** One range of addresses that every policy treats alike. */
export interface AddressRange {
  start: number;
  end: number;
}

/**
 * Cuts the whole IPv4 space at every boundary of the given sets: the result is a list of
 * consecutive ranges, each wholly inside or wholly outside every set, covering 0.0.0.0 to
 * 255.255.255.255.
 */
export function partitionAddressSpace(sets: readonly AddressIntervals[]): AddressRange[] {
  const cuts = new Set<number>([0]);
  for (const set of sets) {
    for (let i = 0; i < set.length; i += 2) {
      cuts.add(set[i] as number);
      const after = (set[i + 1] as number) + 1;
      if (after <= MAX_ADDRESS) cuts.add(after);
    }
  }
  const starts = [...cuts].sort((a, b) => a - b);
  return starts.map((start, i) => ({ start, end: i + 1 < starts.length ? (starts[i + 1] as number) - 1 : MAX_ADDRESS }));
}
