import type { Check } from '../engine/types.js';
import type { Resource } from '../model/resource.js';
import { resourceLabel } from '../report/format.js';
import type { EffectiveCheck, PolicyResolver, ResolvedLevels } from './resolve.js';
import type { FailThreshold, SettingSource } from './types.js';

/** The effective policy for one group of resources that share the same levels. */
export interface ExplainedGroup {
  levels: Array<{ level: string; name: string; line?: number }>;
  resources: string[];
  failOn: { value: FailThreshold; source: string };
  checks: Array<{ id: string; enabled: boolean; severity: string; mode: string; options: Record<string, unknown>; source: string; severitySource?: string; modeSource?: string; optionSources: Record<string, string> }>;
}

function where(source: SettingSource | undefined): string {
  if (source === undefined) return 'default';
  if (source.level === 'preset') return source.name === 'default' ? 'default' : `preset ${source.name}`;
  const label = source.level === 'global' ? 'global' : `${source.level} ${source.name}`;
  return source.line !== undefined ? `${label} (${source.file ?? 'bulwark.yaml'}:${source.line})` : label;
}

function describe(check: Check, effective: EffectiveCheck) {
  return {
    id: check.id,
    enabled: effective.enabled,
    severity: effective.severity ?? check.meta.severity,
    mode: effective.mode,
    options: effective.options,
    source: where(effective.sources.enabled),
    ...(effective.sources.severity ? { severitySource: where(effective.sources.severity) } : {}),
    ...(effective.sources.mode ? { modeSource: where(effective.sources.mode) } : {}),
    optionSources: Object.fromEntries(Object.entries(effective.sources.options).map(([name, source]) => [name, where(source)])),
  };
}

/** Groups resources by the levels that apply to them and explains each group's effective settings. */
export function explainPolicy(resolver: PolicyResolver, resources: readonly Resource[], catalogue: readonly Check[], failOn: FailThreshold): ExplainedGroup[] {
  const groups = new Map<string, { levels: ResolvedLevels; resources: Resource[] }>();
  const top = resolver.topLevels();
  groups.set(top.key, { levels: top, resources: [] });
  for (const resource of resources) {
    const levels = resolver.levelsFor(resource);
    const group = groups.get(levels.key) ?? { levels, resources: [] };
    group.resources.push(resource);
    groups.set(levels.key, group);
  }
  const config = resolver.policy.config;
  return [...groups.values()]
    .filter((group) => group.resources.length > 0 || group.levels.key === top.key)
    .map(({ levels, resources: members }) => {
      const chain: ExplainedGroup['levels'] = [{ level: 'global', name: 'global' }];
      if (levels.cluster) chain.push({ level: 'cluster', name: levels.cluster.name });
      if (levels.environment) chain.push({ level: 'environment', name: levels.environment.name });
      if (levels.application) chain.push({ level: 'application', name: levels.application.name });
      const threshold = members[0] !== undefined ? resolver.failOn(members[0], failOn) : { failOn };
      return {
        levels: chain,
        resources: members.map(resourceLabel),
        failOn: { value: threshold.failOn, source: threshold.source ? where(threshold.source) : config.failOn !== undefined ? 'global' : 'default' },
        checks: catalogue.map((check) => describe(check, resolver.effectiveAt(check, levels))),
      };
    });
}

/** The explanation as text: one section per group, each check with its effective setting and origin. */
export function renderExplanation(groups: readonly ExplainedGroup[]): string {
  const out: string[] = [];
  for (const group of groups) {
    out.push(`Levels: ${group.levels.map((level) => (level.level === 'global' ? 'global' : `${level.level} ${level.name}`)).join(' → ')}`);
    if (group.resources.length > 0) out.push(`Resources (${group.resources.length}): ${group.resources.slice(0, 8).join(', ')}${group.resources.length > 8 ? ', …' : ''}`);
    out.push(`Fail on: ${group.failOn.value}   (${group.failOn.source})`);
    const width = Math.max(...group.checks.map((check) => check.id.length));
    for (const check of group.checks) {
      const setting = check.enabled ? `on   ${check.severity.padEnd(8)} ${check.mode === 'enforce' ? '     ' : check.mode.padEnd(5)}` : 'off                ';
      const options = Object.entries(check.options)
        .filter(([name]) => check.optionSources[name] !== 'default')
        .map(([name, value]) => `${name}=${JSON.stringify(value)} (${check.optionSources[name] ?? ''})`);
      const sources = [
        check.source,
        ...(check.severitySource && check.severitySource !== check.source ? [`severity: ${check.severitySource}`] : []),
        ...(check.enabled && check.modeSource && check.modeSource !== check.source ? [`mode: ${check.modeSource}`] : []),
      ];
      out.push(`  ${check.id.padEnd(width)}  ${setting}  ${sources.join('; ')}${options.length > 0 ? `; ${options.join(', ')}` : ''}`);
    }
    out.push('');
  }
  return `${out.join('\n')}`;
}
