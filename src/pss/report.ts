import { loadInputs, type LoadOptions } from '../loader/load.js';
import type { Diagnostic } from '../loader/types.js';
import { resourceStartLine, type Resource } from '../model/resource.js';
import { isWorkload } from '../model/workload.js';
import { existingPrefix, formatPath } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import { evaluatePod, formatPssVersion, podViewOf } from './evaluate.js';
import { namespacePolicy, PSA_MODES, type ModePolicy, type NamespacePolicy, type PsaMode } from './namespaces.js';
import { LATEST_MINOR, type PssLevel } from './types.js';

export const PSS_RESULT_SCHEMA_VERSION = '1.0.0';

export interface PssViolationReport {
  check: string;
  /** `reason (detail)` in the API server's words. */
  reason: string;
  path: string;
  line: number;
  column: number;
}

export interface PssModeResult {
  level: PssLevel;
  version: string;
  allowed: boolean;
  violations: PssViolationReport[];
}

/** One resource's verdict: an item of the `bulwark pss --format json` array. */
export interface PssResourceResult {
  file: string;
  line: number;
  apiVersion: string;
  kind: string;
  namespace: string | undefined;
  name: string;
  /** Whether the resource is admitted (by the enforce level when namespace labels decide). */
  allowed: boolean;
  level: PssLevel;
  version: string;
  /** Where the level came from: the command line, the namespace's enforce label, or the default for unlabelled namespaces. */
  policySource: 'option' | 'namespace' | 'default';
  violations: PssViolationReport[];
  /** With namespace labels: the audit and warn results, which do not block admission. */
  audit?: PssModeResult;
  warn?: PssModeResult;
  /** Remarks on Namespace items (unlabelled, privileged, invalid labels). */
  notes?: string[];
}

export interface PssRunOptions extends LoadOptions {
  /** Evaluate every workload at this level; when absent, each namespace's labels decide. */
  level?: PssLevel;
  /** Policy version with `level`: minor of 1.x. */
  minor?: number;
  /** Level for workloads whose namespace has no enforce label (the cluster default). Default `privileged`. */
  defaultLevel?: PssLevel;
}

export interface PssRun {
  results: PssResourceResult[];
  diagnostics: Diagnostic[];
  trusted: boolean;
  untrustedReasons: string[];
  /** 0 all admitted, 1 some resource denied, 3 not trustworthy. */
  exitCode: 0 | 1 | 3;
  sources: ReadonlyMap<string, string>;
}

function evaluateAt(resource: Resource, policy: { level: PssLevel; minor: number }): PssModeResult {
  const pod = podViewOf(resource);
  const evaluation = pod ? evaluatePod(pod, policy) : { allowed: true, violations: [] };
  return {
    level: policy.level,
    version: formatPssVersion(policy.minor),
    allowed: evaluation.allowed,
    violations: evaluation.violations.map((violation) => {
      const fullPath = [...resource.basePath, ...violation.path];
      const position = locateField(resource.document, existingPrefix(resource.document.value, fullPath)) ?? { line: resource.document.startLine, column: 1 };
      return { check: violation.check, reason: violation.message, path: formatPath(violation.path), line: position.line, column: position.column };
    }),
  };
}


function identity(resource: Resource) {
  return { file: resource.document.file, line: resourceStartLine(resource), apiVersion: resource.apiVersion, kind: resource.kind, namespace: resource.namespace, name: resource.name };
}

function namespaceNotes(policy: NamespacePolicy): string[] {
  const notes = policy.invalid.map((label) => `invalid label ${label}: ignored, as the admission plugin ignores it`);
  const enforce = policy.modes.enforce;
  if (enforce === undefined) notes.push('no pod-security.kubernetes.io/enforce label: pods are admitted at the cluster default level (privileged unless configured)');
  else if (enforce.level === 'privileged') notes.push('enforce level is privileged: nothing is checked at admission');
  return notes;
}

/**
 * Evaluates every workload against the Pod Security Standards: at one level for all, or,
 * without a level, at each namespace's `pod-security.kubernetes.io/*` labels as the
 * admission plugin would.
 */
export async function checkPodSecurity(options: PssRunOptions): Promise<PssRun> {
  const loaded = await loadInputs(options);
  const workloads = loaded.resources.filter((resource) => isWorkload(resource) && podViewOf(resource) !== undefined);
  const results: PssResourceResult[] = [];
  if (options.level !== undefined) {
    const policy = { level: options.level, minor: options.minor ?? LATEST_MINOR };
    for (const resource of workloads) {
      const result = evaluateAt(resource, policy);
      results.push({ ...identity(resource), allowed: result.allowed, level: result.level, version: result.version, policySource: 'option', violations: result.violations });
    }
  } else {
    const namespaces = new Map<string, NamespacePolicy>();
    for (const resource of loaded.resources) if (resource.kind === 'Namespace') namespaces.set(resource.name, namespacePolicy(resource));
    for (const policy of namespaces.values()) {
      const notes = namespaceNotes(policy);
      const enforce = policy.modes.enforce;
      results.push({
        ...identity(policy.resource),
        allowed: true,
        level: enforce?.level ?? options.defaultLevel ?? 'privileged',
        version: enforce?.version ?? 'latest',
        policySource: enforce ? 'namespace' : 'default',
        violations: [],
        ...(notes.length > 0 ? { notes } : {}),
      });
    }
    for (const resource of workloads) {
      const policy = resource.namespace !== undefined ? namespaces.get(resource.namespace) : undefined;
      const enforce: ModePolicy | undefined = policy?.modes.enforce;
      const level = enforce?.level ?? options.defaultLevel ?? 'privileged';
      const minor = enforce?.minor ?? LATEST_MINOR;
      const result = evaluateAt(resource, { level, minor });
      const item: PssResourceResult = {
        ...identity(resource),
        allowed: result.allowed,
        level,
        version: result.version,
        policySource: enforce ? 'namespace' : 'default',
        violations: result.violations,
      };
      for (const mode of PSA_MODES.filter((candidate): candidate is Exclude<PsaMode, 'enforce'> => candidate !== 'enforce')) {
        const modePolicy = policy?.modes[mode];
        if (modePolicy !== undefined) item[mode] = evaluateAt(resource, modePolicy);
      }
      results.push(item);
    }
  }
  const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const untrustedReasons: string[] = [];
  if (workloads.length === 0) untrustedReasons.push('no workload (Pod or pod template) was found in the input');
  if (errors > 0) untrustedReasons.push(`${errors} input problem${errors > 1 ? 's' : ''} (unreadable files or documents that did not parse)`);
  const trusted = untrustedReasons.length === 0;
  const denied = results.some((result) => !result.allowed);
  return { results, diagnostics: loaded.diagnostics, trusted, untrustedReasons, exitCode: !trusted ? 3 : denied ? 1 : 0, sources: loaded.sources };
}
