/**
 * Kubernetes authz library (library/authz.go) with the authz selectors: the `authorizer`
 * variable of ValidatingAdmissionPolicy. Offline there is no API server to ask, so the caller
 * supplies the decisions through a callback (for example backed by Bulwark's RBAC model).
 * Without one, every check is an evaluation error saying so.
 */
import { fail } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { CelObject, CelType, type Value } from '../values.js';

const AUTHORIZER = CelType.of('kubernetes.authorization.Authorizer');
const PATH_CHECK = CelType.of('kubernetes.authorization.PathCheck');
const GROUP_CHECK = CelType.of('kubernetes.authorization.GroupCheck');
const RESOURCE_CHECK = CelType.of('kubernetes.authorization.ResourceCheck');
const DECISION = CelType.of('kubernetes.authorization.Decision');

/** One authorization question, as an authorizer.* chain in CEL builds it. */
export interface CelAuthorizationCheck {
  /** Set when the expression asked about a service account (`authorizer.serviceAccount(ns, name)`); otherwise the request's user. */
  readonly serviceAccount?: { readonly namespace: string; readonly name: string };
  readonly verb: string;
  /** Non-resource request path (`authorizer.path(...)`). */
  readonly path?: string;
  readonly group?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly fieldSelector?: string;
  readonly labelSelector?: string;
}

export interface CelAuthorizationDecision {
  readonly decision: 'allow' | 'deny' | 'noOpinion';
  readonly reason?: string;
  /** Set when the authorizer failed; the decision then counts as errored. */
  readonly error?: string;
}

/** Answers authorization checks for the `authorizer` variable. */
export type CelAuthorizer = (check: CelAuthorizationCheck) => CelAuthorizationDecision;

type Attributes = Omit<CelAuthorizationCheck, 'verb'>;

abstract class AuthzObject extends CelObject {
  equals(other: Value): boolean {
    return other === this;
  }
}

export class Authorizer extends AuthzObject {
  readonly celType = AUTHORIZER;
  constructor(
    readonly authorize: CelAuthorizer | undefined,
    readonly serviceAccount?: { namespace: string; name: string },
  ) {
    super();
  }
  toString(): string {
    return 'authorizer';
  }
}

class PathCheck extends AuthzObject {
  readonly celType = PATH_CHECK;
  constructor(
    readonly authorizer: Authorizer,
    readonly path: string,
  ) {
    super();
  }
  toString(): string {
    return `authorizer.path(${JSON.stringify(this.path)})`;
  }
}

class GroupCheck extends AuthzObject {
  readonly celType = GROUP_CHECK;
  constructor(
    readonly authorizer: Authorizer,
    readonly group: string,
  ) {
    super();
  }
  toString(): string {
    return `authorizer.group(${JSON.stringify(this.group)})`;
  }
}

export class ResourceCheck extends AuthzObject {
  readonly celType = RESOURCE_CHECK;
  constructor(
    readonly authorizer: Authorizer,
    readonly attributes: Attributes,
  ) {
    super();
  }
  with(change: Partial<Attributes>): ResourceCheck {
    return new ResourceCheck(this.authorizer, { ...this.attributes, ...change });
  }
  toString(): string {
    return `authorizer.group(${JSON.stringify(this.attributes.group ?? '')}).resource(${JSON.stringify(this.attributes.resource ?? '')})`;
  }
}

class Decision extends AuthzObject {
  readonly celType = DECISION;
  constructor(readonly result: CelAuthorizationDecision) {
    super();
  }
  toString(): string {
    return `decision(${this.result.decision})`;
  }
}

function decide(authorizer: Authorizer, attributes: Attributes, verb: string): Decision {
  if (authorizer.authorize === undefined) fail('no authorizer is available: pass an `authorizer` callback in the evaluation input to use authorization checks');
  const check: CelAuthorizationCheck = { ...attributes, verb, ...(authorizer.serviceAccount === undefined ? {} : { serviceAccount: authorizer.serviceAccount }) };
  let result: CelAuthorizationDecision;
  try {
    result = authorizer.authorize(check);
  } catch (error) {
    result = { decision: 'noOpinion', error: error instanceof Error ? error.message : String(error) };
  }
  return new Decision(result);
}

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function authzLibrary(): FunctionSet {
  const A = AUTHORIZER.name;
  const P = PATH_CHECK.name;
  const G = GROUP_CHECK.name;
  const R = RESOURCE_CHECK.name;
  const D = DECISION.name;
  const str = (v: Value) => v as string;
  const resource = (v: Value) => v as ResourceCheck;
  const decision = (v: Value) => (v as Decision).result;
  return new FunctionSet()
    .method('path', A, ['string'], P, (a, path) => (str(path).trim() === '' ? fail('path must not be empty') : new PathCheck(a as Authorizer, str(path))))
    .method('group', A, ['string'], G, (a, group) => new GroupCheck(a as Authorizer, str(group)))
    .method('serviceAccount', A, ['string', 'string'], A, (a, namespace, name) => {
      if (str(namespace).length > 63 || !DNS1123_LABEL.test(str(namespace))) fail(`invalid service account namespace: ${JSON.stringify(str(namespace))}`);
      if (str(name).length > 253 || !DNS1123_SUBDOMAIN.test(str(name))) fail(`invalid service account name: ${JSON.stringify(str(name))}`);
      return new Authorizer((a as Authorizer).authorize, { namespace: str(namespace), name: str(name) });
    })
    .method('resource', G, ['string'], R, (g, name) => {
      if (str(name).trim() === '') fail('resource must not be empty');
      const check = g as GroupCheck;
      return new ResourceCheck(check.authorizer, { group: check.group, resource: str(name) });
    })
    .method('subresource', R, ['string'], R, (r, v) => resource(r).with({ subresource: str(v) }))
    .method('namespace', R, ['string'], R, (r, v) => resource(r).with({ namespace: str(v) }))
    .method('name', R, ['string'], R, (r, v) => resource(r).with({ name: str(v) }))
    .method('fieldSelector', R, ['string'], R, (r, v) => resource(r).with({ fieldSelector: str(v) }))
    .method('labelSelector', R, ['string'], R, (r, v) => resource(r).with({ labelSelector: str(v) }))
    .method('check', P, ['string'], D, (p, verb) => decide((p as PathCheck).authorizer, { path: (p as PathCheck).path }, str(verb)))
    .method('check', R, ['string'], D, (r, verb) => decide(resource(r).authorizer, resource(r).attributes, str(verb)))
    .method('allowed', D, [], 'bool', (d) => decision(d).decision === 'allow' && decision(d).error === undefined)
    .method('reason', D, [], 'string', (d) => decision(d).reason ?? '')
    .method('errored', D, [], 'bool', (d) => decision(d).error !== undefined)
    .method('error', D, [], 'string', (d) => decision(d).error ?? '');
}

/**
 * Values of `authorizer` and `authorizer.requestResource` (a ResourceCheck for the resource of
 * the admission request: group, resource, subresource, namespace and name from `request`).
 */
export function authorizerValues(authorize: CelAuthorizer | undefined, request: unknown): { authorizer: Authorizer; requestResource: ResourceCheck } {
  const authorizer = new Authorizer(authorize);
  const req = (typeof request === 'object' && request !== null ? request : {}) as Record<string, unknown>;
  const res = (typeof req.resource === 'object' && req.resource !== null ? req.resource : {}) as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  const requestResource = new ResourceCheck(authorizer, {
    group: text(res.group),
    resource: text(res.resource),
    subresource: text(req.subResource),
    namespace: text(req.namespace),
    name: text(req.name),
  });
  return { authorizer, requestResource };
}

export const AUTHZ_TYPES = { authorizer: AUTHORIZER.name, resourceCheck: RESOURCE_CHECK.name };
