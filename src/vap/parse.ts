/**
 * Reads ValidatingAdmissionPolicy and ValidatingAdmissionPolicyBinding objects out of a
 * resource list, applies the API server's defaults, and reports what its validation would
 * reject, each with a path inside the object. Never throws: a malformed policy still yields
 * a definition, so evaluation can do what the admission plugin would do with it.
 */
import { isRecord, type Resource } from '../model/resource.js';
import type { Path } from '../yaml/path.js';
import { parseFieldPath } from '../yaml/field-path.js';
import { parseApiVersion } from './resources.js';
import { parseLabelSelector, QUALIFIED_NAME, type ParsedSelector } from './selector.js';
import type { VapProblem, VapProblemCode } from './types.js';

export const ADMISSION_GROUP = 'admissionregistration.k8s.io';
const POLICY_VERSIONS = new Set(['v1', 'v1beta1', 'v1alpha1']);

/** One `resourceRules` / `excludeResourceRules` item, with `scope` defaulted to `*`. */
export interface ResourceRule {
  apiGroups: readonly string[];
  apiVersions: readonly string[];
  operations: readonly string[];
  /** `pods`, `pods/status`, `pods/*`, `*\/scale`, `*`. */
  resources: readonly string[];
  scope: string;
  resourceNames: readonly string[];
}

/** `matchConstraints` of a policy or `matchResources` of a binding, defaulted as the API server does. */
export interface MatchResources {
  namespaceSelector: ParsedSelector;
  objectSelector: ParsedSelector;
  resourceRules: readonly ResourceRule[];
  excludeResourceRules: readonly ResourceRule[];
  /** `Equivalent` (the default) or `Exact`; offline both match by the resource's own group and version. */
  matchPolicy: string;
}

export interface NamedExpression {
  name: string;
  expression: string;
}

export interface ValidationDefinition {
  expression: string;
  message?: string;
  messageExpression?: string;
  reason?: string;
  /** Parsed from a `fieldPath` hint, when present and valid. */
  fieldPath?: Path;
}

export interface AuditAnnotationDefinition {
  key: string;
  valueExpression: string;
}

export interface PolicyDefinition {
  name: string;
  resource: Resource;
  /** `Fail` unless set; any value but `Ignore` fails closed, as in the admission plugin. */
  failurePolicy: string;
  paramKind?: { apiVersion: string; kind: string };
  /** Undefined when missing: such a policy never matches. */
  matchConstraints?: MatchResources;
  matchConditions: readonly NamedExpression[];
  variables: readonly NamedExpression[];
  validations: readonly ValidationDefinition[];
  auditAnnotations: readonly AuditAnnotationDefinition[];
}

export interface ParamRefDefinition {
  name?: string;
  namespace?: string;
  selector?: ParsedSelector;
  /** `Allow` or `Deny`; `Deny` by default in v1alpha1, `Allow` behaviour when unset elsewhere (the API server requires it). */
  parameterNotFoundAction: string;
}

export interface BindingDefinition {
  name: string;
  resource: Resource;
  policyName: string;
  paramRef?: ParamRefDefinition;
  /** Undefined: every resource the policy matches. */
  matchResources?: MatchResources;
  validationActions: readonly string[];
}

export interface ParsedAdmissionPolicies {
  policies: PolicyDefinition[];
  bindings: BindingDefinition[];
  problems: VapProblem[];
}

function admissionKind(resource: Resource): { version: string } | undefined {
  const { group, version } = parseApiVersion(resource.apiVersion);
  return group === ADMISSION_GROUP && POLICY_VERSIONS.has(version) ? { version } : undefined;
}

export function isPolicyResource(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicy' && admissionKind(resource) !== undefined;
}

export function isBindingResource(resource: Resource): boolean {
  return resource.kind === 'ValidatingAdmissionPolicyBinding' && admissionKind(resource) !== undefined;
}

const SUPPORTED_FAILURE_POLICIES = ['Fail', 'Ignore'];
const SUPPORTED_MATCH_POLICIES = ['Equivalent', 'Exact'];
const SUPPORTED_OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const SUPPORTED_SCOPES = ['*', 'Cluster', 'Namespaced'];
const SUPPORTED_REASONS = ['Forbidden', 'Invalid', 'RequestEntityTooLarge', 'Unauthorized'];
const SUPPORTED_ACTIONS = ['Audit', 'Deny', 'Warn'];
/** A variable name must be a CEL identifier; compilation skips the ones that are not. */
export const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const MAX_AUDIT_ANNOTATIONS = 20;

const quoteList = (values: readonly string[]) => values.map((value) => JSON.stringify(value)).join(', ');

/** Collects problems for one object; messages follow the API server's field-error wording. */
class Reporter {
  constructor(
    private readonly resource: Resource,
    private readonly problems: VapProblem[],
  ) {}

  add(path: Path, code: VapProblemCode, message: string, severity: VapProblem['severity'] = 'error'): void {
    this.problems.push({ resource: this.resource, path, severity, code, message });
  }

  required(path: Path, detail = ''): void {
    this.add(path, 'required', detail === '' ? 'Required value' : `Required value: ${detail}`);
  }

  invalid(path: Path, value: unknown, detail: string): void {
    this.add(path, 'invalid-value', `Invalid value: ${JSON.stringify(value)}: ${detail}`);
  }

  unsupported(path: Path, value: unknown, supported: readonly string[]): void {
    this.add(path, 'invalid-value', `Unsupported value: ${JSON.stringify(value)}: supported values: ${quoteList(supported)}`);
  }

  duplicate(path: Path, value: unknown): void {
    this.add(path, 'duplicate', `Duplicate value: ${JSON.stringify(value)}`);
  }
}

/** A string field; a present value of another type is a problem and reads as absent. */
function stringField(record: Record<string, unknown>, key: string, path: Path, report: Reporter): string | undefined {
  const value = record[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  report.invalid([...path, key], value, 'must be a string');
  return undefined;
}

function stringList(record: Record<string, unknown>, key: string, path: Path, report: Reporter): string[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report.invalid([...path, key], value, 'must be a list of strings');
    return [];
  }
  const out: string[] = [];
  value.forEach((item, i) => {
    if (typeof item === 'string') out.push(item);
    else report.invalid([...path, key, i], item, 'must be a string');
  });
  return out;
}

function recordList(record: Record<string, unknown>, key: string, path: Path, report: Reporter): { item: Record<string, unknown>; index: number }[] {
  const value = record[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    report.invalid([...path, key], value, 'must be a list');
    return [];
  }
  const out: { item: Record<string, unknown>; index: number }[] = [];
  value.forEach((item, index) => {
    if (isRecord(item)) out.push({ item, index });
    else report.invalid([...path, key, index], item, 'must be an object');
  });
  return out;
}

function metadataName(resource: Resource, report: Reporter): string | undefined {
  const metadata = isRecord(resource.object.metadata) ? resource.object.metadata : {};
  if (typeof metadata.name === 'string' && metadata.name !== '') return metadata.name;
  report.required(['metadata', 'name'], 'name or generateName is required');
  return undefined;
}

/** The API server's checks of a rule list: each list required, `*` alone, known operations and scope. */
function parseRule(item: Record<string, unknown>, path: Path, report: Reporter): ResourceRule {
  const lists = {
    operations: stringList(item, 'operations', path, report),
    apiGroups: stringList(item, 'apiGroups', path, report),
    apiVersions: stringList(item, 'apiVersions', path, report),
    resources: stringList(item, 'resources', path, report),
  };
  for (const [key, values] of Object.entries(lists)) {
    if (values.length === 0) report.required([...path, key]);
    else if (values.length > 1 && values.includes('*')) report.invalid([...path, key], values, "if '*' is present, must not specify other values");
  }
  lists.operations.forEach((operation, i) => {
    if (!SUPPORTED_OPERATIONS.includes(operation)) report.unsupported([...path, 'operations', i], operation, SUPPORTED_OPERATIONS);
  });
  const seenResources = new Set<string>();
  lists.resources.forEach((resource, i) => {
    if (resource === '') report.required([...path, 'resources', i]);
    if (seenResources.has(resource)) report.duplicate([...path, 'resources', i], resource);
    seenResources.add(resource);
  });
  const scope = stringField(item, 'scope', path, report) ?? '*';
  if (!SUPPORTED_SCOPES.includes(scope)) report.unsupported([...path, 'scope'], scope, SUPPORTED_SCOPES);
  const resourceNames = stringList(item, 'resourceNames', path, report);
  const seenNames = new Set<string>();
  resourceNames.forEach((name, i) => {
    if (seenNames.has(name)) report.duplicate([...path, 'resourceNames', i], name);
    seenNames.add(name);
  });
  return { ...lists, scope, resourceNames };
}

function parseSelectorField(record: Record<string, unknown>, key: string, path: Path, report: Reporter): ParsedSelector {
  const parsed = parseLabelSelector(record[key]);
  if (!parsed.ok) report.add([...path, key], 'invalid-value', `invalid label selector: ${parsed.message}`);
  return parsed;
}

function parseMatchResources(value: unknown, path: Path, report: Reporter): MatchResources | undefined {
  if (!isRecord(value)) {
    report.invalid(path, value, 'must be an object');
    return undefined;
  }
  const matchPolicy = stringField(value, 'matchPolicy', path, report) ?? 'Equivalent';
  if (!SUPPORTED_MATCH_POLICIES.includes(matchPolicy)) report.unsupported([...path, 'matchPolicy'], matchPolicy, SUPPORTED_MATCH_POLICIES);
  return {
    namespaceSelector: parseSelectorField(value, 'namespaceSelector', path, report),
    objectSelector: parseSelectorField(value, 'objectSelector', path, report),
    resourceRules: recordList(value, 'resourceRules', path, report).map(({ item, index }) => parseRule(item, [...path, 'resourceRules', index], report)),
    excludeResourceRules: recordList(value, 'excludeResourceRules', path, report).map(({ item, index }) => parseRule(item, [...path, 'excludeResourceRules', index], report)),
    matchPolicy,
  };
}

/** A required, non-blank expression; its CEL is checked later, when it is compiled. */
function expressionField(record: Record<string, unknown>, key: string, path: Path, report: Reporter): string {
  const expression = stringField(record, key, path, report) ?? '';
  if (expression.trim() === '') report.required([...path, key], `${key} is not specified`);
  return expression;
}

function parseNamedExpressions(spec: Record<string, unknown>, key: 'matchConditions' | 'variables', report: Reporter): NamedExpression[] {
  const out: NamedExpression[] = [];
  const names = new Set<string>();
  for (const { item, index } of recordList(spec, key, ['spec'], report)) {
    const path = ['spec', key, index];
    const name = stringField(item, 'name', path, report) ?? '';
    if (name.trim() === '') report.required([...path, 'name']);
    else if (key === 'variables' && !CEL_IDENTIFIER.test(name)) report.invalid([...path, 'name'], name, 'name is not a valid CEL identifier');
    else if (key === 'matchConditions' && (name.length > 63 || !QUALIFIED_NAME.test(name.includes('/') ? name.slice(name.indexOf('/') + 1) : name))) {
      report.invalid([...path, 'name'], name, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    }
    if (name !== '' && names.has(name)) report.duplicate([...path, 'name'], name);
    names.add(name);
    out.push({ name, expression: expressionField(item, 'expression', path, report) });
  }
  if (key === 'matchConditions' && out.length > 64) report.add(['spec', key], 'invalid-value', `Too many: ${out.length}: must have at most 64 items`);
  return out;
}

function parseValidation(item: Record<string, unknown>, path: Path, report: Reporter): ValidationDefinition {
  const validation: ValidationDefinition = { expression: expressionField(item, 'expression', path, report) };
  const message = stringField(item, 'message', path, report);
  if (message !== undefined) {
    if (message.trim() === '' && message !== '') report.invalid([...path, 'message'], message, 'message must be non-empty if specified');
    else if (/[\r\n]/.test(message.trim())) report.invalid([...path, 'message'], message, 'message must not contain line breaks');
    validation.message = message;
  }
  const messageExpression = stringField(item, 'messageExpression', path, report);
  if (messageExpression !== undefined) {
    if (messageExpression.trim() === '' && messageExpression !== '') report.invalid([...path, 'messageExpression'], messageExpression, 'must be non-empty if specified');
    validation.messageExpression = messageExpression;
  }
  const reason = stringField(item, 'reason', path, report);
  if (reason !== undefined) {
    if (!SUPPORTED_REASONS.includes(reason)) report.unsupported([...path, 'reason'], reason, SUPPORTED_REASONS);
    validation.reason = reason;
  }
  const fieldPath = stringField(item, 'fieldPath', path, report);
  if (fieldPath !== undefined) {
    // CRD validation rules have fieldPath; ValidatingAdmissionPolicy validations do not, so the
    // API server drops it. It still says which field of the object a finding is about.
    report.add([...path, 'fieldPath'], 'unknown-field', 'unknown field: the API server drops it; Bulwark only uses it to point findings at a field', 'warning');
    const parsed = parseFieldPath(fieldPath);
    if (parsed.ok) validation.fieldPath = parsed.path;
    else report.invalid([...path, 'fieldPath'], fieldPath, parsed.message);
  }
  return validation;
}

function parsePolicy(resource: Resource, problems: VapProblem[]): PolicyDefinition | undefined {
  const report = new Reporter(resource, problems);
  const name = metadataName(resource, report);
  if (name === undefined) return undefined;
  const spec = isRecord(resource.object.spec) ? resource.object.spec : undefined;
  const policy: PolicyDefinition = { name, resource, failurePolicy: 'Fail', matchConditions: [], variables: [], validations: [], auditAnnotations: [] };
  if (spec === undefined) {
    report.required(['spec']);
    return policy;
  }
  const failurePolicy = stringField(spec, 'failurePolicy', ['spec'], report);
  if (failurePolicy !== undefined) {
    if (!SUPPORTED_FAILURE_POLICIES.includes(failurePolicy)) report.unsupported(['spec', 'failurePolicy'], failurePolicy, SUPPORTED_FAILURE_POLICIES);
    policy.failurePolicy = failurePolicy;
  }
  if (spec.paramKind !== undefined && spec.paramKind !== null) {
    if (!isRecord(spec.paramKind)) report.invalid(['spec', 'paramKind'], spec.paramKind, 'must be an object');
    else {
      const apiVersion = stringField(spec.paramKind, 'apiVersion', ['spec', 'paramKind'], report) ?? '';
      const kind = stringField(spec.paramKind, 'kind', ['spec', 'paramKind'], report) ?? '';
      if (apiVersion === '') report.required(['spec', 'paramKind', 'apiVersion']);
      else if (apiVersion.split('/').length > 2 || parseApiVersion(apiVersion).version === '') report.invalid(['spec', 'paramKind', 'apiVersion'], apiVersion, 'version must be specified');
      if (kind === '') report.required(['spec', 'paramKind', 'kind']);
      policy.paramKind = { apiVersion, kind };
    }
  }
  if (spec.matchConstraints === undefined || spec.matchConstraints === null) {
    report.required(['spec', 'matchConstraints']);
  } else {
    policy.matchConstraints = parseMatchResources(spec.matchConstraints, ['spec', 'matchConstraints'], report);
    // The API server needs at least one rule to know the types the policy applies to.
    if (policy.matchConstraints !== undefined && policy.matchConstraints.resourceRules.length === 0) report.required(['spec', 'matchConstraints', 'resourceRules']);
  }
  policy.matchConditions = parseNamedExpressions(spec, 'matchConditions', report);
  policy.variables = parseNamedExpressions(spec, 'variables', report);
  policy.validations = recordList(spec, 'validations', ['spec'], report).map(({ item, index }) => parseValidation(item, ['spec', 'validations', index], report));
  const keys = new Set<string>();
  const annotations = recordList(spec, 'auditAnnotations', ['spec'], report);
  if (annotations.length > MAX_AUDIT_ANNOTATIONS) report.invalid(['spec', 'auditAnnotations'], `${annotations.length} items`, `must not have more than ${MAX_AUDIT_ANNOTATIONS} auditAnnotations`);
  policy.auditAnnotations = annotations.map(({ item, index }) => {
    const path = ['spec', 'auditAnnotations', index];
    const key = stringField(item, 'key', path, report) ?? '';
    const qualified = `${name}/${key}`;
    if (key === '') report.required([...path, 'key']);
    else if (key.length > 63 || !QUALIFIED_NAME.test(key) || qualified.split('/').length > 2) report.invalid([...path, 'key'], qualified, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
    if (keys.has(key)) report.duplicate([...path, 'key'], key);
    keys.add(key);
    return { key, valueExpression: expressionField(item, 'valueExpression', path, report) };
  });
  if (policy.validations.length === 0 && policy.auditAnnotations.length === 0) {
    report.required(['spec', 'validations'], 'validations or auditAnnotations must contain at least one item');
  }
  return policy;
}

function parseBinding(resource: Resource, problems: VapProblem[]): BindingDefinition | undefined {
  const report = new Reporter(resource, problems);
  const name = metadataName(resource, report);
  if (name === undefined) return undefined;
  const spec = isRecord(resource.object.spec) ? resource.object.spec : {};
  if (!isRecord(resource.object.spec)) report.required(['spec']);
  const policyName = stringField(spec, 'policyName', ['spec'], report) ?? '';
  if (policyName === '') report.required(['spec', 'policyName']);
  const binding: BindingDefinition = { name, resource, policyName, validationActions: [] };
  const actions = stringList(spec, 'validationActions', ['spec'], report);
  const seen = new Set<string>();
  actions.forEach((action, i) => {
    if (!SUPPORTED_ACTIONS.includes(action)) report.unsupported(['spec', 'validationActions', i], action, SUPPORTED_ACTIONS);
    if (seen.has(action)) report.duplicate(['spec', 'validationActions', i], action);
    seen.add(action);
  });
  if (seen.has('Deny') && seen.has('Warn')) {
    report.invalid(['spec', 'validationActions'], actions, 'must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)');
  }
  if (seen.size === 0) report.required(['spec', 'validationActions'], 'at least one validation action is required');
  binding.validationActions = actions;
  if (spec.paramRef !== undefined && spec.paramRef !== null) {
    const path = ['spec', 'paramRef'];
    if (!isRecord(spec.paramRef)) report.invalid(path, spec.paramRef, 'must be an object');
    else {
      const paramRef: ParamRefDefinition = { parameterNotFoundAction: 'Allow' };
      const refName = stringField(spec.paramRef, 'name', path, report);
      if (refName !== undefined && refName !== '') paramRef.name = refName;
      const namespace = stringField(spec.paramRef, 'namespace', path, report);
      if (namespace !== undefined && namespace !== '') paramRef.namespace = namespace;
      if (spec.paramRef.selector !== undefined && spec.paramRef.selector !== null) paramRef.selector = parseSelectorField(spec.paramRef, 'selector', path, report);
      if (paramRef.name !== undefined && paramRef.selector !== undefined) report.add([...path, 'selector'], 'invalid-value', 'Forbidden: name and selector are mutually exclusive');
      if (paramRef.name === undefined && paramRef.selector === undefined) report.required(path, 'one of name or selector must be specified');
      const action = stringField(spec.paramRef, 'parameterNotFoundAction', path, report);
      if (action === undefined || action === '') {
        // v1alpha1 defaults it to Deny; later versions require it, and the admission plugin
        // treats an unset value as Allow.
        if (admissionKind(resource)?.version === 'v1alpha1') paramRef.parameterNotFoundAction = 'Deny';
        else report.required([...path, 'parameterNotFoundAction']);
      } else {
        if (action !== 'Allow' && action !== 'Deny') report.unsupported([...path, 'parameterNotFoundAction'], action, ['Deny', 'Allow']);
        paramRef.parameterNotFoundAction = action;
      }
      binding.paramRef = paramRef;
    }
  }
  if (spec.matchResources !== undefined && spec.matchResources !== null) {
    const matchResources = parseMatchResources(spec.matchResources, ['spec', 'matchResources'], report);
    if (matchResources !== undefined) binding.matchResources = matchResources;
  }
  return binding;
}

/**
 * Finds the policies and bindings among resources (other kinds are ignored) and parses them.
 * Later duplicates of a name replace earlier ones, as a later `kubectl apply` would.
 */
export function parseAdmissionPolicies(resources: readonly Resource[]): ParsedAdmissionPolicies {
  const problems: VapProblem[] = [];
  const policies = new Map<string, PolicyDefinition>();
  const bindings = new Map<string, BindingDefinition>();
  for (const resource of resources) {
    if (isPolicyResource(resource)) {
      const policy = parsePolicy(resource, problems);
      if (policy !== undefined) {
        policies.delete(policy.name);
        policies.set(policy.name, policy);
      }
    } else if (isBindingResource(resource)) {
      const binding = parseBinding(resource, problems);
      if (binding !== undefined) {
        bindings.delete(binding.name);
        bindings.set(binding.name, binding);
      }
    }
  }
  for (const binding of bindings.values()) {
    if (binding.policyName !== '' && !policies.has(binding.policyName)) {
      problems.push({
        resource: binding.resource,
        path: ['spec', 'policyName'],
        severity: 'error',
        code: 'missing-policy',
        message: `ValidatingAdmissionPolicy '${binding.policyName}' is not in the input: the binding has no effect`,
      });
    }
  }
  return { policies: [...policies.values()], bindings: [...bindings.values()], problems };
}
