/**
 * Sets of integers as flat lists of inclusive intervals `[start0, end0, start1, end1, …]`,
 * sorted, disjoint and non-adjacent, so that equal sets have equal lists: the ports of a
 * protocol in a connection set, the IPv4 addresses of an `ipBlock`.
 */
export type Intervals = readonly number[];

/** Intervals from possibly overlapping, unsorted ranges; a range that ends before it starts is empty. */
export function mergeRanges(ranges: readonly (readonly [number, number])[]): number[] {
  const sorted = ranges.filter(([start, end]) => start <= end).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [start, end] of sorted) {
    const last = out.length - 1;
    if (out.length > 0 && start <= (out[last] as number) + 1) out[last] = Math.max(out[last] as number, end);
    else out.push(start, end);
  }
  return out;
}

/** The members of `a` or `b`: both lists are already sorted, so one pass merges them. */
export function unionIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0 || a === b) return a;
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    let start: number;
    let end: number;
    if (j >= b.length || (i < a.length && (a[i] as number) <= (b[j] as number))) {
      start = a[i] as number;
      end = a[i + 1] as number;
      i += 2;
    } else {
      start = b[j] as number;
      end = b[j + 1] as number;
      j += 2;
    }
    const last = out.length - 1;
    if (last > 0 && start <= (out[last] as number) + 1) {
      if (end > (out[last] as number)) out[last] = end;
    } else {
      out.push(start, end);
    }
  }
  return out;
}

/** The members of `a` that are not in `b`. */
export function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0 || b.length === 0) return a;
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let start = a[i] as number;
    const end = a[i + 1] as number;
    while (j < b.length && (b[j + 1] as number) < start) j += 2;
    let k = j;
    while (k < b.length && (b[k] as number) <= end) {
      if ((b[k] as number) > start) out.push(start, (b[k] as number) - 1);
      start = Math.max(start, (b[k + 1] as number) + 1);
      k += 2;
    }
    if (start <= end) out.push(start, end);
  }
  return out;
}
