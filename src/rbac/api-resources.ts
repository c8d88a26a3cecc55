import type { Resource } from '../model/resource.js';
import { BUILTIN_RESOURCES } from '../model/api-resources.js';
import { definedResource } from '../model/custom-resources.js';
import { WILDCARD } from './types.js';

/** A resource type the API server serves: its plural name, API group and whether objects live in namespaces. */
export interface ApiResource {
  group: string;
  resource: string;
  namespaced: boolean;
  /** Singular and short names kubectl accepts (`pod`, `po`). */
  aliases?: readonly string[];
}

/**
 * The built-in resource types of current Kubernetes releases (what `kubectl api-resources`
 * lists on a plain cluster), with kubectl's singular and short names. Without a cluster to
 * ask, this is how `pods` or `deploy` become a group, a plural and a scope. Types older
 * releases served (PodSecurityPolicy) are left out: unknown types count as namespaced, which
 * is how a RoleBinding that grants `use` of a policy was read.
 */
const BUILTIN_API_RESOURCES: readonly ApiResource[] = BUILTIN_RESOURCES.filter((type) => type.removedIn === undefined);

/** Custom resource types defined by CustomResourceDefinitions of the input. */
function customResources(resources: readonly Resource[]): ApiResource[] {
  const out: ApiResource[] = [];
  for (const resource of resources) {
    const defined = definedResource(resource.object);
    if (defined?.plural !== undefined) out.push({ group: defined.group, resource: defined.plural, namespaced: defined.namespaced, aliases: defined.aliases });
  }
  return out;
}

function nameKey(group: string, resource: string): string {
  return `${group}\u0000${resource}`;
}

/** The resource types a query can name: the built-in ones and those the input's CustomResourceDefinitions define. */
export class ApiResourceCatalog {
  private readonly all: readonly ApiResource[];
  /** By group and plural name, the first of `all` for each: the matrix asks about every resource of every rule. */
  private readonly byName = new Map<string, ApiResource>();

  constructor(resources: readonly Resource[] = []) {
    this.all = [...BUILTIN_API_RESOURCES, ...customResources(resources)];
    for (const type of this.all) {
      const key = nameKey(type.group, type.resource);
      if (!this.byName.has(key)) this.byName.set(key, type);
    }
  }

  /** The type of a plural name in a group, if known. */
  find(group: string, resource: string): ApiResource | undefined {
    return this.byName.get(nameKey(group, resource));
  }

  /**
   * Whether objects of a type live in namespaces. Unknown types are taken to be namespaced,
   * as most custom resources are; `*` is namespaced too, since it covers namespaced types.
   */
  isNamespaced(group: string, resource: string): boolean {
    if (group === WILDCARD || resource === WILDCARD) return true;
    return this.find(group, resource)?.namespaced ?? true;
  }

  /**
   * What `pods`, `po`, `deployments.apps`, `deploy` or `widgets.example.com` stands for, as
   * kubectl resolves a resource argument: `name.group` names the group; a bare name is looked
   * up by plural, then singular and short names (core group first). A bare name nothing
   * knows is taken as a plural of the core group.
   */
  resolve(text: string): { group: string; resource: string; known: boolean } {
    const dot = text.indexOf('.');
    if (dot > 0) {
      const name = text.slice(0, dot);
      const group = text.slice(dot + 1);
      const known = this.all.find((candidate) => candidate.group === group && (candidate.resource === name || candidate.aliases?.includes(name) === true));
      return { group, resource: known?.resource ?? name, known: known !== undefined || name === WILDCARD };
    }
    const byPlural = this.all.find((candidate) => candidate.resource === text);
    const byAlias = byPlural ?? this.all.find((candidate) => candidate.aliases?.includes(text) === true);
    if (byAlias !== undefined) return { group: byAlias.group, resource: byAlias.resource, known: true };
    return { group: '', resource: text, known: text === WILDCARD };
  }
}
