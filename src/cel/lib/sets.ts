/**
 * cel-go's sets extension, enabled in Kubernetes since 1.29: sets.contains, sets.equivalent
 * and sets.intersects over lists, with CEL equality (so 1, 1u and 1.0 are the same element).
 */
import { chargeCost } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { celEquals, type Value } from '../values.js';

function includes(haystack: readonly Value[], needle: Value): boolean {
  chargeCost(haystack.length);
  return haystack.some((item) => celEquals(item, needle));
}

/** Whether every element of `subset` is in `list`. */
function contains(list: Value, subset: Value): boolean {
  const items = list as readonly Value[];
  return (subset as readonly Value[]).every((item) => includes(items, item));
}

export function setsLibrary(): FunctionSet {
  return new FunctionSet()
    .fn('sets.contains', ['list<A>', 'list<A>'], 'bool', (a, b) => contains(a, b))
    .fn('sets.equivalent', ['list<A>', 'list<A>'], 'bool', (a, b) => contains(a, b) && contains(b, a))
    .fn('sets.intersects', ['list<A>', 'list<A>'], 'bool', (a, b) => (b as readonly Value[]).some((item) => includes(a as readonly Value[], item)));
}
