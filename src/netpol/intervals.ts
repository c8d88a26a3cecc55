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

/** The members of `a` or `b`. */
export function unionIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0 || a === b) return a;
  const ranges: [number, number][] = [];
  for (let i = 0; i < a.length; i += 2) ranges.push([a[i] as number, a[i + 1] as number]);
  for (let i = 0; i < b.length; i += 2) ranges.push([b[i] as number, b[i + 1] as number]);
  return mergeRanges(ranges);
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
