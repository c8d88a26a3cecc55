import { isRecord, type Resource } from '../model/resource.js';
import { formatPssVersion, isPssLevel, parsePssVersion } from './evaluate.js';
import type { PssLevel } from './types.js';

export const PSA_MODES = ['enforce', 'audit', 'warn'] as const;
export type PsaMode = (typeof PSA_MODES)[number];

export interface ModePolicy {
  level: PssLevel;
  minor: number;
  version: string;
}

/** The Pod Security Admission labels of a Namespace, as the admission plugin reads them. */
export interface NamespacePolicy {
  name: string;
  resource: Resource;
  modes: Partial<Record<PsaMode, ModePolicy>>;
  /** Labels that could not be read (an unknown level or version). */
  invalid: string[];
}

const LABEL_PREFIX = 'pod-security.kubernetes.io/';

/** Reads `pod-security.kubernetes.io/<mode>` and `<mode>-version` labels. */
export function namespacePolicy(resource: Resource): NamespacePolicy {
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  const labels = isRecord(metadata.labels) ? metadata.labels : {};
  const policy: NamespacePolicy = { name: resource.name, resource, modes: {}, invalid: [] };
  for (const mode of PSA_MODES) {
    const level = labels[`${LABEL_PREFIX}${mode}`];
    if (level === undefined) continue;
    if (typeof level !== 'string' || !isPssLevel(level)) {
      policy.invalid.push(`${LABEL_PREFIX}${mode}=${String(level)}`);
      continue;
    }
    const versionLabel = labels[`${LABEL_PREFIX}${mode}-version`];
    let minor: number;
    try {
      minor = parsePssVersion(typeof versionLabel === 'string' ? versionLabel : 'latest');
    } catch {
      policy.invalid.push(`${LABEL_PREFIX}${mode}-version=${String(versionLabel)}`);
      minor = parsePssVersion('latest');
    }
    policy.modes[mode] = { level, minor, version: formatPssVersion(minor) };
  }
  return policy;
}
