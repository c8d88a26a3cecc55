/**
 * The admission decision for a request, as the ValidatingAdmissionPolicy plugin's dispatcher
 * makes it: every policy that matches, every binding of it that matches, every param the
 * binding selects; each failing validation enforced by the binding's validationActions;
 * configuration errors and failurePolicy; the first denial becomes the API server's status.
 */
import { appendTo } from '../model/lists.js';
import { rememberedPer } from '../model/memo.js';
import { labelsOf } from '../checks/shared/selectors.js';
import type { KubernetesObject, Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { compilePolicy, VapEnvironments, type CompiledPolicy, type VapCompileOptions } from './compile.js';
import { matchesResources } from './match.js';
import { collectParams } from './params.js';
import { ADMISSION_GROUP, parseAdmissionPolicies, type BindingDefinition } from './parse.js';
import { admissionVariables, clusterFromResources, createRequestFor, DEFAULT_USER, NAMESPACE_NAME_LABEL } from './request.js';
import { ResourceCatalog } from './resources.js';
import type { Labels } from './selector.js';
import { validatePolicy, type PolicyDecision } from './validate.js';
import type {
  AdmissionCluster,
  AdmissionOutcome,
  AdmissionRequestInput,
  AdmissionUserInfo,
  DecisionKind,
  ParamReference,
  ValidationAction,
  VapDecision,
  VapProblem,
  VapResourceResult,
} from './types.js';

/** Policies and bindings ready to evaluate, with the problems found in them. */
export interface CompiledAdmissionPolicies {
  policies: CompiledPolicy[];
  bindings: readonly BindingDefinition[];
  problems: VapProblem[];
  /** The resources they were read from (CRDs among them teach the catalog plurals and scopes). */
  resources: readonly Resource[];
}

/**
 * Reads ValidatingAdmissionPolicies and their bindings from resources (anything else is
 * ignored) and compiles their CEL. Never throws: malformed policies are reported in
 * `problems` with a path inside the resource, and still evaluate as the API server would.
 */
export function compileAdmissionPolicies(resources: readonly Resource[], options: VapCompileOptions = {}): CompiledAdmissionPolicies {
  const parsed = parseAdmissionPolicies(resources);
  const problems = [...parsed.problems];
  const environments = new VapEnvironments(options);
  const policies = parsed.policies.map((definition) => compilePolicy(definition, environments, problems));
  // Report in input order: each object's problems together, in the order they were found.
  problems.sort((a, b) => a.resource.index - b.resource.index);
  return { policies, bindings: parsed.bindings, problems, resources };
}

/** The policy and binding kinds themselves are never subject to API-defined policies. */
const EXEMPT_RESOURCES = new Set([
  `${ADMISSION_GROUP}/validatingadmissionpolicies`,
  `${ADMISSION_GROUP}/validatingadmissionpolicybindings`,
  `${ADMISSION_GROUP}/mutatingadmissionpolicies`,
  `${ADMISSION_GROUP}/mutatingadmissionpolicybindings`,
  // Reviews are not stored objects; the API server excludes them from admission policies.
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
]);

const VALIDATION_FAILURE_ANNOTATION = 'validation.policy.admission.k8s.io/validation_failure';
/** Longest audit annotation value the API server keeps. */
const MAX_AUDIT_ANNOTATION_VALUE = 10 * 1024;
const KNOWN_ACTIONS: readonly ValidationAction[] = ['Deny', 'Warn', 'Audit'];

const REASON_CODES: Readonly<Record<string, number>> = { Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413, Invalid: 422 };

/** The API server's denial text: `ValidatingAdmissionPolicy 'p' with binding 'b' denied request: …`. */
export function formatDenial(policy: string, binding: string | undefined, detail: string): string {
  return binding === undefined
    ? `ValidatingAdmissionPolicy '${policy}' denied request: ${detail}`
    : `ValidatingAdmissionPolicy '${policy}' with binding '${binding}' denied request: ${detail}`;
}

/** The API server's warning text (its `Warning` header): `Validation failed for ValidatingAdmissionPolicy 'p' with binding 'b': …`. */
export function formatWarning(policy: string, binding: string, detail: string): string {
  return `Validation failed for ValidatingAdmissionPolicy '${policy}' with binding '${binding}': ${detail}`;
}

/** Go's encoding/json escapes these in strings; audit annotation values are Go JSON. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function paramReference(param: KubernetesObject | null): ParamReference | undefined {
  if (param === null) return undefined;
  const metadata = (param.metadata ?? {}) as Record<string, unknown>;
  return {
    name: typeof metadata.name === 'string' ? metadata.name : '',
    ...(typeof metadata.namespace === 'string' && metadata.namespace !== '' ? { namespace: metadata.namespace } : {}),
  };
}

/** The bindings of each policy, by its name: grouped once, not for every request. */
const bindingsOfPolicies = rememberedPer((compiled: CompiledAdmissionPolicies): ReadonlyMap<string, BindingDefinition[]> => {
  const byPolicy = new Map<string, BindingDefinition[]>();
  for (const binding of compiled.bindings) appendTo(byPolicy, binding.policyName, binding);
  return byPolicy;
});

/** `deployments.apps "web" is forbidden: ` — how `admission.NewForbidden` prefixes a denial. */
function forbiddenPrefix(request: AdmissionRequestInput): string {
  const resource = request.resource.group === '' ? request.resource.resource : `${request.resource.resource}.${request.resource.group}`;
  let name = request.name ?? '';
  if (name === '') {
    const metadata = (request.object?.metadata ?? {}) as Record<string, unknown>;
    name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : typeof metadata.generateName === 'string' && metadata.generateName !== '' ? metadata.generateName : 'Unknown';
  }
  return `${resource} ${JSON.stringify(name)} is forbidden: `;
}

/**
 * Decides one admission request. `cluster` supplies Namespaces and parameter objects. Policy
 * order is input order; the API server's is unspecified, which only matters for which of
 * several denials becomes the status message.
 */
export function admitRequest(compiled: CompiledAdmissionPolicies, request: AdmissionRequestInput, cluster: AdmissionCluster): AdmissionOutcome {
  const outcome: AdmissionOutcome = { decisions: [], ignoredErrors: [], allowed: true, warnings: [], auditAnnotations: {}, matched: [] };
  if (EXEMPT_RESOURCES.has(`${request.resource.group}/${request.resource.resource}`)) return outcome;
  const bindingsByPolicy = bindingsOfPolicies(compiled);
  const namespaceLabels = (name: string): Labels => ({ ...labelsOf(cluster.namespace(name)?.metadata), [NAMESPACE_NAME_LABEL]: name });
  const denied: VapDecision[] = [];
  const addAnnotation = (key: string, value: string) => {
    // The API server refuses to overwrite an annotation: the first value stays.
    if (!(key in outcome.auditAnnotations)) outcome.auditAnnotations[key] = value;
  };
  const variables = admissionVariables(request, (name) => cluster.namespace(name));

  for (const policy of compiled.policies) {
    const definition = policy.definition;
    const bindings = bindingsByPolicy.get(definition.name) ?? [];
    if (bindings.length === 0 || definition.matchConstraints === undefined) continue;
    const ignore = definition.failurePolicy === 'Ignore';
    const make = (binding: BindingDefinition, kind: DecisionKind, detail: string, actions: ValidationAction[], extra: Partial<VapDecision> & { policyPath: Path }): VapDecision => ({
      policy: definition.name,
      binding: binding.name,
      actions,
      message: actions.includes('Deny') || actions.length === 0 ? formatDenial(definition.name, binding.name, detail) : formatWarning(definition.name, binding.name, detail),
      detail,
      reason: 'Invalid',
      policyResource: definition.resource,
      bindingResource: binding.resource,
      kind,
      ...extra,
    });
    const configurationError = (binding: BindingDefinition, kind: DecisionKind, error: string, policyPath: Path, bindingPath: Path) => {
      const known = definition.failurePolicy === 'Fail' || ignore;
      const detail = known ? `failed to configure binding: ${error}` : `unrecognized failure policy: '${definition.failurePolicy}'`;
      if (ignore) {
        outcome.ignoredErrors.push(make(binding, kind, detail, [], { policyPath, bindingPath }));
        return;
      }
      // Configuration errors deny whatever the binding's validationActions say.
      const decision = make(binding, kind, detail, ['Deny'], { policyPath, bindingPath });
      outcome.decisions.push(decision);
      denied.push(decision);
    };
    // An invalid selector in matchConstraints (already reported as a problem) makes the
    // validating dispatcher skip the policy.
    const policyMatch = matchesResources(definition.matchConstraints, request, namespaceLabels);
    if (!policyMatch.matches) continue;

    const collected = new Map<string, string[]>();
    for (const binding of bindings) {
      if (binding.matchResources !== undefined) {
        const bindingMatch = matchesResources(binding.matchResources, request, namespaceLabels);
        if (bindingMatch.error !== undefined) {
          configurationError(binding, 'error', bindingMatch.error, ['spec'], ['spec', 'matchResources']);
          continue;
        }
        if (!bindingMatch.matches) continue;
      }
      const pair = { policy: definition.name, binding: binding.name };
      const params = collectParams(definition.paramKind, binding.paramRef, request.namespace ?? '', cluster);
      if (!params.ok) {
        outcome.matched.push(pair);
        configurationError(binding, params.notFound ? 'param-not-found' : 'error', params.message, ['spec', 'paramKind'], ['spec', 'paramRef']);
        continue;
      }
      const actions = KNOWN_ACTIONS.filter((action) => binding.validationActions.includes(action));
      for (const param of params.params) {
        const paramId = paramReference(param);
        const result = validatePolicy(policy, { ...variables, params: param });
        if (!result.applies) continue;
        if (!outcome.matched.some((seen) => seen.policy === pair.policy && seen.binding === pair.binding)) outcome.matched.push(pair);
        const decide = (raw: PolicyDecision): VapDecision =>
          make(binding, raw.evaluation === 'deny' ? 'violation' : 'error', raw.message, raw.action === 'admit' ? [] : actions, {
            policyPath: raw.policyPath,
            reason: raw.reason ?? 'Invalid',
            ...(paramId !== undefined ? { param: paramId } : {}),
            ...(raw.validationIndex !== undefined ? { validationIndex: raw.validationIndex } : {}),
            ...(raw.expression !== undefined ? { expression: raw.expression } : {}),
            ...(raw.fieldPath !== undefined ? { fieldPath: raw.fieldPath } : {}),
          });
        for (const raw of result.decisions) {
          if (raw.action === 'admit') {
            if (raw.evaluation === 'error') outcome.ignoredErrors.push(decide(raw));
            continue;
          }
          if (actions.length === 0) continue; // a binding without valid actions enforces nothing
          const decision = decide(raw);
          outcome.decisions.push(decision);
          if (actions.includes('Deny')) denied.push(decision);
          if (actions.includes('Warn')) outcome.warnings.push(formatWarning(definition.name, binding.name, raw.message));
          if (actions.includes('Audit')) {
            addAnnotation(
              VALIDATION_FAILURE_ANNOTATION,
              goJson([{ message: raw.message, policy: binding.policyName, binding: binding.name, expressionIndex: raw.index, validationActions: binding.validationActions }]),
            );
          }
        }
        for (const annotation of result.auditAnnotations) {
          if (annotation.action === 'publish') {
            const value = (annotation.value as string).slice(0, MAX_AUDIT_ANNOTATION_VALUE);
            const values = collected.get(annotation.key) ?? [];
            if (!values.includes(value)) values.push(value);
            collected.set(annotation.key, values);
          } else if (annotation.action === 'error') {
            // An audit annotation that cannot be computed denies (failurePolicy Fail), whatever the actions.
            const decision = make(binding, 'error', annotation.error as string, ['Deny'], { policyPath: annotation.path, ...(paramId !== undefined ? { param: paramId } : {}) });
            outcome.decisions.push(decision);
            denied.push(decision);
          } else if (annotation.ignoredError !== undefined) {
            outcome.ignoredErrors.push(make(binding, 'error', annotation.ignoredError, [], { policyPath: annotation.path, ...(paramId !== undefined ? { param: paramId } : {}) }));
          }
        }
      }
    }
    for (const [key, values] of collected) addAnnotation(`${definition.name}/${key}`, values.join(', '));
  }

  const first = denied[0];
  if (first !== undefined) {
    outcome.allowed = false;
    outcome.denyMessage = first.message;
    outcome.statusMessage = forbiddenPrefix(request) + first.message;
    outcome.reason = first.reason === '' ? 'Invalid' : first.reason;
    outcome.code = REASON_CODES[outcome.reason] ?? 422;
  }
  return outcome;
}

export interface VapScanOptions {
  /** Who creates the resources: `request.userInfo`. Default `bulwark` in `system:authenticated`. */
  user?: AdmissionUserInfo;
  /**
   * More resources to find Namespaces, parameter objects and CRDs in (for example the files
   * given with the policies). The scanned resources themselves are always searched.
   */
  context?: readonly Resource[];
}

/**
 * Evaluates every scanned resource as a CREATE against the compiled policies. Returns one
 * result per resource that at least one policy–binding pair matched, in input order.
 */
export function evaluateAdmissionPolicies(compiled: CompiledAdmissionPolicies, resources: readonly Resource[], options: VapScanOptions = {}): VapResourceResult[] {
  if (compiled.policies.length === 0 || compiled.bindings.length === 0) return [];
  // Objects found in several places (the policy files given again as context) count once.
  const everything = [...new Set([...compiled.resources, ...(options.context ?? []), ...resources])];
  const catalog = ResourceCatalog.fromResources(everything);
  const cluster = clusterFromResources(everything, catalog);
  const user = options.user ?? DEFAULT_USER;
  const results: VapResourceResult[] = [];
  for (const resource of resources) {
    const outcome = admitRequest(compiled, createRequestFor(resource, catalog, user), cluster);
    if (outcome.matched.length > 0 || outcome.decisions.length > 0 || outcome.ignoredErrors.length > 0) results.push({ resource, ...outcome });
  }
  return results;
}
