/**
 * The vocabulary of Kubernetes RBAC as the authorizer sees it: rules, subjects, the identity
 * of a request and the request itself.
 */

/** `*`: every verb, every API group, every resource or every non-resource URL. */
export const WILDCARD = '*';

/** The API group of Role, ClusterRole, RoleBinding and ClusterRoleBinding. */
export const RBAC_API_GROUP = 'rbac.authorization.k8s.io';

/**
 * One rule of a Role or ClusterRole (`rbacv1.PolicyRule`). Fields the manifest leaves out, or
 * writes with something other than a list of strings, are empty lists: the authorizer matches
 * nothing against an empty list (except `resourceNames`, where empty means every name).
 */
export interface PolicyRule {
  verbs: readonly string[];
  /** `""` is the core group. */
  apiGroups: readonly string[];
  /** `pods`, `pods/exec`, `*\/scale` (a subresource of any resource) or `*`. */
  resources: readonly string[];
  resourceNames: readonly string[];
  /** `/healthz`, `/api/*` (a trailing `*` matches by prefix) or `*`. */
  nonResourceURLs: readonly string[];
}

export type SubjectKind = 'User' | 'Group' | 'ServiceAccount';

/** Someone a binding can name. */
export type Subject =
  | { kind: 'User'; name: string }
  | { kind: 'Group'; name: string }
  | { kind: 'ServiceAccount'; namespace: string; name: string };

/**
 * Who makes a request, as the authenticator hands it to the authorizer: a user name and the
 * groups the user is in. `name` is undefined for "some member of these groups" (a query about
 * a group rather than a person): then bindings to users never apply.
 */
export interface UserInfo {
  name: string | undefined;
  groups: readonly string[];
}

/** A request for a resource: `GET /api/v1/namespaces/shop/pods/web/log` is `get` on `pods/log` named `web` in `shop`. */
export interface ResourceRequest {
  verb: string;
  /** API group; `""` (the default) is the core group. */
  group?: string;
  /** The plural resource name, e.g. `pods`. */
  resource: string;
  subresource?: string;
  /**
   * Undefined for cluster-scoped resources and for requests across all namespaces. For the
   * `namespaces` resource itself the API server sets it to the namespace's name, which is how a
   * RoleBinding can allow `get` on its own Namespace object.
   */
  namespace?: string;
  /** Undefined for requests that carry no name: `list`, `watch` of a collection, `create`, `deletecollection`. */
  name?: string;
}

/** A request for a URL that is not a resource, e.g. `get /healthz`. */
export interface NonResourceRequest {
  verb: string;
  path: string;
}

export type AccessRequest = ResourceRequest | NonResourceRequest;

export function isNonResourceRequest(request: AccessRequest): request is NonResourceRequest {
  return 'path' in request;
}
