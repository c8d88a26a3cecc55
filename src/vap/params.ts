/**
 * Which parameter objects a binding evaluates its policy with (the admission plugin's
 * `CollectParams`): none needed, one by name, or every match of a selector, looked up in the
 * paramRef's namespace or the request's, and the binding's parameterNotFoundAction.
 */
import { labelsOf } from '../checks/shared/selectors.js';
import type { KubernetesObject } from '../model/resource.js';
import type { ParamRefDefinition } from './parse.js';
import { parseApiVersion } from './resources.js';
import { selectorMatches } from './selector.js';
import type { AdmissionCluster } from './types.js';

/**
 * `params` to evaluate with: `[null]` when the policy takes none (or the binding gives none),
 * an empty list when nothing was found and that is allowed. A failure is a binding
 * configuration error; `notFound` marks the parameterNotFoundAction: Deny case.
 */
export type ParamCollection = { ok: true; params: (KubernetesObject | null)[] } | { ok: false; message: string; notFound: boolean };

function nameOf(object: KubernetesObject): string | undefined {
  const metadata = object.metadata as Record<string, unknown> | undefined;
  return typeof metadata?.name === 'string' ? metadata.name : undefined;
}

export function collectParams(
  paramKind: { apiVersion: string; kind: string } | undefined,
  paramRef: ParamRefDefinition | undefined,
  requestNamespace: string,
  cluster: AdmissionCluster,
): ParamCollection {
  // A policy without paramKind ignores paramRef; a binding without paramRef gives params = null.
  if (paramKind === undefined || paramRef === undefined) return { ok: true, params: [null] };
  const namespaced = cluster.isNamespaced(parseApiVersion(paramKind.apiVersion).group, paramKind.kind);
  let namespace: string | undefined;
  if (namespaced) {
    namespace = paramRef.namespace ?? requestNamespace;
    if (namespace === '') return { ok: false, message: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources', notFound: false };
  } else if (paramRef.namespace !== undefined) {
    return { ok: false, message: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`', notFound: false };
  }
  const candidates = cluster.params(paramKind.apiVersion, paramKind.kind, namespace);
  let params: KubernetesObject[];
  if (paramRef.name !== undefined) {
    if (paramRef.selector !== undefined) return { ok: false, message: 'paramRef.name and paramRef.selector are mutually exclusive', notFound: false };
    const found = candidates.find((candidate) => nameOf(candidate) === paramRef.name);
    params = found === undefined ? [] : [found];
  } else if (paramRef.selector !== undefined) {
    const parsed = paramRef.selector;
    if (!parsed.ok) return { ok: false, message: parsed.message, notFound: false };
    params = candidates.filter((candidate) => selectorMatches(parsed.selector, labelsOf(candidate.metadata)));
  } else {
    return { ok: false, message: 'one of name or selector must be provided', notFound: false };
  }
  if (params.length === 0 && paramRef.parameterNotFoundAction === 'Deny') {
    return { ok: false, message: 'no params found for policy binding with `Deny` parameterNotFoundAction', notFound: true };
  }
  return { ok: true, params };
}
