import { BulwarkError } from '../errors/index.js';
import type { ApiResourceCatalog } from './api-resources.js';
import { parseServiceAccountUserName } from './subjects.js';
import type { AccessRequest, Subject } from './types.js';

/** A question as a person asks it: `create pods/exec in shop`, `get /healthz`. */
export interface AccessQueryInput {
  verb: string;
  /** `pods`, `pods/exec`, `deployments.apps`, `deploy/scale`, `widgets.example.com`, `*`, or a URL path such as `/metrics`. */
  resource: string;
  namespace?: string;
  name?: string;
}

/** A question resolved to the request the authorizer would see. */
export interface AccessQuery {
  request: AccessRequest;
  /** Whether the resource lives in namespaces (false for cluster-scoped resources and URLs). */
  namespaced: boolean;
  /**
   * A namespaced resource asked about without a namespace. Who-can and the matrix then count
   * a grant in any namespace and say which; for a yes/no answer the authorizer reads such a
   * request as one across all namespaces (`kubectl get pods -A`), which only
   * ClusterRoleBindings can allow.
   */
  anyNamespace: boolean;
  /** What was assumed or ignored in resolving it. */
  notes: string[];
}

/** Resolves a question to a request: group and plural from the resource name, the namespace as the API server sets it. */
export function resolveAccessQuery(input: AccessQueryInput, catalog: ApiResourceCatalog): AccessQuery {
  const verb = input.verb.trim();
  const text = input.resource.trim();
  if (verb === '') throw new BulwarkError('BULWARK_E_USAGE', 'the verb is empty', 'Name a verb: get, list, watch, create, update, patch, delete, deletecollection, bind, escalate, impersonate, … or *.');
  if (text === '') throw new BulwarkError('BULWARK_E_USAGE', 'the resource is empty', 'Name a resource: pods, pods/exec, deployments.apps, secrets, … or a URL path such as /metrics.');
  const notes: string[] = [];
  if (text.startsWith('/')) {
    if (input.namespace !== undefined) notes.push(`${text} is a URL, not a resource: the namespace is ignored`);
    if (input.name !== undefined) notes.push(`${text} is a URL, not a resource: the name is ignored`);
    return { request: { verb, path: text }, namespaced: false, anyNamespace: false, notes };
  }
  const slash = text.indexOf('/');
  const resourceText = slash === -1 ? text : text.slice(0, slash);
  const subresource = slash === -1 ? undefined : text.slice(slash + 1);
  if (resourceText === '' || subresource === '' || subresource?.includes('/') === true) {
    throw new BulwarkError('BULWARK_E_USAGE', `"${text}" is not a resource`, 'Write resource, resource/subresource or resource.group/subresource, e.g. pods/exec or deployments.apps/scale.');
  }
  const resolved = catalog.resolve(resourceText);
  if (!resolved.known) notes.push(`"${resourceText}" is not a built-in resource nor defined by a CustomResourceDefinition of the input: taken as ${describeGroup(resolved.group)} resource "${resolved.resource}", namespaced`);
  const namespaced = catalog.isNamespaced(resolved.group, resolved.resource);
  const request: AccessRequest = { verb, group: resolved.group, resource: resolved.resource };
  if (subresource !== undefined) request.subresource = subresource;
  if (input.name !== undefined && input.name !== '') request.name = input.name;
  if (namespaced) {
    if (input.namespace !== undefined && input.namespace !== '') request.namespace = input.namespace;
  } else if (resolved.group === '' && resolved.resource === 'namespaces' && request.name !== undefined) {
    // The API server files a request for one Namespace object under that namespace, so a RoleBinding there can allow it.
    request.namespace = request.name;
    if (input.namespace !== undefined && input.namespace !== request.name) notes.push(`a request for Namespace "${request.name}" is in that namespace: -n ${input.namespace} is ignored`);
  } else if (input.namespace !== undefined) {
    notes.push(`${resolved.resource} ${resolved.group === '' ? '' : `(${resolved.group}) `}are cluster-scoped: the namespace is ignored, only ClusterRoleBindings can grant them`);
  }
  return { request, namespaced, anyNamespace: namespaced && request.namespace === undefined, notes };
}

function describeGroup(group: string): string {
  return group === '' ? 'a core-group' : `a ${group}`;
}

/**
 * A subject as written on the command line: `user:alice`, `group:devs`, `sa:shop/api`,
 * `serviceaccount:shop/api` or the user name of a ServiceAccount token,
 * `system:serviceaccount:shop:api`.
 */
export function parseSubjectArgument(text: string): Subject {
  const value = text.trim();
  const account = parseServiceAccountUserName(value);
  if (account !== undefined) return { kind: 'ServiceAccount', ...account };
  const colon = value.indexOf(':');
  const prefix = colon === -1 ? '' : value.slice(0, colon).toLowerCase();
  const rest = colon === -1 ? '' : value.slice(colon + 1);
  if (rest !== '') {
    if (prefix === 'user' || prefix === 'u') {
      const userAccount = parseServiceAccountUserName(rest);
      return userAccount === undefined ? { kind: 'User', name: rest } : { kind: 'ServiceAccount', ...userAccount };
    }
    if (prefix === 'group' || prefix === 'g') return { kind: 'Group', name: rest };
    if (prefix === 'sa' || prefix === 'serviceaccount') {
      const [namespace, name, extra] = rest.split('/');
      if (namespace && name && extra === undefined) return { kind: 'ServiceAccount', namespace, name };
    }
  }
  throw new BulwarkError(
    'BULWARK_E_USAGE',
    `"${text}" is not a subject`,
    'Write user:NAME, group:NAME, sa:NAMESPACE/NAME or system:serviceaccount:NAMESPACE:NAME.',
  );
}
