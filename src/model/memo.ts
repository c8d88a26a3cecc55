/**
 * `compute`, remembered per key object (an input's list of resources, a pod spec, a
 * container): several checks ask for the same derived data, and each is worked out once. The
 * value is shared by every caller, who must not change it.
 */
export function rememberedPer<K extends object, V extends object>(compute: (key: K) => V): (key: K) => V {
  const known = new WeakMap<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      known.set(key, value);
    }
    return value;
  };
}

/**
 * `compute`, remembered per text for the first `limit` texts seen (later ones are computed each
 * time): keys, names and item names repeat across an input, and the table must not grow with it.
 */
export function rememberedByText<V>(compute: (text: string) => V, limit = 10_000): (text: string) => V {
  const known = new Map<string, V>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = compute(text);
      if (known.size < limit) known.set(text, value);
    }
    return value;
  };
}
