/**
 * Kind → resource: admission rules name resources (`deployments`), manifests name kinds
 * (`Deployment`). Without a cluster to ask for discovery, built-in kinds come from a table,
 * custom resources from CustomResourceDefinitions in the input, and anything else from
 * English plural rules.
 */
import { BUILTIN_RESOURCES } from '../model/api-resources.js';
import { definedResource } from '../model/custom-resources.js';
import type { KubernetesObject, Resource } from '../model/resource.js';
import { isClusterScoped } from '../model/scope.js';

/** `apps/v1` → `{ group: 'apps', version: 'v1' }`; `v1` → the core group `''`. */
export interface GroupVersion {
  group: string;
  version: string;
}

export function parseApiVersion(apiVersion: string): GroupVersion {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** What admission knows about a kind: its plural resource name and whether its objects live in namespaces. */
export interface KindInfo {
  resource: string;
  namespaced: boolean;
  /** Where the answer came from: the built-in table, a CRD in the input, or the plural rules. */
  source: 'builtin' | 'crd' | 'guess';
}

/** Built-in kinds by `group/kind`, from the one table of built-in types. */
const BUILTIN_KINDS = new Map<string, KindInfo>();
for (const type of BUILTIN_RESOURCES) {
  if (type.kind !== undefined) BUILTIN_KINDS.set(`${type.group}/${type.kind}`, { resource: type.resource, namespaced: type.namespaced, source: 'builtin' });
}

/**
 * The plural resource name of a kind nobody declared: lower case, then English plural rules.
 * `NetworkPolicy` → `networkpolicies` (consonant + y), `Gateway` → `gateways` (vowel + y),
 * `Ingress`/`Box`/`Batch`/`Mesh` → `+es`, anything else `+s`, and a kind already ending in
 * `endpoints` is left alone. apimachinery's own guess (`UnsafeGuessKindToResource`) only knows
 * `s` → `es` and `y` → `ies`; these rules agree with it there and match how CRD authors
 * actually name plurals (`gateways`, `boxes`) elsewhere.
 */
export function guessResource(kind: string): string {
  const lower = kind.toLowerCase();
  if (lower === '' || lower.endsWith('endpoints')) return lower;
  if (/[^aeiou]y$/.test(lower)) return `${lower.slice(0, -1)}ies`;
  if (/(?:s|x|z|ch|sh)$/.test(lower)) return `${lower}es`;
  return `${lower}s`;
}

/**
 * Kinds → resources and scopes, with CustomResourceDefinitions from the input taking
 * precedence over guesses (a CRD names its plural and scope exactly).
 */
export class ResourceCatalog {
  private readonly custom = new Map<string, KindInfo>();

  /** Reads `spec.group`, `spec.names.kind`, `spec.names.plural` and `spec.scope` of every CRD among the resources. */
  static fromResources(resources: readonly Resource[]): ResourceCatalog {
    const catalog = new ResourceCatalog();
    for (const resource of resources) catalog.addDefinition(resource.object);
    return catalog;
  }

  /** Learns a kind from a CustomResourceDefinition; other objects are ignored. */
  addDefinition(object: KubernetesObject): void {
    const defined = definedResource(object);
    if (defined?.kind === undefined) return;
    const resource = defined.plural !== undefined && defined.plural !== '' ? defined.plural : guessResource(defined.kind);
    this.custom.set(`${defined.group}/${defined.kind}`, { resource, namespaced: defined.namespaced, source: 'crd' });
  }

  /** Plural and scope of a kind in an API group (`''` for core). */
  lookup(group: string, kind: string): KindInfo {
    const key = `${group}/${kind}`;
    return this.custom.get(key) ?? BUILTIN_KINDS.get(key) ?? { resource: guessResource(kind), namespaced: !isClusterScoped(kind), source: 'guess' };
  }
}
