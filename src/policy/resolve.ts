import type { Check } from '../engine/types.js';
import type { Severity } from '../findings/types.js';
import { isRecord, type Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import { matchScore, type MatchContext } from './match.js';
import { presetChecks } from './presets.js';
import type { CheckSetting, EnforcementMode, FailThreshold, LevelSettings, LoadedPolicy, NamedLevel, SettingSource } from './types.js';

/** The setting of one check for one resource, with where each part of it came from. */
export interface EffectiveCheck {
  enabled: boolean;
  severity?: Severity;
  /** How its findings count; `off` also turns the check off. */
  mode: EnforcementMode;
  options: Record<string, unknown>;
  sources: { enabled: SettingSource; severity?: SettingSource; mode?: SettingSource; options: Record<string, SettingSource> };
}

/** The levels that apply to a resource, most general first. */
export interface ResolvedLevels {
  cluster?: NamedLevel;
  environment?: NamedLevel;
  application?: NamedLevel;
  /** Identifies the combination, for caching and grouping. */
  key: string;
}

interface LevelRef {
  settings: LevelSettings;
  source: SettingSource;
  base: Path;
}

/**
 * Resolves the policy hierarchy global → cluster → environment → application. Each level
 * inherits what it does not set; the most specific matching environment and application
 * win (a tie goes to the one declared first).
 */
export class PolicyResolver {
  private readonly presetEnabled: Set<string>;
  /** Weak: a long-running admission server sees a new resource with every request. */
  private readonly levelsCache = new WeakMap<Resource, ResolvedLevels>();
  /** By levels key, then by check: asked for every (check, resource) pair of a scan. */
  private readonly effectiveCache = new Map<string, Map<Check, EffectiveCheck>>();
  /** By `levels.key`: the threshold a level below global sets, or null. */
  private readonly failOnCache = new Map<string, { failOn: FailThreshold; source: SettingSource } | null>();

  constructor(
    readonly policy: LoadedPolicy,
    private readonly catalogue: readonly Check[],
    private readonly context: MatchContext & { cluster?: string },
  ) {
    this.presetEnabled = new Set(policy.config.extends.flatMap((name) => [...presetChecks(name, catalogue)]));
  }

  private line(path: Path): number | undefined {
    return locateField(this.policy.document, path)?.line;
  }

  /** Checks that are on for at least some resource: the ones a scan must run. */
  checksToRun(): Check[] {
    const config = this.policy.config;
    const enabled = new Set(this.presetEnabled);
    const levels: LevelSettings[] = [config, ...config.clusters, ...config.environments, ...config.applications];
    for (const level of levels) for (const [id, setting] of Object.entries(level.checks ?? {})) if (setting.enabled === true) enabled.add(id);
    // A check turned off at the global level and never turned back on does not run.
    return this.catalogue.filter((check) => enabled.has(check.id) && (config.checks?.[check.id]?.enabled !== false || levels.some((level) => level.checks?.[check.id]?.enabled === true)));
  }

  levelsFor(resource: Resource): ResolvedLevels {
    let resolved = this.levelsCache.get(resource);
    if (resolved === undefined) {
      const config = this.policy.config;
      const best = (levels: NamedLevel[]) => {
        let winner: NamedLevel | undefined;
        let top = 0;
        for (const level of levels) {
          const score = matchScore(level.match, resource, this.context);
          if (score > top) {
            top = score;
            winner = level;
          }
        }
        return winner;
      };
      const cluster = this.context.cluster === undefined ? undefined : config.clusters.find((level) => level.name === this.context.cluster);
      const environment = best(config.environments);
      const application = best(config.applications);
      resolved = { key: `${cluster?.name ?? ''}\u0000${environment?.name ?? ''}\u0000${application?.name ?? ''}` };
      if (cluster) resolved.cluster = cluster;
      if (environment) resolved.environment = environment;
      if (application) resolved.application = application;
      this.levelsCache.set(resource, resolved);
    }
    return resolved;
  }

  private chain(levels: ResolvedLevels): LevelRef[] {
    const config = this.policy.config;
    const file = this.policy.file;
    const chain: LevelRef[] = [{ settings: config, source: { level: 'global', name: 'global', file }, base: [] }];
    const add = (level: NamedLevel | undefined, kind: 'cluster' | 'environment' | 'application', key: 'clusters' | 'environments' | 'applications') => {
      if (level === undefined) return;
      const index = config[key].indexOf(level);
      chain.push({ settings: level, source: { level: kind, name: level.name, file }, base: [key, index] });
    };
    add(levels.cluster, 'cluster', 'clusters');
    add(levels.environment, 'environment', 'environments');
    add(levels.application, 'application', 'applications');
    return chain;
  }

  /** The levels that hold for every resource: global, and the cluster when one is named. */
  topLevels(): ResolvedLevels {
    const cluster = this.context.cluster === undefined ? undefined : this.policy.config.clusters.find((level) => level.name === this.context.cluster);
    return cluster ? { key: `${cluster.name}\u0000\u0000`, cluster } : { key: '\u0000\u0000' };
  }

  /** The effective setting of a check for a resource. */
  effective(check: Check, resource: Resource): EffectiveCheck {
    return this.effectiveAt(check, this.levelsFor(resource));
  }

  effectiveAt(check: Check, levels: ResolvedLevels): EffectiveCheck {
    let byCheck = this.effectiveCache.get(levels.key);
    if (byCheck === undefined) {
      byCheck = new Map();
      this.effectiveCache.set(levels.key, byCheck);
    }
    const known = byCheck.get(check);
    if (known !== undefined) return known;
    const presetSource: SettingSource = { level: 'preset', name: this.policy.config.extends.join(', ') };
    const effective: EffectiveCheck = {
      enabled: this.presetEnabled.has(check.id),
      mode: 'enforce',
      options: {},
      sources: { enabled: presetSource, options: {} },
    };
    for (const [name, option] of Object.entries(check.meta.options ?? {})) {
      effective.options[name] = option.default;
      effective.sources.options[name] = { level: 'preset', name: 'default' };
    }
    for (const { settings, source, base } of this.chain(levels)) {
      if (settings.mode !== undefined) {
        effective.mode = settings.mode;
        effective.sources.mode = this.sourceAt(source, [...base, 'mode']);
      }
      const setting: CheckSetting | undefined = settings.checks?.[check.id];
      if (setting === undefined) continue;
      const at = (...rest: Path): SettingSource => this.sourceAt(source, [...base, 'checks', check.id, ...rest]);
      if (setting.mode !== undefined) {
        effective.mode = setting.mode;
        effective.sources.mode = at('mode');
      }
      if (setting.enabled !== undefined) {
        effective.enabled = setting.enabled;
        effective.sources.enabled = at(...(isRecord(this.rawSetting(base, check.id)) ? ['enabled'] : []));
      } else if (setting.severity !== undefined || setting.options !== undefined) {
        // Setting a severity or options for a check turns it on at that level.
        effective.enabled = true;
        effective.sources.enabled = at();
      }
      if (setting.severity !== undefined) {
        effective.severity = setting.severity;
        effective.sources.severity = at(...(isRecord(this.rawSetting(base, check.id)) ? ['severity'] : []));
      }
      for (const [name, value] of Object.entries(setting.options ?? {})) {
        effective.options[name] = value;
        effective.sources.options[name] = at('options', name);
      }
    }
    if (effective.mode === 'off' && effective.enabled) {
      effective.enabled = false;
      effective.sources.enabled = effective.sources.mode as SettingSource;
    }
    byCheck.set(check, effective);
    return effective;
  }

  private sourceAt(source: SettingSource, path: Path): SettingSource {
    const line = this.line(path);
    return { ...source, path, ...(line !== undefined ? { line } : {}) };
  }

  /** Whether `bulwark.io/ignore` annotations may opt a resource out of a check, and which level decided. */
  inlineIgnoreAllowed(check: Check, resource: Resource): { allowed: boolean; source?: SettingSource } {
    let result: { allowed: boolean; source?: SettingSource } = { allowed: false };
    for (const { settings, source, base } of this.chain(this.levelsFor(resource))) {
      const rule = settings.inlineIgnores;
      if (rule === undefined) continue;
      result = { allowed: rule === 'allow' || (Array.isArray(rule) && rule.includes(check.id)), source: this.sourceAt(source, [...base, 'inlineIgnores']) };
    }
    return result;
  }

  private rawSetting(base: Path, id: string): unknown {
    let node: unknown = this.policy.document.value;
    for (const segment of [...base, 'checks', id]) node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    return node;
  }

  /** The fail threshold for a resource, and where it was set. */
  failOn(resource: Resource, fallback: FailThreshold): { failOn: FailThreshold; source?: SettingSource } {
    const levels = this.levelsFor(resource);
    // Asked for every finding: worked out once per combination of levels (locating the source reads the YAML).
    let set = this.failOnCache.get(levels.key);
    if (set === undefined) {
      set = null;
      // The global level's threshold is the caller's fallback (an explicit --fail-on overrides it).
      for (const { settings, source, base } of this.chain(levels)) {
        if (settings.failOn === undefined || source.level === 'global') continue;
        set = { failOn: settings.failOn, source: this.sourceAt(source, [...base, 'failOn']) };
      }
      this.failOnCache.set(levels.key, set);
    }
    return set ?? { failOn: fallback };
  }
}
