import { BulwarkError } from '../errors/index.js';
import { isSeverity, SEVERITIES } from '../findings/types.js';
import type { FailThreshold } from '../policy/types.js';

/** Commander reducer for an option that may be given several times. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `a,b` and `c` (an option given twice) → `[a, b, c]`, blanks left out. */
export function commaList(values: readonly string[]): string[] {
  return values.flatMap((value) => value.split(',')).map((item) => item.trim()).filter((item) => item !== '');
}

/** `--checks a,b --checks c` → `[a, b, c]`; undefined when the option was not given. */
export function parseCheckList(values: readonly string[] | undefined): string[] | undefined {
  return values === undefined ? undefined : commaList(values);
}

/** `--fail-on`: a severity, or `none` (also `never`). */
export function parseFailOn(value: string): FailThreshold {
  if (value === 'none' || value === 'never') return 'none';
  if (isSeverity(value)) return value;
  throw new BulwarkError('BULWARK_E_USAGE', `--fail-on must be one of ${SEVERITIES.join(', ')} or none, not "${value}"`);
}

/** A whole-number option within bounds, or a usage error naming the flag. */
export function wholeNumber(value: string, flag: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum || number > maximum) throw new BulwarkError('BULWARK_E_USAGE', `${flag} must be a whole number from ${minimum} to ${maximum}, not "${value}"`);
  return number;
}
