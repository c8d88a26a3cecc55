import { isRecord, type KubernetesObject } from '../model/resource.js';
import type { AdmissionOperation, AdmissionRequestInput, AdmissionUserInfo, GroupVersionKind, GroupVersionResource } from '../vap/types.js';

/** The only AdmissionReview version the server speaks (`admissionReviewVersions: [v1]`). */
export const ADMISSION_API_VERSION = 'admission.k8s.io/v1';

const OPERATIONS: ReadonlySet<string> = new Set<AdmissionOperation>(['CREATE', 'UPDATE', 'DELETE', 'CONNECT']);

/** Nesting beyond this is no Kubernetes object; refusing it keeps recursive code far from the stack limit. */
export const MAX_NESTING_DEPTH = 100;

/** Longest uid echoed back: API server uids are 36 characters; a longer one is not from an API server. */
const MAX_UID_LENGTH = 256;

/** An admission request as the API server sends it to a webhook. */
export interface AdmissionRequest extends AdmissionRequestInput {
  uid: string;
  /** The kind and resource of the original request, when the API server converted it for the webhook. */
  requestKind?: GroupVersionKind;
  requestResource?: GroupVersionResource;
  requestSubResource?: string;
}

/** `metav1.Status` as an AdmissionResponse carries it. */
export interface AdmissionStatus {
  code: number;
  message: string;
  reason?: string;
}

export interface AdmissionResponse {
  uid: string;
  allowed: boolean;
  status?: AdmissionStatus;
  /** Shown by kubectl as `Warning: …`; no prefix of our own. */
  warnings?: string[];
  patchType?: 'JSONPatch';
  /** Base64 of the JSON Patch. */
  patch?: string;
  /** Recorded in the API server's audit log under `<webhook name>/<key>`. */
  auditAnnotations?: Record<string, string>;
}

export interface AdmissionReviewResponse {
  apiVersion: typeof ADMISSION_API_VERSION;
  kind: 'AdmissionReview';
  response: AdmissionResponse;
}

/** A body that is not an `admission.k8s.io/v1` AdmissionReview request: answered with 400 and this message. */
export class InvalidReviewError extends Error {
  override readonly name = 'InvalidReviewError';
}

/** Kubernetes names, kinds and resources are at most 253 characters (a DNS subdomain); anything longer is not from an API server. */
const MAX_NAME_LENGTH = 253;
/** User names and groups from an authenticator can be longer than object names, within reason. */
const MAX_USER_LENGTH = 1024;

function text(value: unknown, where: string, options: { required?: boolean; nonEmpty?: boolean; maxLength?: number } = {}): string | undefined {
  if (value === undefined || value === null) {
    if (options.required) throw new InvalidReviewError(`${where} is missing`);
    return undefined;
  }
  if (typeof value !== 'string') throw new InvalidReviewError(`${where} must be a string, not ${describe(value)}`);
  if (options.nonEmpty && value === '') throw new InvalidReviewError(`${where} is empty`);
  const limit = options.maxLength ?? MAX_NAME_LENGTH;
  if (value.length > limit) throw new InvalidReviewError(`${where} is ${value.length} characters long, more than ${limit}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function groupVersionKind(value: unknown, where: string): GroupVersionKind {
  if (!isRecord(value)) throw new InvalidReviewError(`${where} must be an object with group, version and kind`);
  return { group: text(value.group, `${where}.group`) ?? '', version: text(value.version, `${where}.version`, { required: true }) as string, kind: text(value.kind, `${where}.kind`, { required: true, nonEmpty: true }) as string };
}

function groupVersionResource(value: unknown, where: string): GroupVersionResource {
  if (!isRecord(value)) throw new InvalidReviewError(`${where} must be an object with group, version and resource`);
  return { group: text(value.group, `${where}.group`) ?? '', version: text(value.version, `${where}.version`, { required: true }) as string, resource: text(value.resource, `${where}.resource`, { required: true, nonEmpty: true }) as string };
}

function objectOrNull(value: unknown, where: string): Record<string, unknown> | null {
  if (value === undefined || value === null) return null;
  if (!isRecord(value)) throw new InvalidReviewError(`${where} must be an object, not ${describe(value)}`);
  return value;
}

function userInfo(value: unknown): AdmissionUserInfo {
  if (value === undefined || value === null) return { username: '' };
  if (!isRecord(value)) throw new InvalidReviewError(`request.userInfo must be an object, not ${describe(value)}`);
  const info: AdmissionUserInfo = { username: text(value.username, 'request.userInfo.username', { maxLength: MAX_USER_LENGTH }) ?? '' };
  const uid = text(value.uid, 'request.userInfo.uid', { maxLength: MAX_USER_LENGTH });
  if (uid !== undefined) info.uid = uid;
  if (value.groups !== undefined && value.groups !== null) {
    if (!Array.isArray(value.groups) || !value.groups.every((group) => typeof group === 'string' && group.length <= MAX_USER_LENGTH)) throw new InvalidReviewError(`request.userInfo.groups must be a list of strings of at most ${MAX_USER_LENGTH} characters`);
    info.groups = value.groups as string[];
  }
  return info;
}

/**
 * Gives an object its apiVersion and kind from the request when it lacks them, and refuses
 * an object of another kind than the request names (a body that was not made by an API server).
 */
function kubernetesObject(object: Record<string, unknown> | null, kind: GroupVersionKind, where: string, checkKind: boolean): KubernetesObject | null {
  if (object === null) return null;
  if (object.kind !== undefined && typeof object.kind !== 'string') throw new InvalidReviewError(`${where}.kind must be a string`);
  if (object.apiVersion !== undefined && typeof object.apiVersion !== 'string') throw new InvalidReviewError(`${where}.apiVersion must be a string`);
  if (checkKind && typeof object.kind === 'string' && object.kind !== '' && object.kind !== kind.kind) {
    throw new InvalidReviewError(`${where} is a ${object.kind}, but request.kind says ${kind.kind}`);
  }
  if (typeof object.kind !== 'string' || object.kind === '') object.kind = kind.kind;
  if (typeof object.apiVersion !== 'string' || object.apiVersion === '') object.apiVersion = kind.group === '' ? kind.version : `${kind.group}/${kind.version}`;
  return object as KubernetesObject;
}

/**
 * Reads an AdmissionReview request body (already parsed from JSON). Throws
 * {@link InvalidReviewError} with a message that says what is wrong, for a 400 answer.
 */
export function readAdmissionReview(body: unknown): AdmissionRequest {
  if (!isRecord(body)) throw new InvalidReviewError(`the body must be an AdmissionReview object, not ${describe(body)}`);
  if (body.kind !== 'AdmissionReview') throw new InvalidReviewError(`the body must be an AdmissionReview, not ${typeof body.kind === 'string' ? `a ${body.kind.slice(0, 64)}` : 'an object without kind'}`);
  if (body.apiVersion !== ADMISSION_API_VERSION) {
    const version = typeof body.apiVersion === 'string' ? body.apiVersion.slice(0, 64) : 'none';
    throw new InvalidReviewError(`AdmissionReview version ${version} is not supported: only ${ADMISSION_API_VERSION} (set admissionReviewVersions: [v1] in the webhook configuration)`);
  }
  const request = body.request;
  if (!isRecord(request)) throw new InvalidReviewError('the AdmissionReview has no request');
  const uid = text(request.uid, 'request.uid', { required: true, nonEmpty: true, maxLength: MAX_UID_LENGTH }) as string;
  const operation = text(request.operation, 'request.operation', { required: true }) as string;
  if (!OPERATIONS.has(operation)) throw new InvalidReviewError(`request.operation must be CREATE, UPDATE, DELETE or CONNECT, not ${JSON.stringify(operation.slice(0, 64))}`);
  const kind = groupVersionKind(request.kind, 'request.kind');
  const resource = groupVersionResource(request.resource, 'request.resource');
  const subResource = text(request.subResource, 'request.subResource');
  // A subresource's object is of its own kind (Scale, Binding, PodExecOptions…); so is CONNECT's.
  const sameKind = (subResource === undefined || subResource === '') && operation !== 'CONNECT';
  const object = kubernetesObject(objectOrNull(request.object, 'request.object'), kind, 'request.object', sameKind);
  const oldObject = kubernetesObject(objectOrNull(request.oldObject, 'request.oldObject'), kind, 'request.oldObject', sameKind);
  if ((operation === 'CREATE' || operation === 'UPDATE') && object === null) throw new InvalidReviewError(`request.object is missing for ${operation}`);
  if (request.dryRun !== undefined && request.dryRun !== null && typeof request.dryRun !== 'boolean') throw new InvalidReviewError('request.dryRun must be true or false');
  const parsed: AdmissionRequest = { uid, operation: operation as AdmissionOperation, kind, resource, object, oldObject, userInfo: userInfo(request.userInfo) };
  if (subResource !== undefined && subResource !== '') parsed.subResource = subResource;
  const name = text(request.name, 'request.name');
  if (name !== undefined && name !== '') parsed.name = name;
  const namespace = text(request.namespace, 'request.namespace');
  if (namespace !== undefined && namespace !== '') parsed.namespace = namespace;
  if (request.dryRun === true) parsed.dryRun = true;
  if (isRecord(request.options)) parsed.options = request.options;
  if (request.requestKind !== undefined && request.requestKind !== null) parsed.requestKind = groupVersionKind(request.requestKind, 'request.requestKind');
  if (request.requestResource !== undefined && request.requestResource !== null) parsed.requestResource = groupVersionResource(request.requestResource, 'request.requestResource');
  const requestSubResource = text(request.requestSubResource, 'request.requestSubResource');
  if (requestSubResource !== undefined && requestSubResource !== '') parsed.requestSubResource = requestSubResource;
  return parsed;
}

/** Wraps a response in the AdmissionReview envelope the API server expects. */
export function admissionReviewResponse(response: AdmissionResponse): AdmissionReviewResponse {
  return { apiVersion: ADMISSION_API_VERSION, kind: 'AdmissionReview', response };
}

/**
 * Whether a parsed value nests deeper than `limit`. Recursive, but never more than `limit`
 * calls deep: it stops as soon as the limit is reached. It runs on every request, and recursion
 * with arrays walked by index is several times faster than a walk with explicit stacks.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  return deeperThan(value, 0, limit);
}

function deeperThan(node: object, depth: number, limit: number): boolean {
  if (depth >= limit) return true;
  if (Array.isArray(node)) {
    for (let index = 0; index < node.length; index++) {
      const child: unknown = node[index];
      if (child !== null && typeof child === 'object' && deeperThan(child, depth + 1, limit)) return true;
    }
    return false;
  }
  for (const key in node) {
    const child = (node as Record<string, unknown>)[key];
    if (child !== null && typeof child === 'object' && deeperThan(child, depth + 1, limit)) return true;
  }
  return false;
}

/**
 * Reads an AdmissionReview request from the text of a body: JSON, not nested beyond
 * {@link MAX_NESTING_DEPTH}, then {@link readAdmissionReview}. Throws {@link InvalidReviewError}.
 */
export function parseAdmissionReview(text: string): AdmissionRequest {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new InvalidReviewError(`the body is not JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  if (nestedDeeperThan(body, MAX_NESTING_DEPTH)) throw new InvalidReviewError(`the body nests deeper than ${MAX_NESTING_DEPTH} levels: not a Kubernetes object`);
  return readAdmissionReview(body);
}
