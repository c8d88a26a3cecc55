/**
 * Kubernetes resource quantities (`500m`, `1.5Gi`, `2e3`, `128974848`), as requests,
 * limits and LimitRange defaults are written.
 */

const BINARY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const DECIMAL_SUFFIXES: Readonly<Record<string, number>> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

// The exponent form is tried before the suffixes: `1E3` is 1000, while `1E` is one exa.
const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE])?)$/;

/**
 * The value of a quantity in base units (cores, bytes), or undefined when the value is not a
 * quantity the API server would accept. YAML numbers (`cpu: 1`, `cpu: 0.5`) are quantities too.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = QUANTITY.exec(value.trim());
  if (match === null) return undefined;
  const [, number, exponent, suffix] = match;
  const base = Number(number);
  if (exponent !== undefined) return base * 10 ** Number(exponent);
  return base * (BINARY_SUFFIXES[suffix ?? ''] ?? DECIMAL_SUFFIXES[suffix ?? ''] ?? 1);
}

/**
 * Whether a request or limit is set to something other than zero. Kubernetes treats a zero
 * quantity as unset (no limit; no request when computing the QoS class). A value that does
 * not parse is taken as set: the API server rejects it, which is not this module's concern.
 */
export function isNonZeroQuantity(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const parsed = parseQuantity(value);
  return parsed === undefined || parsed !== 0;
}

/** Whether a request or limit is written and is explicitly zero. */
export function isZeroQuantity(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') {
    // Most values are a number from 1 to 9 on, with a suffix (`500m`, `128Mi`): such a text is never zero, unless an exponent underflows.
    const first = value.charCodeAt(0);
    if (first >= 49 && first <= 57 && value.indexOf('e') === -1 && value.indexOf('E') === -1) return false;
  }
  return parseQuantity(value) === 0;
}
