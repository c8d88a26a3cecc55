import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { BulwarkError } from '../errors/index.js';
import { parseSource } from '../loader/parse.js';
import { DEFAULT_LIMITS, type LoadedDocument } from '../loader/types.js';
import { isRecord, stringsOf } from '../model/resource.js';
import { existingPrefix, formatPath, getAtPath, type Path } from '../yaml/path.js';
import { locateField } from '../yaml/positions.js';
import { RBAC_ACCESS_SCHEMA } from './access-schema.js';
import { ApiResourceCatalog } from './api-resources.js';
import { parsePolicyRule } from './rules.js';
import { describeSubject, principalKey } from './subjects.js';
import { WILDCARD, type PolicyRule, type Subject } from './types.js';

/** The access levels every cluster has: the built-in aggregated ClusterRoles of the same names. */
export const BUILTIN_ACCESS_LEVELS = ['view', 'edit', 'admin'] as const;

export type BuiltinAccessLevel = (typeof BUILTIN_ACCESS_LEVELS)[number];

export function isBuiltinAccessLevel(name: string): name is BuiltinAccessLevel {
  return (BUILTIN_ACCESS_LEVELS as readonly string[]).includes(name);
}

/** A named set of rules of the matrix. */
export interface AccessRole {
  name: string;
  rules: PolicyRule[];
  /** Where it is defined: `roles.<name>`. */
  path: Path;
}

/** One cell of the matrix: a subject gets an access level or role in a namespace, or cluster-wide. */
export interface AccessGrant {
  subject: Subject;
  /** Undefined: cluster-wide. */
  namespace: string | undefined;
  /** `view`, `edit`, `admin` or the name of a role of `roles`. */
  access: string;
  /** Where the cell is written. */
  path: Path;
}

/** An access matrix, validated. */
export interface AccessMatrixInput {
  file: string;
  namePrefix: string;
  rolesAs: 'ClusterRole' | 'Role';
  roles: ReadonlyMap<string, AccessRole>;
  grants: readonly AccessGrant[];
}

/** One thing wrong with an access matrix: where, a stable code, and what. */
export interface AccessMatrixProblem {
  path: string;
  code: string;
  message: string;
  line: number;
  column: number;
}

export class AccessMatrixError extends BulwarkError {
  readonly problems: readonly AccessMatrixProblem[];

  constructor(file: string, problems: readonly AccessMatrixProblem[]) {
    const lines = problems.map((problem) => `  ${file}:${problem.line}:${problem.column}  ${problem.path || '(file)'}: ${problem.message} [${problem.code}]`);
    super(
      'BULWARK_E_CONFIG',
      `${file} is not a valid access matrix (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
      'See docs/guides/rbac-analysis.md (generate) and docs/schemas/rbac-access.schema.json.',
    );
    this.problems = problems;
  }
}

interface RawProblem {
  path: Path;
  code: string;
  message: string;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

const SUBJECT_PATH = /^\/subjects\/\d+$/;
const ACCESS_CELL_PATH = /^\/subjects\/\d+\/(?:clusterWide|namespaces\/[^/]+)$/;

/**
 * One message for a place where the schema offers alternatives (exactly one subject kind;
 * namespaces or clusterWide; one access name or a list of them), instead of one complaint per
 * alternative.
 */
function alternativeMessage(error: ErrorObject): { code: string; message: string } | undefined {
  if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') return undefined;
  if (SUBJECT_PATH.test(error.instancePath)) {
    return error.keyword === 'oneOf'
      ? { code: 'subject-kind', message: 'name exactly one of user, group or serviceAccount' }
      : { code: 'no-access', message: 'give access under namespaces, clusterWide or both' };
  }
  if (ACCESS_CELL_PATH.test(error.instancePath)) return { code: 'invalid-access', message: 'must be view, edit, admin or the name of a role under roles, or a list of them' };
  return undefined;
}

function pointerToPath(pointer: string): (string | number)[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
}

function schemaProblems(value: unknown): RawProblem[] {
  validator ??= new Ajv2020({ allErrors: true, strict: false }).compile(RBAC_ACCESS_SCHEMA);
  if (validator(value)) return [];
  const errors = (validator.errors ?? []) as ErrorObject[];
  // A cell written as a list is judged as a list: its own complaints (a name given twice) say more than "not one of the forms".
  const isList = (error: ErrorObject) => ACCESS_CELL_PATH.test(error.instancePath) && Array.isArray(getAtPath(value, pointerToPath(error.instancePath)));
  const summaries = errors.filter((error) => alternativeMessage(error) !== undefined && !isList(error));
  const branchOfSummary = (error: ErrorObject) => summaries.some((summary) => summary !== error && error.instancePath === summary.instancePath && error.schemaPath.startsWith(`${summary.schemaPath}/`));
  const problems: RawProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (alternativeMessage(error) !== undefined && !summaries.includes(error)) continue;
    if (branchOfSummary(error) || (isList(error) && error.schemaPath.includes('/oneOf/0/'))) continue;
    const path = pointerToPath(error.instancePath);
    const params = error.params as Record<string, unknown>;
    let code = `schema-${error.keyword}`;
    let message = error.message ?? 'is invalid';
    const alternative = alternativeMessage(error);
    if (alternative !== undefined) ({ code, message } = alternative);
    else if (error.keyword === 'additionalProperties') {
      path.push(String(params.additionalProperty));
      code = 'unknown-key';
      message = `unknown key "${String(params.additionalProperty)}"`;
    } else if (error.keyword === 'required') {
      code = 'missing-key';
      message = `"${String(params.missingProperty)}" is required`;
    } else if (error.keyword === 'propertyNames') {
      path.push(String(params.propertyName));
      const where = path[0] === 'roles' ? 'a role name' : 'a namespace name';
      code = 'invalid-name';
      message = `"${String(params.propertyName)}" is not ${where}: lowercase letters, digits${where === 'a role name' ? ', . and -' : ' and -'}, starting and ending with a letter or digit`;
    } else if (error.keyword === 'pattern' && path[path.length - 1] === 'serviceAccount') {
      code = 'invalid-service-account';
      message = 'must be NAMESPACE/NAME, e.g. shop/api';
    } else if (error.keyword === 'pattern' && path[0] === 'namePrefix') {
      code = 'invalid-name';
      message = 'must be lowercase letters, digits, . and -, starting and ending with a letter or digit';
    } else if (error.keyword === 'uniqueItems') {
      code = 'duplicate';
      message = 'lists the same entry twice';
    }
    // A failing propertyNames also fails its pattern: one complaint per place.
    if (error.keyword === 'pattern' && errors.some((other) => other.keyword === 'propertyNames' && error.instancePath === other.instancePath)) continue;
    const key = `${formatPath(path)}|${code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ path, code, message });
  }
  return problems;
}


function accessList(value: unknown): string[] {
  return typeof value === 'string' ? [value] : stringsOf(value);
}

function subjectOf(entry: Record<string, unknown>): Subject {
  if (typeof entry.user === 'string') return { kind: 'User', name: entry.user };
  if (typeof entry.group === 'string') return { kind: 'Group', name: entry.group };
  const [namespace = '', name = ''] = String(entry.serviceAccount).split('/');
  return { kind: 'ServiceAccount', namespace, name };
}

/** What is wrong with one rule that the schema cannot say. */
function ruleProblems(rule: Record<string, unknown>, path: Path): RawProblem[] {
  const problems: RawProblem[] = [];
  const has = (key: string) => rule[key] !== undefined;
  if (!has('resources') && !has('nonResourceURLs')) problems.push({ path, code: 'empty-rule', message: 'a rule names resources (with apiGroups) or nonResourceURLs' });
  if (has('resources') && has('nonResourceURLs')) problems.push({ path: [...path, 'nonResourceURLs'], code: 'mixed-rule', message: 'a rule names resources or nonResourceURLs, not both: write two rules' });
  if (has('resources') && !has('apiGroups')) problems.push({ path, code: 'missing-key', message: '"apiGroups" is required with resources ("" is the core group)' });
  for (const key of ['apiGroups', 'resourceNames']) {
    if (has(key) && !has('resources')) problems.push({ path: [...path, key], code: 'needs-resources', message: `${key} go with resources` });
  }
  stringsOf(rule.resources).forEach((resource, index) => {
    const [name, subresource, extra] = resource.split('/');
    if (extra !== undefined || name === '' || subresource === '') problems.push({ path: [...path, 'resources', index], code: 'invalid-resource', message: `"${resource}" is not a resource: write pods, pods/log, */scale or *` });
    else if (subresource === WILDCARD) problems.push({ path: [...path, 'resources', index], code: 'invalid-resource', message: `"${resource}" matches nothing (the authorizer has no wildcard subresource): name the subresources, or write ${name}/log, ${name}/exec, … one by one` });
  });
  stringsOf(rule.nonResourceURLs).forEach((url, index) => {
    if (url !== WILDCARD && (!url.startsWith('/') || url.slice(0, -1).includes('*'))) {
      problems.push({ path: [...path, 'nonResourceURLs', index], code: 'invalid-url', message: `"${url}" is not a URL path: write /metrics, /healthz, a prefix ending in * (/api/*), or *` });
    }
  });
  // Without a name in the request, resourceNames can never match: create and deletecollection of a resource carry none.
  if (stringsOf(rule.resourceNames).length > 0 && stringsOf(rule.resources).some((resource) => !resource.includes('/'))) {
    for (const verb of stringsOf(rule.verbs).filter((candidate) => candidate === 'create' || candidate === 'deletecollection')) {
      problems.push({
        path: [...path, 'verbs', stringsOf(rule.verbs).indexOf(verb)],
        code: 'unnamed-verb',
        message: `resourceNames cannot limit ${verb}: the request names no object, so this rule would never allow it; give ${verb} in a rule without resourceNames`,
      });
    }
  }
  return problems;
}

/** Why a role cannot be given in a namespace: URLs and cluster-scoped resources only come with ClusterRoleBindings. */
function namespacedUseProblem(role: AccessRole, catalog: ApiResourceCatalog): string | undefined {
  if (role.rules.some((rule) => rule.nonResourceURLs.length > 0)) return `role "${role.name}" has nonResourceURLs, which a RoleBinding never grants: give it under clusterWide`;
  for (const rule of role.rules) {
    for (const group of rule.apiGroups) {
      for (const resource of rule.resources) {
        const plural = resource.split('/')[0] as string;
        // The Namespace object itself is the exception: a request for it counts as in that namespace.
        if (group === WILDCARD || plural === WILDCARD || (group === '' && plural === 'namespaces')) continue;
        if (!catalog.isNamespaced(group, plural)) return `role "${role.name}" names ${resource}${group === '' ? '' : ` (${group})`}, which are cluster-scoped: a RoleBinding never grants them; give the role under clusterWide`;
      }
    }
  }
  return undefined;
}

function validate(value: Record<string, unknown>): { matrix: Omit<AccessMatrixInput, 'file'>; problems: RawProblem[] } {
  const problems: RawProblem[] = [];
  const roles = new Map<string, AccessRole>();
  for (const [name, rules] of Object.entries(isRecord(value.roles) ? value.roles : {})) {
    const path: Path = ['roles', name];
    if (isBuiltinAccessLevel(name)) problems.push({ path, code: 'reserved-name', message: `"${name}" is a built-in access level: give the role another name` });
    const list = Array.isArray(rules) ? rules : [];
    list.forEach((rule, index) => {
      if (isRecord(rule)) problems.push(...ruleProblems(rule, [...path, index]));
    });
    roles.set(name, { name, path, rules: list.flatMap((rule) => parsePolicyRule(rule) ?? []) });
  }
  const catalog = new ApiResourceCatalog();
  const grants: AccessGrant[] = [];
  const firstSeen = new Map<string, Path>();
  const subjects = Array.isArray(value.subjects) ? value.subjects : [];
  subjects.forEach((entry: unknown, index) => {
    if (!isRecord(entry)) return;
    const subject = subjectOf(entry);
    const key = principalKey(subject);
    const kindKey = subject.kind === 'User' ? 'user' : subject.kind === 'Group' ? 'group' : 'serviceAccount';
    const earlier = firstSeen.get(key);
    if (earlier !== undefined) {
      problems.push({ path: ['subjects', index, kindKey], code: 'duplicate-subject', message: `${describeSubject(subject)} is listed twice (also subjects[${String(earlier[1])}]): give all of its access in one entry` });
    } else firstSeen.set(key, ['subjects', index]);
    const cells: { namespace: string | undefined; path: Path; value: unknown }[] = [];
    if (entry.clusterWide !== undefined) cells.push({ namespace: undefined, path: ['subjects', index, 'clusterWide'], value: entry.clusterWide });
    for (const [namespace, access] of Object.entries(isRecord(entry.namespaces) ? entry.namespaces : {})) cells.push({ namespace, path: ['subjects', index, 'namespaces', namespace], value: access });
    for (const cell of cells) {
      const list = accessList(cell.value);
      list.forEach((access, position) => {
        const path = typeof cell.value === 'string' ? cell.path : [...cell.path, position];
        const role = roles.get(access);
        if (!isBuiltinAccessLevel(access) && role === undefined) {
          problems.push({ path, code: 'unknown-role', message: `unknown role "${access}": use view, edit, admin or a role defined under roles` });
          return;
        }
        if (role !== undefined && cell.namespace !== undefined) {
          const problem = namespacedUseProblem(role, catalog);
          if (problem !== undefined) problems.push({ path, code: 'cluster-only-role', message: problem });
        }
        grants.push({ subject, namespace: cell.namespace, access, path });
      });
    }
  });
  return {
    matrix: {
      namePrefix: typeof value.namePrefix === 'string' ? value.namePrefix : 'access',
      rolesAs: value.rolesAs === 'Role' ? 'Role' : 'ClusterRole',
      roles,
      grants,
    },
    problems,
  };
}

function placed(document: LoadedDocument | undefined, problem: RawProblem): AccessMatrixProblem {
  const position = document === undefined ? undefined : locateField(document, existingPrefix(document.value, problem.path));
  return { path: formatPath(problem.path), code: problem.code, message: problem.message, line: position?.line ?? document?.startLine ?? 1, column: position?.column ?? 1 };
}

/**
 * Reads and validates an access matrix (`docs/schemas/rbac-access.schema.json`). Every problem is
 * reported with its file, line and column, not only the first: an `AccessMatrixError`
 * (`BULWARK_E_CONFIG`, exit 2) when there is any.
 */
export function parseAccessMatrix(file: string, text: string): AccessMatrixInput {
  const { documents, diagnostics } = parseSource(file, text, DEFAULT_LIMITS);
  const syntax = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (syntax.length > 0) {
    throw new AccessMatrixError(
      file,
      syntax.map((diagnostic) => ({ path: '', code: diagnostic.code, message: diagnostic.message, line: diagnostic.line ?? 1, column: diagnostic.column ?? 1 })),
    );
  }
  const document = documents[0];
  if (document === undefined || documents.length > 1 || !isRecord(document.value)) {
    throw new AccessMatrixError(file, [placed(document, { path: [], code: 'not-a-matrix', message: 'an access matrix is one YAML mapping with subjects (and optionally roles, namePrefix, rolesAs)' })]);
  }
  const value = document.value;
  let problems = schemaProblems(value);
  let matrix: Omit<AccessMatrixInput, 'file'> | undefined;
  if (problems.length === 0) ({ matrix, problems } = validate(value));
  if (problems.length > 0 || matrix === undefined) {
    const located = problems.map((problem) => placed(document, problem)).sort((a, b) => a.line - b.line || a.column - b.column);
    throw new AccessMatrixError(file, located);
  }
  return { file, ...matrix };
}
