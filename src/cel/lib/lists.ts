/**
 * Kubernetes lists library (k8s.io/apiserver/pkg/cel/library/lists.go): isSorted, sum, min,
 * max, indexOf, lastIndexOf. Elements compare with CEL ordering (numbers across int, uint and
 * double), and indexOf uses CEL equality.
 */
import { chargeCost, fail, noOverload } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { celCompare, celEquals, CelDuration, CelUint, kindOf, type Result, type Value } from '../values.js';
import { checkedDuration } from '../time.js';
import { checkInt, checkUint } from '../stdlib.js';

function list(v: Value): readonly Value[] {
  return v as readonly Value[];
}

function compare(a: Value, b: Value, name: string): number {
  const c = celCompare(a, b);
  if (c === undefined) return noOverload(name, [a, b]);
  return c;
}

function isSorted(v: Value): Result {
  const items = list(v);
  chargeCost(items.length);
  for (let i = 1; i < items.length; i++) if (compare(items[i - 1] as Value, items[i] as Value, 'isSorted') > 0) return false;
  if (items.length === 1 && celCompare(items[0] as Value, items[0] as Value) === undefined) return noOverload('isSorted', [items[0] as Value]);
  return true;
}

/**
 * Sum of ints, uints, doubles or durations. Kubernetes picks the overload from the list's
 * static type; for untyped (JSON) lists the first element's type decides, and an empty list
 * sums to int 0.
 */
function sum(v: Value): Result {
  const items = list(v);
  chargeCost(items.length);
  if (items.length === 0) return 0n;
  const first = items[0] as Value;
  if (typeof first === 'bigint') {
    let total = 0n;
    for (const item of items) total = checkInt(total + (typeof item === 'bigint' ? item : noOverload('sum', [first, item])));
    return total;
  }
  if (first instanceof CelUint) {
    let total = 0n;
    for (const item of items) total = checkUint(total + (item instanceof CelUint ? item.value : noOverload('sum', [first, item]))).value;
    return new CelUint(total);
  }
  if (typeof first === 'number') {
    let total = 0;
    for (const item of items) total += typeof item === 'number' ? item : noOverload('sum', [first, item]);
    return total;
  }
  if (first instanceof CelDuration) {
    let total = 0n;
    for (const item of items) total = checkedDuration(total + (item instanceof CelDuration ? item.nanos : noOverload('sum', [first, item]))).nanos;
    return new CelDuration(total);
  }
  return fail(`sum() is not defined for lists of ${kindOf(first)}`);
}

function extreme(name: 'min' | 'max'): (v: Value) => Result {
  const replaceWhen = name === 'min' ? 1 : -1;
  return (v) => {
    const items = list(v);
    chargeCost(items.length);
    if (items.length === 0) return fail(`${name} called on empty list`);
    let result = items[0] as Value;
    if (celCompare(result, result) === undefined) return noOverload(name, [result]);
    for (const item of items.slice(1)) if (compare(result, item, name) === replaceWhen) result = item;
    return result;
  };
}

function indexOf(v: Value, item: Value): Result {
  const items = list(v);
  for (let i = 0; i < items.length; i++) {
    chargeCost(1);
    if (celEquals(items[i] as Value, item)) return BigInt(i);
  }
  return -1n;
}

function lastIndexOf(v: Value, item: Value): Result {
  const items = list(v);
  for (let i = items.length - 1; i >= 0; i--) {
    chargeCost(1);
    if (celEquals(items[i] as Value, item)) return BigInt(i);
  }
  return -1n;
}

export function listsLibrary(): FunctionSet {
  return new FunctionSet()
    .method('isSorted', 'list<A>', [], 'bool', isSorted)
    .method('sum', 'list<A>', [], 'A', sum)
    .method('min', 'list<A>', [], 'A', extreme('min'))
    .method('max', 'list<A>', [], 'A', extreme('max'))
    .method('indexOf', 'list<A>', ['A'], 'int', indexOf)
    .method('lastIndexOf', 'list<A>', ['A'], 'int', lastIndexOf);
}
