import { BUILTIN_CHECKS } from './checks/index.js';
import { anyEvaluated, runChecks, type Evaluation, type RunOptions } from './engine/run.js';
import type { ExceptionStatus } from './policy/exceptions.js';
import { judgeFindings } from './policy/judge.js';
import { compileAdmissionPolicies } from './vap/admission.js';
import { admissionPolicyChecks } from './vap/checks.js';
import { vapProblemDiagnostics } from './vap/findings.js';
import { namespaceLabelsOf } from './policy/match.js';
import { PolicyResolver } from './policy/resolve.js';
import type { LoadedPolicy } from './policy/types.js';
import type { Check } from './engine/types.js';
import { BulwarkError } from './errors/index.js';
import { complianceReport, frameworkChecks, isFrameworkName, type ComplianceReport } from './frameworks/compliance.js';
import { applyBaseline, type Baseline } from './findings/baseline.js';
import { sortFindings } from './findings/order.js';
import { SEVERITIES, severityRank, type Finding, type Severity } from './findings/types.js';
import { loadInputs, type LoadOptions } from './loader/load.js';
import type { Diagnostic } from './loader/types.js';
import { resourceStartLine, type ResourceIdentity } from './model/resource.js';
import { TOOL_NAME, VERSION } from './version.js';

/** Version of the JSON result format (`docs/schemas/scan-result.schema.json`). */
export const RESULT_SCHEMA_VERSION = '1.0.0';

export type FailThreshold = Severity | 'none';

export interface ScanOptions extends LoadOptions {
  /** Ids of the checks to run; when absent, every built-in check enabled by default. Unknown ids are a usage error. */
  checks?: readonly string[];
  /** Findings at or above this severity fail the gate. Default `high`. */
  failOn?: FailThreshold;
  /** Findings recorded in a baseline are suppressed. */
  baseline?: Baseline;
  /** Options per check id. */
  checkOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Run the checks of a framework (`cis`, `nsa`, `mitre`, `pss-baseline`, `pss-restricted`) and report compliance per control. */
  framework?: string;
  /** A policy (`bulwark.yaml`): enabled checks, severities, options and thresholds by level, exceptions. */
  policy?: LoadedPolicy;
  /** The cluster being checked, for the policy's cluster level and exception scopes. */
  cluster?: string;
  /** The clock for exception expiry (tests pass a fixed date). */
  now?: Date;
  /**
   * Files or directories with ValidatingAdmissionPolicies and their bindings (and parameter
   * objects): each policy is evaluated offline against the scanned resources as check `vap/<name>`.
   */
  admissionPolicies?: readonly string[];
}

export interface ResourceSummary extends ResourceIdentity {
  file: string;
  line: number;
  template?: string;
}

export interface ScanSummary {
  files: number;
  documents: number;
  resources: number;
  checks: number;
  findings: number;
  /** Findings with status `fail` at or above the threshold. */
  failing: number;
  suppressed: number;
  bySeverity: Record<Severity, number>;
  errors: number;
}

/** Everything a scan found, in the shape every reporter reads. */
export interface ScanResult {
  schemaVersion: string;
  tool: { name: string; version: string };
  failOn: FailThreshold;
  summary: ScanSummary;
  findings: Finding[];
  diagnostics: Diagnostic[];
  /** The checks that ran. */
  checks: readonly Check[];
  resources: ResourceSummary[];
  evaluations: Evaluation[];
  /** False when the result cannot be relied on; `untrustedReasons` says why. */
  trusted: boolean;
  untrustedReasons: string[];
  /** 0 clean, 1 findings at or above the threshold, 3 not trustworthy. */
  exitCode: 0 | 1 | 3;
  /** Source texts by file name, for code frames. */
  sources: ReadonlyMap<string, string>;
  /** Control-by-control result, when a framework was asked for. */
  compliance?: ComplianceReport;
  /** Each policy exception: active, expiring soon or expired, and how many findings it covered. */
  exceptions?: ExceptionStatus[];
}

/** Every check a scan may run: the built-in ones and the policy's custom rules. */
export function catalogueOf(policy: LoadedPolicy | undefined): readonly Check[] {
  return policy === undefined || policy.checks.length === 0 ? BUILTIN_CHECKS : [...BUILTIN_CHECKS, ...policy.checks];
}

/** Reads ValidatingAdmissionPolicies and bindings into checks; anything unreadable is a configuration error. */
async function loadAdmissionPolicies(paths: readonly string[], options: ScanOptions): Promise<{ checks: Check[]; diagnostics: Diagnostic[] }> {
  // Read like the manifests: the same namespace for objects that name none (parameter objects), the same limits.
  const loaded = await loadInputs({
    paths,
    ...(options.defaultNamespace !== undefined ? { defaultNamespace: options.defaultNamespace } : {}),
    ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
  const errors = loaded.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0) {
    throw new BulwarkError('BULWARK_E_CONFIG', `cannot read the admission policies: ${errors.map((error) => `${error.file}${error.line !== undefined ? `:${error.line}` : ''}: ${error.message}`).join('; ')}`);
  }
  const compiled = compileAdmissionPolicies(loaded.resources);
  if (compiled.policies.length === 0) {
    throw new BulwarkError('BULWARK_E_CONFIG', `no ValidatingAdmissionPolicy found in ${paths.join(', ')}`, 'Give files that hold ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects.');
  }
  return { checks: admissionPolicyChecks(compiled), diagnostics: vapProblemDiagnostics(compiled.problems) };
}

/** Resolves check ids to checks; a usage error names every unknown id. */
export function selectChecks(ids: readonly string[] | undefined, catalogue: readonly Check[] = BUILTIN_CHECKS): Check[] {
  if (ids === undefined) return catalogue.filter((check) => check.meta.enabledByDefault !== false);
  const byId = new Map(catalogue.map((check) => [check.id, check]));
  const unknown = ids.filter((id) => !byId.has(id));
  if (unknown.length > 0) {
    throw new BulwarkError(
      'BULWARK_E_UNKNOWN_CHECK',
      `unknown check id${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`,
      'Run `bulwark checks list` to see the ids.',
    );
  }
  return ids.map((id) => byId.get(id) as Check);
}

export function isFailing(finding: Finding, failOn: FailThreshold): boolean {
  return finding.status === 'fail' && finding.mode === undefined && failOn !== 'none' && severityRank(finding.severity) >= severityRank(failOn);
}

/**
 * Scans manifests: reads the sources, parses every document with positions, runs the
 * checks and returns findings, diagnostics and the gate's verdict. Never throws on bad
 * input (that becomes diagnostics); throws {@link BulwarkError} on invalid options.
 */
export async function scan(options: ScanOptions = {}): Promise<ScanResult> {
  // Callers from JavaScript get a clear error, not an empty scan, for a list given as something else (a Set, a string).
  for (const field of ['paths', 'sources', 'checks', 'admissionPolicies'] as const) {
    if (options[field] !== undefined && !Array.isArray(options[field])) throw new BulwarkError('BULWARK_E_USAGE', `scan: options.${field} must be an array`);
  }
  const policy = options.policy;
  let catalogue = catalogueOf(policy);
  const admissionPolicies = options.admissionPolicies === undefined ? undefined : await loadAdmissionPolicies(options.admissionPolicies, options);
  const admission = admissionPolicies?.checks ?? [];
  if (admission.length > 0) catalogue = [...catalogue, ...admission];
  let checks = selectChecks(options.checks, catalogue);
  if (options.framework !== undefined) {
    const inFramework = frameworkChecks(options.framework, catalogue);
    checks = options.checks === undefined ? inFramework : checks.filter((check) => inFramework.includes(check));
  }
  // Policies named on the command line run whatever other checks were chosen.
  const withAdmission = (chosen: Check[]) => [...chosen, ...admission.filter((check) => !chosen.includes(check))];
  checks = withAdmission(checks);
  const failOn = options.failOn ?? policy?.config.failOn ?? 'high';
  const now = options.now ?? new Date();
  const { resources, diagnostics, sources, files, documents } = await loadInputs(
    policy !== undefined && policy.config.workloads.size > 0 && options.customWorkloads === undefined ? { ...options, customWorkloads: policy.config.workloads } : options,
  );

  let resolver: PolicyResolver | undefined;
  const runOptions: RunOptions = options.checkOptions ? { checkOptions: options.checkOptions } : {};
  if (policy !== undefined) {
    resolver = new PolicyResolver(policy, catalogue, { namespaceLabels: namespaceLabelsOf(resources), ...(options.cluster !== undefined ? { cluster: options.cluster } : {}) });
    if (options.checks === undefined && options.framework === undefined) checks = withAdmission(resolver.checksToRun());
    const active = resolver;
    runOptions.settings = (check, resource) => active.effective(check, resource);
    // Whole-set checks run once, with the options of the global (and cluster) level.
    const top = active.topLevels();
    runOptions.checkOptions = Object.fromEntries(checks.map((check) => [check.id, { ...active.effectiveAt(check, top).options, ...(options.checkOptions?.[check.id] ?? {}) }]));
  }
  const outcome = runChecks(resources, checks, runOptions);
  diagnostics.push(...(admissionPolicies?.diagnostics ?? []), ...outcome.diagnostics);
  const checksById = new Map(checks.map((check) => [check.id, check]));
  // Judged before the findings are sorted: they are still in the order of `outcome.owners`.
  const exceptions = judgeFindings(outcome.findings, outcome, checksById, { resolver, failOn, now, cluster: options.cluster, diagnostics, reportExpired: true });
  const findings = sortFindings(outcome.findings);
  const suppressed = options.baseline ? applyBaseline(findings, options.baseline) : 0;

  const bySeverity = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<Severity, number>;
  let failing = 0;
  for (const finding of findings) {
    if (finding.status === 'fail') bySeverity[finding.severity]++;
    if (isFailing(finding, finding.failOn ?? failOn)) failing++;
  }
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const untrustedReasons: string[] = [];
  if (resources.length === 0) untrustedReasons.push('no Kubernetes resource was found in the input');
  else if (checks.length === 0) untrustedReasons.push('no check was selected');
  else if (!anyEvaluated(resources, checks)) untrustedReasons.push('no check applied to any resource in the input');
  if (errors > 0) untrustedReasons.push(`${errors} input problem${errors > 1 ? 's' : ''} (unreadable files or documents that did not parse)`);
  const trusted = untrustedReasons.length === 0;

  const result: ScanResult = {
    schemaVersion: RESULT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: VERSION },
    failOn,
    summary: {
      files,
      documents,
      resources: resources.length,
      checks: checks.length,
      findings: findings.length,
      failing,
      suppressed,
      bySeverity,
      errors,
    },
    findings,
    diagnostics,
    checks,
    resources: resources.map((resource) => {
      const summary: ResourceSummary = {
        apiVersion: resource.apiVersion,
        kind: resource.kind,
        namespace: resource.namespace,
        name: resource.name,
        file: resource.document.file,
        line: resourceStartLine(resource),
      };
      if (resource.document.template !== undefined) summary.template = resource.document.template;
      return summary;
    }),
    trusted,
    untrustedReasons,
    exitCode: !trusted ? 3 : failing > 0 ? 1 : 0,
    sources,
    get evaluations() {
      return outcome.evaluations;
    },
  };
  if (exceptions !== undefined) result.exceptions = exceptions;
  if (options.framework !== undefined && isFrameworkName(options.framework)) result.compliance = complianceReport(options.framework, checks, findings);
  return result;
}
