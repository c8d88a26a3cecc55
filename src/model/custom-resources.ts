import { isRecord, type KubernetesObject } from './resource.js';

/** A resource type that a CustomResourceDefinition of the input defines, as far as it says. */
export interface DefinedResource {
  group: string;
  /** `spec.names.kind`, when a text. */
  kind: string | undefined;
  /** `spec.names.plural`, when a text. */
  plural: string | undefined;
  /** Whatever `spec.scope` says other than `Cluster`. */
  namespaced: boolean;
  /** `spec.names.singular` and `shortNames`, the non-empty texts among them. */
  aliases: string[];
}

/** What a CustomResourceDefinition defines; undefined for any other object, or one without a group. */
export function definedResource(object: KubernetesObject): DefinedResource | undefined {
  if (object.kind !== 'CustomResourceDefinition' || !object.apiVersion.startsWith('apiextensions.k8s.io/')) return undefined;
  const spec = isRecord(object.spec) ? object.spec : {};
  const names = isRecord(spec.names) ? spec.names : {};
  if (typeof spec.group !== 'string') return undefined;
  return {
    group: spec.group,
    kind: typeof names.kind === 'string' ? names.kind : undefined,
    plural: typeof names.plural === 'string' ? names.plural : undefined,
    namespaced: spec.scope !== 'Cluster',
    aliases: [names.singular, ...(Array.isArray(names.shortNames) ? names.shortNames : [])].filter((alias): alias is string => typeof alias === 'string' && alias !== ''),
  };
}
