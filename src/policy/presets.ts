import type { Check } from '../engine/types.js';
import { BulwarkError } from '../errors/index.js';

/** Presets a policy can extend, each a set of enabled checks generated from check meta. */
export const PRESET_NAMES = ['recommended', 'strict', 'pss-baseline', 'pss-restricted', 'cis', 'nsa'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export function isPresetName(value: string): value is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(value);
}

/**
 * The checks a preset enables. `recommended` is what `bulwark scan` runs without a policy;
 * `strict` adds the opt-in checks; the framework presets enable the checks mapped to them.
 */
export function presetChecks(name: string, catalogue: readonly Check[]): Set<string> {
  if (!isPresetName(name)) throw new BulwarkError('BULWARK_E_CONFIG', `unknown preset "${name}"`, `Use one of: ${PRESET_NAMES.join(', ')}.`);
  const ids = (filter: (check: Check) => boolean) => new Set(catalogue.filter(filter).map((check) => check.id));
  switch (name) {
    case 'recommended':
      return ids((check) => check.meta.enabledByDefault !== false);
    case 'strict':
      return ids(() => true);
    case 'pss-baseline':
      return ids((check) => check.id === 'pss-baseline');
    case 'pss-restricted':
      return ids((check) => check.id === 'pss-restricted');
    case 'cis':
      return ids((check) => check.meta.category !== 'pss' && check.meta.frameworks.some((mapping) => mapping.framework === 'CIS'));
    case 'nsa':
      return ids((check) => check.meta.category !== 'pss' && check.meta.frameworks.some((mapping) => mapping.framework === 'NSA'));
  }
}
