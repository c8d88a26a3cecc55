/**
 * Optional values (cel.OptionalTypes, enabled in Kubernetes since 1.28): optional.of/none/
 * ofNonZeroValue, hasValue/value/or/orValue, optional.unwrap and list.unwrapOpt(). The
 * syntax (`a.?b`, `a[?b]`, `[?x]`, `{?k: v}`) and optMap/optFlatMap are in the parser and
 * interpreter; or/orValue are evaluated lazily by the interpreter.
 */
import { fail } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { CelDuration, CelMap, CelOptional, CelTimestamp, CelUint, type Value } from '../values.js';

/** Zero values in the sense of optional.ofNonZeroValue (proto3 defaults). */
function isZeroValue(v: Value): boolean {
  if (v === null || v === false || v === 0n || v === '') return true;
  if (typeof v === 'number') return v === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof CelMap) return v.size === 0;
  if (v instanceof Uint8Array) return v.length === 0;
  if (v instanceof CelUint) return v.value === 0n;
  if (v instanceof CelDuration) return v.nanos === 0n;
  if (v instanceof CelTimestamp) return v.nanos === 0n;
  if (v instanceof CelOptional) return !v.present;
  return false;
}

function unwrap(list: Value): Value {
  const out: Value[] = [];
  for (const item of list as readonly Value[]) {
    if (!(item instanceof CelOptional)) return fail(`optional.unwrap() requires a list of optional values, found an element of another type`);
    if (item.present) out.push(item.inner);
  }
  return out;
}

export function optionalLibrary(): FunctionSet {
  return new FunctionSet()
    .fn('optional.of', ['A'], 'optional<A>', (v) => CelOptional.of(v))
    .fn('optional.ofNonZeroValue', ['A'], 'optional<A>', (v) => (isZeroValue(v) ? CelOptional.NONE : CelOptional.of(v)))
    .fn('optional.none', [], 'optional<dyn>', () => CelOptional.NONE)
    .method('hasValue', 'optional<A>', [], 'bool', (o) => (o as CelOptional).present)
    .method('value', 'optional<A>', [], 'A', (o) => {
      const opt = o as CelOptional;
      return opt.present ? opt.inner : fail('optional.none() dereference');
    })
    // Declared for type checking; the interpreter evaluates the argument only when needed.
    .method('or', 'optional<A>', ['optional<A>'], 'optional<A>', (o, other) => ((o as CelOptional).present ? o : other))
    .method('orValue', 'optional<A>', ['A'], 'A', (o, other) => ((o as CelOptional).present ? (o as CelOptional).inner : other))
    .fn('optional.unwrap', ['list<optional<A>>'], 'list<A>', unwrap)
    .method('unwrapOpt', 'list<optional<A>>', [], 'list<A>', unwrap);
}
