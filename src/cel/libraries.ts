/** The Kubernetes CEL libraries this engine provides, selectable by name. */
import { authorizerValues, authzLibrary, AUTHZ_TYPES, type CelAuthorizer } from './lib/authz.js';
import { formatLibrary } from './lib/format.js';
import { cidrLibrary, ipLibrary } from './lib/ip.js';
import { listsLibrary } from './lib/lists.js';
import { optionalLibrary } from './lib/optional.js';
import { quantityLibrary } from './lib/quantity.js';
import { regexLibrary } from './lib/regex.js';
import { setsLibrary } from './lib/sets.js';
import { stringsLibrary } from './lib/strings.js';
import { urlLibrary } from './lib/url.js';
import { parseType, type FunctionSet, type StaticType } from './types.js';
import type { Result } from './values.js';

export type CelLibraryName = 'optional' | 'strings' | 'lists' | 'sets' | 'regex' | 'quantity' | 'url' | 'ip' | 'cidr' | 'format' | 'authz';

export const LIBRARIES: Record<CelLibraryName, () => FunctionSet> = {
  optional: optionalLibrary,
  strings: stringsLibrary,
  lists: listsLibrary,
  sets: setsLibrary,
  regex: regexLibrary,
  quantity: () => quantityLibrary().type('kubernetes.Quantity'),
  url: () => urlLibrary().type('kubernetes.URL'),
  ip: () => ipLibrary().type('net.IP'),
  cidr: () => cidrLibrary().type('net.CIDR'),
  format: () => formatLibrary().type('kubernetes.NamedFormat'),
  authz: authzLibrary,
};

/** Static types of variables that libraries give meaning to (the VAP `authorizer`). */
export function libraryVariables(libraries: readonly CelLibraryName[]): Map<string, StaticType> {
  const types = new Map<string, StaticType>();
  if (libraries.includes('authz')) {
    types.set('authorizer', parseType(AUTHZ_TYPES.authorizer));
    types.set('authorizer.requestResource', parseType(AUTHZ_TYPES.resourceCheck));
  }
  return types;
}

/**
 * Values of variables that come from library adapters rather than plain data: `authorizer`
 * wraps the input's `authorizer` callback, `authorizer.requestResource` checks the request's resource.
 */
export function bindLibraryVariable(libraries: readonly CelLibraryName[], name: string, input: Readonly<Record<string, unknown>>): Result | undefined {
  if (!libraries.includes('authz') || (name !== 'authorizer' && name !== 'authorizer.requestResource')) return undefined;
  const callback = typeof input.authorizer === 'function' ? (input.authorizer as CelAuthorizer) : undefined;
  const values = authorizerValues(callback, input.request);
  return name === 'authorizer' ? values.authorizer : values.requestResource;
}
