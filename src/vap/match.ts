/**
 * Whether a policy's `matchConstraints` or a binding's `matchResources` select a request, as
 * the admission plugin's matcher decides: namespaceSelector, objectSelector, excluded rules,
 * then resource rules (scope, operation, group, version, resource and subresource, names).
 */
import { labelsOf } from '../checks/shared/selectors.js';
import type { MatchResources, ResourceRule } from './parse.js';
import { selectorMatches, type Labels } from './selector.js';
import type { AdmissionRequestInput } from './types.js';

export type MatchOutcome = { matches: boolean; error?: undefined } | { matches: false; error: string };

function isNamespacesResource(request: AdmissionRequestInput): boolean {
  return request.resource.group === '' && request.resource.version === 'v1' && request.resource.resource === 'namespaces';
}

function exactOrWildcard(items: readonly string[], requested: string): boolean {
  return items.some((item) => item === '*' || item === requested);
}

function scopeMatches(scope: string, request: AdmissionRequestInput): boolean {
  const namespace = request.namespace ?? '';
  switch (scope) {
    case '*':
      return true;
    case 'Namespaced':
      // A Namespace is cluster-scoped even though its request carries its own name as namespace.
      return !isNamespacesResource(request) && namespace !== '';
    case 'Cluster':
      return isNamespacesResource(request) || namespace === '';
    default:
      return false;
  }
}

function resourceMatches(resources: readonly string[], request: AdmissionRequestInput): boolean {
  const subResource = request.subResource ?? '';
  return resources.some((entry) => {
    const slash = entry.indexOf('/');
    const resource = slash === -1 ? entry : entry.slice(0, slash);
    const sub = slash === -1 ? '' : entry.slice(slash + 1);
    // `pods/*` matches pods and every subresource of pods; `*` matches no subresource.
    return (resource === '*' || resource === request.resource.resource) && (sub === '*' || sub === subResource);
  });
}

/** One rule against a request (`rules.Matcher` plus `resourceNames`). */
export function ruleMatches(rule: ResourceRule, request: AdmissionRequestInput): boolean {
  if (!scopeMatches(rule.scope, request)) return false;
  if (!rule.operations.some((operation) => operation === '*' || operation === request.operation)) return false;
  if (!exactOrWildcard(rule.apiGroups, request.resource.group)) return false;
  if (!exactOrWildcard(rule.apiVersions, request.resource.version)) return false;
  if (!resourceMatches(rule.resources, request)) return false;
  // An empty name list matches every name; a generated name (empty) matches none.
  return rule.resourceNames.length === 0 || rule.resourceNames.includes(request.name ?? '');
}

/**
 * Decides whether the criteria select the request. `namespaceLabels` is asked only when a
 * namespaced request meets a non-empty namespaceSelector. An invalid selector is an error,
 * reported only when the rest of the criteria would have matched (as the API server does).
 */
export function matchesResources(criteria: MatchResources, request: AdmissionRequestInput, namespaceLabels: (name: string) => Labels): MatchOutcome {
  let namespaceError: string | undefined;
  const namespace = request.namespace ?? '';
  // Cluster-scoped objects other than Namespaces are never filtered by namespaceSelector.
  if (namespace !== '' || isNamespacesResource(request)) {
    const parsed = criteria.namespaceSelector;
    if (!parsed.ok) namespaceError = `Internal error occurred: ${parsed.message}`;
    else if (parsed.selector.requirements.length > 0) {
      // Creating or updating a Namespace: its own new labels decide.
      const ownLabels = isNamespacesResource(request) && (request.subResource ?? '') === '' && (request.operation === 'CREATE' || request.operation === 'UPDATE');
      const labels = ownLabels ? labelsOf(request.object?.metadata) : namespaceLabels(namespace);
      if (!selectorMatches(parsed.selector, labels)) return { matches: false };
    }
  }
  let objectError: string | undefined;
  const objectSelector = criteria.objectSelector;
  if (!objectSelector.ok) objectError = `Internal error occurred: ${objectSelector.message}`;
  else if (objectSelector.selector.requirements.length > 0) {
    // Either the new or the old object may match; a missing one never does.
    const matches = [request.object, request.oldObject].some((object) => object !== null && selectorMatches(objectSelector.selector, labelsOf(object.metadata)));
    if (!matches) return { matches: false };
  }
  if (criteria.excludeResourceRules.some((rule) => ruleMatches(rule, request))) return { matches: false };
  if (criteria.resourceRules.length > 0 && !criteria.resourceRules.some((rule) => ruleMatches(rule, request))) return { matches: false };
  if (namespaceError !== undefined) return { matches: false, error: namespaceError };
  if (objectError !== undefined) return { matches: false, error: objectError };
  return { matches: true };
}
