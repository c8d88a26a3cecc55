/**
 * Bulwark's public API. The command line and the admission server use nothing else.
 *
 * ```ts
 * import { scan, renderReport } from 'bulwark';
 * const result = await scan({ paths: ['k8s/'] });
 * process.stdout.write(renderReport(result, 'sarif'));
 * process.exitCode = result.exitCode;
 * ```
 */
export { scan, selectChecks, catalogueOf, isFailing, RESULT_SCHEMA_VERSION } from './scan.js';
export type { ScanOptions, ScanResult, ScanSummary, ResourceSummary, FailThreshold } from './scan.js';
export { BUILTIN_CHECKS, findCheck } from './checks/index.js';
export type { Check, CheckMeta, CheckOption, ResourceCheck, SetCheck, ResourceContext, SetContext, Report, FrameworkMapping, Framework } from './engine/types.js';
export { runChecks, toFinding, type Evaluation, type RunOutcome } from './engine/run.js';
export type { Finding, FindingStatus, Severity } from './findings/types.js';
export { SEVERITIES, isSeverity, severityRank } from './findings/types.js';
export { createBaseline, readBaseline, applyBaseline, type Baseline, type BaselineEntry } from './findings/baseline.js';
export { fingerprint } from './findings/fingerprint.js';
export { parseSource, splitDocuments } from './loader/parse.js';
export { listSources, readSource, type SourceText } from './loader/sources.js';
export { DEFAULT_LIMITS, type Diagnostic, type DiagnosticSeverity, type LoadedDocument, type LoaderLimits } from './loader/types.js';
export { extractResources, resourceStartLine, type Resource, type ResourceIdentity, type KubernetesObject } from './model/resource.js';
export { podSpecOf, WORKLOAD_KINDS, type PodSpecRef, type ContainerRef, type ContainerKind } from './model/workload.js';
export { isClusterScoped } from './model/scope.js';
export { formatPath, getAtPath, type Path } from './yaml/path.js';
export { locatePath, type SourcePosition } from './yaml/positions.js';
export { renderReport, REPORTERS, REPORT_FORMATS, isReportFormat, type ReportFormat, type RenderOptions, type Reporter } from './report/index.js';
export { BulwarkError, type ErrorCode } from './errors/index.js';
export { VERSION, DOCS_BASE_URL } from './version.js';
export {
  compileAdmissionPolicies,
  evaluateAdmissionPolicies,
  admitRequest,
  clusterFromResources,
  vapFindingReports,
  vapProblemDiagnostics,
  type CompiledAdmissionPolicies,
  type VapResourceResult,
  type VapDecision,
  type VapProblem,
  type AdmissionRequestInput,
  type AdmissionCluster,
  type AdmissionOutcome,
} from './vap/index.js';
export { admissionPolicyChecks } from './vap/checks.js';
export {
  buildRbacAnalysis,
  resolveAccessQuery,
  parseSubjectArgument,
  whoCan,
  can,
  accessMatrix,
  findEscalationPaths,
  escalationStarts,
  DEFAULT_MAX_DEPTH,
  DEFAULT_MAX_PATHS,
  RBAC_SCHEMA_VERSION,
  whoCanJson,
  canJson,
  matrixJson,
  pathsJson,
  renderWhoCanText,
  renderCanText,
  renderMatrixText,
  renderMatrixCsv,
  renderMatrixHtml,
  renderPathsText,
  parseAccessMatrix,
  AccessMatrixError,
  BUILTIN_ACCESS_LEVELS,
  RBAC_ACCESS_SCHEMA,
  generateRbac,
  renderManifests,
  requireManifestFormat,
  readAuditLog,
  parseAuditLine,
  effectiveIdentity,
  authenticatedIdentity,
  impersonationRequests,
  leastPrivilege,
  minimalRules,
  nameLimits,
  requestsOf,
  defaultLeastPrivilegeName,
  ruleUsage,
  unusedRules,
  renderUnusedText,
  unusedJson,
} from './rbac/index.js';
export type {
  RbacAnalysis,
  AccessQuery,
  AccessQueryInput,
  WhoCanResult,
  CanResult,
  AccessMatrix,
  MatrixEntry,
  EscalationOptions,
  EscalationReport,
  EscalationPath,
  EscalationStep,
  EscalationState,
  EscalationGoal,
  EscalationTechnique,
  GoalMatch,
  StepPermission,
  StartPaths,
  EscalationStart,
  AccessMatrixInput,
  AccessGrant,
  AccessRole,
  AccessMatrixProblem,
  GeneratedRbac,
  ManifestObject,
  ManifestFormat,
  AuditEvent,
  AuditLog,
  AuditUser,
  AuditLogProblem,
  LeastPrivilege,
  LeastPrivilegeOptions,
  SubjectRequest,
  UnusedReport,
  SubjectUse,
  BindingUse,
} from './rbac/index.js';
export { evaluateGate, gateProblems, normaliseGate, resolveGate, GATE_SCHEMA, type GateConfig, type GateDecision, type GateReason, type GateRequest, type GateWindow } from './gate/index.js';
export {
  analyzeReachability,
  listConnections,
  peerName,
  enginePeer,
  renderConnlist,
  renderConnectivityHtml,
  loadNetpolInputs,
  explainConnection,
  resolvePeers,
  renderExplanationText,
  renderExplanationJson,
  diffConnectivity,
  renderDiff,
  newAccess,
  gateViolations,
  ReachabilityEngine,
  ConnectionSet,
  CONNLIST_FORMATS,
  DIFF_FORMATS,
  openRepository,
  parseTreePath,
  readGitManifests,
} from './netpol/index.js';
export type {
  ReachabilityAnalysis,
  Peer,
  Connection,
  ConnectionList,
  FocusOptions,
  ConnlistFormat,
  ConnectionExplanation,
  ConnectivityChange,
  DiffFormat,
  DiffGate,
  NewAccess,
  NetpolDiagnostic,
  GitRepository,
  GitTreePath,
  GitManifests,
  ClusterModelOptions,
} from './netpol/index.js';
export { AdmissionEngine, DecisionCache, EvaluationError, admissionResource, type AdmissionDecision, type AdmissionEngineOptions, type MutationDecision } from './server/engine.js';
export {
  readAdmissionReview,
  parseAdmissionReview,
  admissionReviewResponse,
  InvalidReviewError,
  ADMISSION_API_VERSION,
  type AdmissionRequest,
  type AdmissionResponse,
  type AdmissionReviewResponse,
} from './server/admission-review.js';
export { startWebhook, type WebhookOptions, type RunningWebhook } from './server/webhook.js';
export { WebhookServer } from './server/server.js';
export { generateSelfSigned, type SelfSignedMaterial } from './server/certificates.js';
export { safeDefaultsPatch, type PatchOperation } from './server/mutate.js';
export { judgeFindings, type JudgeOptions } from './policy/judge.js';
