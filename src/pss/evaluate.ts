import { BulwarkError } from '../errors/index.js';
import type { Resource } from '../model/resource.js';
import { podSpecOf } from '../model/workload.js';
import type { Path } from '../yaml/path.js';
import { capabilitiesBaseline, privileged, procMount, procMountRestricted, sysctls } from './checks/container.js';
import { hostNamespaces, hostPathVolumes, hostPorts, hostProbesAndHostLifecycle, windowsHostProcess } from './checks/host.js';
import { appArmorProfile, seccompProfileBaseline, seLinuxOptions } from './checks/profiles.js';
import { allowPrivilegeEscalation, capabilitiesRestricted, restrictedVolumes, runAsNonRoot, runAsUser, seccompProfileRestricted } from './checks/restricted.js';
import { LATEST_MINOR, PSS_LEVELS, type PodView, type PssCheck, type PssLevel, type VersionedCheck } from './types.js';

/** Every Pod Security Standards check, baseline first, in a stable order. */
export const PSS_CHECKS: readonly PssCheck[] = [
  hostProbesAndHostLifecycle,
  windowsHostProcess,
  hostNamespaces,
  privileged,
  capabilitiesBaseline,
  hostPathVolumes,
  hostPorts,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  seccompProfileBaseline,
  sysctls,
  restrictedVolumes,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  procMountRestricted,
];

/** A policy to evaluate against: a level at a version (a minor of 1.x). */
export interface PssPolicy {
  level: PssLevel;
  minor: number;
}

export interface PssViolation {
  /** Upstream check id. */
  check: string;
  /** `reason (detail)`, as the API server words it. */
  message: string;
  reason: string;
  detail: string;
  /** Path of the first offending field (or where the missing one belongs). */
  path: Path;
  paths: Path[];
}

export interface PssEvaluation {
  allowed: boolean;
  violations: PssViolation[];
}

export function isPssLevel(value: string): value is PssLevel {
  return (PSS_LEVELS as readonly string[]).includes(value);
}

/** Parses `v1.N` or `latest`; versions newer than Bulwark knows are evaluated as the newest it knows, as upstream does. */
export function parsePssVersion(text: string): number {
  if (text === 'latest') return LATEST_MINOR;
  const match = /^v1\.(\d+)$/.exec(text);
  if (match === null) throw new BulwarkError('BULWARK_E_USAGE', `invalid Pod Security Standards version "${text}"`, 'Use v1.N (for example v1.30) or latest.');
  return Math.min(Number(match[1]), LATEST_MINOR);
}

export function formatPssVersion(minor: number): string {
  return minor >= LATEST_MINOR ? 'latest' : `v1.${minor}`;
}

function versionAt(check: PssCheck, minor: number): VersionedCheck | undefined {
  let chosen: VersionedCheck | undefined;
  for (const version of check.versions) if (version.minimumMinor <= minor && (chosen === undefined || version.minimumMinor >= chosen.minimumMinor)) chosen = version;
  return chosen;
}

/** The checks in force by level, then by version (minor): every pod asks, so no key is built per pod. */
const activeChecks = new Map<PssLevel, Array<ReadonlyArray<{ check: PssCheck; version: VersionedCheck }> | undefined>>();

/** The checks in force for a policy, with the implementation each uses at that version; worked out once per level and version (every pod asks). */
function checksFor(policy: PssPolicy): ReadonlyArray<{ check: PssCheck; version: VersionedCheck }> {
  let byMinor = activeChecks.get(policy.level);
  if (byMinor === undefined) {
    byMinor = [];
    activeChecks.set(policy.level, byMinor);
  }
  let active = byMinor[policy.minor];
  if (active === undefined) {
    active = findChecks(policy);
    byMinor[policy.minor] = active;
  }
  return active;
}

function findChecks(policy: PssPolicy): Array<{ check: PssCheck; version: VersionedCheck }> {
  if (policy.level === 'privileged') return [];
  const active = PSS_CHECKS.filter((check) => check.level === 'baseline' || policy.level === 'restricted')
    .map((check) => ({ check, version: versionAt(check, policy.minor) }))
    .filter((entry): entry is { check: PssCheck; version: VersionedCheck } => entry.version !== undefined);
  const overridden = new Set(active.flatMap((entry) => entry.version.overrides ?? []));
  return active.filter((entry) => !overridden.has(entry.check.id));
}

/** Evaluates one pod (or pod template) against a policy, exactly as the pod-security admission plugin does. */
export function evaluatePod(pod: PodView, policy: PssPolicy): PssEvaluation {
  const violations: PssViolation[] = [];
  const active = checksFor(policy);
  for (const { check, version } of active) {
    const result = version.evaluate(pod);
    if (result.allowed) continue;
    const reason = result.reason ?? check.id;
    const detail = result.detail ?? '';
    const paths = result.paths ?? [];
    violations.push({ check: check.id, reason, detail, message: detail === '' ? reason : `${reason} (${detail})`, path: paths[0] ?? pod.specPath, paths });
  }
  return { allowed: violations.length === 0, violations };
}

/** The pod a resource runs, as the PSS checks see it; undefined for kinds that run none. */
export function podViewOf(resource: Resource): PodView | undefined {
  const pod = podSpecOf(resource);
  if (pod === undefined) return undefined;
  return { metadata: pod.metadata, spec: pod.spec, metadataPath: pod.metadataPath, specPath: pod.path, containers: pod.containers };
}

/** The framework control an upstream check implements: `capabilities_restricted` → `restricted:capabilities`. */
export function pssControlId(checkId: string): string | undefined {
  const check = PSS_CHECKS.find((candidate) => candidate.id === checkId);
  return check === undefined ? undefined : `${check.level}:${check.id.replace(/_(baseline|restricted)$/, '')}`;
}
