import type { RbacAnalysis } from './analysis.js';
import { compareText } from './analysis.js';
import type { Grant } from './model.js';
import { compareSubjects } from './who-can.js';
import { WILDCARD, type Subject } from './types.js';

/** What one subject may do to one resource (or URL), in one scope. */
export interface MatrixEntry {
  subject: Subject;
  /** The namespace the access is limited to; undefined: cluster-wide. */
  namespace: string | undefined;
  /** API group; `*` for every group; `""` (core) for URLs. */
  apiGroup: string;
  /** `pods`, `pods/exec`, `*`, or for URLs the path (`/metrics`, `/api/*`). */
  resource: string;
  nonResource: boolean;
  /** The object names the access is limited to; empty for every object. */
  resourceNames: readonly string[];
  /** The verbs granted (`*` stays `*`), in matrix column order. */
  verbs: string[];
  /** The grants it comes from. */
  grants: Grant[];
}

/** Subjects × resources × verbs of the input's bindings. */
export interface AccessMatrix {
  /** Only access that applies in this namespace (cluster-wide and the namespace's own), when asked. */
  namespace: string | undefined;
  /** Column order: the common verbs, then every other verb the rules name, then `*`. */
  verbs: string[];
  entries: MatrixEntry[];
}

export interface MatrixOptions {
  /** Keep only access that applies in this namespace: ClusterRoleBindings and the namespace's RoleBindings. */
  namespace?: string;
}

/** The verbs most rules use, in the order `kubectl` documents them. */
export const COMMON_VERBS: readonly string[] = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * The access matrix of the input: for each subject the bindings name, each resource (or URL)
 * their rules name in each scope, the verbs granted. Rules a binding cannot make usable are
 * left out: URLs and cluster-scoped resources through RoleBindings. Subjects are as written (a
 * group is one row, its members are not expanded); wildcards stay wildcards.
 */
export function accessMatrix(analysis: RbacAnalysis, options: MatrixOptions = {}): AccessMatrix {
  const { model, catalog } = analysis;
  const entries = new Map<string, MatrixEntry>();
  const extraVerbs = new Set<string>();
  const add = (grant: Grant, fields: Omit<MatrixEntry, 'subject' | 'namespace' | 'verbs' | 'grants'>, verbs: readonly string[]) => {
    const subject = grant.subject.subject;
    const key = JSON.stringify([grant.subject.principal, grant.namespace ?? null, fields.apiGroup, fields.resource, fields.nonResource, fields.resourceNames]);
    let entry = entries.get(key);
    if (entry === undefined) {
      entry = { subject, namespace: grant.namespace, ...fields, verbs: [], grants: [] };
      entries.set(key, entry);
    }
    for (const verb of verbs) {
      if (!entry.verbs.includes(verb)) entry.verbs.push(verb);
      if (verb !== WILDCARD && !COMMON_VERBS.includes(verb)) extraVerbs.add(verb);
    }
    if (!entry.grants.includes(grant)) entry.grants.push(grant);
  };
  for (const binding of model.bindings) {
    if (binding.kind === 'RoleBinding' && options.namespace !== undefined && binding.namespace !== options.namespace) continue;
    for (const grant of model.grantsOfBinding(binding)) {
      const rule = grant.rule.rule;
      if (rule.verbs.length === 0) continue;
      if (grant.namespace === undefined) {
        for (const url of rule.nonResourceURLs) add(grant, { apiGroup: '', resource: url, nonResource: true, resourceNames: [] }, rule.verbs);
      }
      for (const group of rule.apiGroups) {
        for (const resource of rule.resources) {
          const base = resource.split('/')[0] ?? resource;
          // A RoleBinding cannot allow a cluster-scoped resource: the rule is dead there.
          if (grant.namespace !== undefined && base !== WILDCARD && !catalog.isNamespaced(group, base)) continue;
          add(grant, { apiGroup: group, resource, nonResource: false, resourceNames: rule.resourceNames }, rule.verbs);
        }
      }
    }
  }
  const verbs = [...COMMON_VERBS, ...[...extraVerbs].sort(compareText)];
  const rank = (verb: string) => (verb === WILDCARD ? verbs.length : verbs.indexOf(verb));
  const sorted = [...entries.values()];
  for (const entry of sorted) entry.verbs.sort((a, b) => rank(a) - rank(b));
  if (sorted.some((entry) => entry.verbs.includes(WILDCARD))) verbs.push(WILDCARD);
  sorted.sort(
    (a, b) =>
      compareSubjects(a.subject, b.subject) ||
      compareText(a.namespace ?? '', b.namespace ?? '') ||
      Number(a.nonResource) - Number(b.nonResource) ||
      compareText(a.apiGroup, b.apiGroup) ||
      compareText(a.resource, b.resource) ||
      compareText(a.resourceNames.join(','), b.resourceNames.join(',')),
  );
  return { namespace: options.namespace, verbs, entries: sorted };
}

/** Whether an entry grants a verb, itself or through `*`. */
export function entryGrants(entry: MatrixEntry, verb: string): 'yes' | 'wildcard' | 'no' {
  if (entry.verbs.includes(verb)) return 'yes';
  return entry.verbs.includes(WILDCARD) ? 'wildcard' : 'no';
}
