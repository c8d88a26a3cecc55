import type { Resource } from '../model/resource.js';
import type { CanResult } from './can.js';
import type { EscalationState, StepPermission } from './escalation-state.js';
import { describeState } from './escalation-state.js';
import type { EscalationReport } from './escalation.js';
import { bindingLocation, bindingSubjectLocation, resourceLocation, roleLocation, ruleLocation, type SourceLocation } from './locations.js';
import type { AccessMatrix } from './matrix.js';
import type { BindingDef, Grant, RoleDef, RuleRef } from './model.js';
import type { AccessQuery } from './query.js';
import { isNonResourceRequest, type AccessRequest, type Subject } from './types.js';
import type { WhoCanResult } from './who-can.js';
import type { WorkloadIdentity } from './workloads.js';

/**
 * JSON documents of the RBAC commands, described by `docs/schemas/rbac-*.schema.json`. Every
 * document carries `schemaVersion`; objects of the input carry `location` (file and line),
 * built-in ones `builtin: true` and no location.
 */
export const RBAC_SCHEMA_VERSION = '1.0.0';

type Json = Record<string, unknown>;

function withLocation(object: Json, location: SourceLocation | undefined): Json {
  return location === undefined ? object : { ...object, location };
}

export function subjectJson(subject: Subject): Json {
  return subject.kind === 'ServiceAccount' ? { kind: subject.kind, namespace: subject.namespace, name: subject.name } : { kind: subject.kind, name: subject.name };
}

export function requestJson(request: AccessRequest): Json {
  if (isNonResourceRequest(request)) return { verb: request.verb, nonResourceURL: request.path };
  return {
    verb: request.verb,
    apiGroup: request.group ?? '',
    resource: request.resource,
    ...(request.subresource !== undefined ? { subresource: request.subresource } : {}),
    ...(request.name !== undefined ? { name: request.name } : {}),
    ...(request.namespace !== undefined ? { namespace: request.namespace } : {}),
  };
}

function queryJson(query: AccessQuery): Json {
  return { request: requestJson(query.request), namespaced: query.namespaced, anyNamespace: query.anyNamespace, notes: query.notes };
}

export function bindingJson(binding: BindingDef): Json {
  const base: Json = { kind: binding.kind, name: binding.name, ...(binding.namespace !== undefined ? { namespace: binding.namespace } : {}), builtin: binding.builtin };
  return withLocation(base, bindingLocation(binding));
}

export function roleJson(role: RoleDef): Json {
  const base: Json = { kind: role.kind, name: role.name, ...(role.namespace !== undefined ? { namespace: role.namespace } : {}), builtin: role.builtin };
  return withLocation(base, roleLocation(role));
}

export function ruleJson(rule: RuleRef): Json {
  const base: Json = {
    role: roleJson(rule.role),
    index: rule.index,
    verbs: rule.rule.verbs,
    apiGroups: rule.rule.apiGroups,
    resources: rule.rule.resources,
    resourceNames: rule.rule.resourceNames,
    nonResourceURLs: rule.rule.nonResourceURLs,
  };
  return withLocation(base, ruleLocation(rule.role, rule.index));
}

export function grantJson(grant: Grant): Json {
  return {
    binding: bindingJson(grant.binding),
    subject: withLocation({ ...subjectJson(grant.subject.subject), index: grant.subject.index }, bindingSubjectLocation(grant.binding, grant.subject.index)),
    role: roleJson(grant.role),
    rule: ruleJson(grant.rule),
    namespace: grant.namespace ?? null,
  };
}

function resourceRefJson(resource: Resource): Json {
  return { apiVersion: resource.apiVersion, kind: resource.kind, ...(resource.namespace !== undefined ? { namespace: resource.namespace } : {}), name: resource.name, location: resourceLocation(resource) };
}

export function workloadJson(workload: WorkloadIdentity): Json {
  return {
    ...resourceRefJson(workload.resource),
    serviceAccount: { namespace: workload.serviceAccount.namespace, name: workload.serviceAccount.name, source: workload.serviceAccount.source },
    token: { mounted: workload.token.held, via: workload.token.via ?? null },
  };
}

/** `bulwark rbac who-can --format json` (schema `docs/schemas/rbac-who-can.schema.json`). */
export function whoCanJson(result: WhoCanResult): Json {
  return {
    schemaVersion: RBAC_SCHEMA_VERSION,
    query: queryJson(result.query),
    subjects: result.subjects.map((entry) => ({ subject: subjectJson(entry.subject), grants: entry.grants.map(grantJson) })),
    workloads: result.workloads.map((entry) => ({ workload: workloadJson(entry.workload), grants: entry.grants.map(grantJson) })),
  };
}

/** `bulwark rbac can --format json` (schema `docs/schemas/rbac-can.schema.json`). */
export function canJson(result: CanResult): Json {
  return {
    schemaVersion: RBAC_SCHEMA_VERSION,
    query: queryJson(result.query),
    subject: subjectJson(result.subject),
    identity: { name: result.identity.name ?? null, groups: result.identity.groups },
    allowed: result.allowed,
    ...(result.bypass !== undefined ? { bypass: result.bypass } : {}),
    grants: result.grants.map(grantJson),
    allowedInNamespaces: result.allowedInNamespaces,
  };
}

/** `bulwark rbac matrix --format json` (schema `docs/schemas/rbac-matrix.schema.json`). */
export function matrixJson(matrix: AccessMatrix): Json {
  return {
    schemaVersion: RBAC_SCHEMA_VERSION,
    namespace: matrix.namespace ?? null,
    verbs: matrix.verbs,
    entries: matrix.entries.map((entry) => ({
      subject: subjectJson(entry.subject),
      namespace: entry.namespace ?? null,
      apiGroup: entry.apiGroup,
      resource: entry.resource,
      nonResource: entry.nonResource,
      resourceNames: entry.resourceNames,
      verbs: entry.verbs,
      grants: entry.grants.map(grantJson),
    })),
  };
}

export function stateJson(state: EscalationState): Json {
  const description = describeState(state);
  switch (state.kind) {
    case 'subject':
      return { kind: 'subject', description, subject: subjectJson(state.subject) };
    case 'role':
      return { kind: 'role', description, role: roleJson(state.role), namespace: state.namespace ?? null };
    case 'everything':
      return { kind: 'everything', description, namespace: state.namespace ?? null };
  }
}

export function permissionJson(permission: StepPermission): Json {
  return {
    request: requestJson(permission.request),
    binding: permission.binding === undefined ? null : bindingJson(permission.binding),
    role: permission.role === undefined ? null : roleJson(permission.role),
    rule: permission.rule === undefined ? null : ruleJson(permission.rule),
    namespace: permission.namespace ?? null,
  };
}

/** `bulwark rbac paths --format json` (schema `docs/schemas/rbac-paths.schema.json`). */
export function pathsJson(report: EscalationReport): Json {
  return {
    schemaVersion: RBAC_SCHEMA_VERSION,
    maxDepth: report.maxDepth,
    searched: report.searched,
    results: report.results.map((result) => ({
      start: {
        subject: subjectJson(result.start.subject),
        bindings: result.start.bindings.map(({ binding, index }) => withLocation({ binding: bindingJson(binding), subjectIndex: index }, bindingSubjectLocation(binding, index))),
        workloads: result.start.workloads.map(workloadJson),
      },
      paths: result.paths.map((path) => ({
        length: path.steps.length,
        goal: { id: path.goal.goal, description: path.goal.description, permissions: path.goal.permissions.map(permissionJson) },
        reached: stateJson(path.reached),
        steps: path.steps.map((step) => ({
          technique: step.technique,
          action: step.action,
          from: stateJson(step.from),
          to: stateJson(step.to),
          ...(step.via !== undefined ? { via: resourceRefJson(step.via) } : {}),
          permissions: step.permissions.map(permissionJson),
        })),
      })),
      more: result.more,
    })),
  };
}
