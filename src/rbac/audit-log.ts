import { isRecord, stringsOf } from '../model/resource.js';
import { parseServiceAccountUserName, userIdentity } from './subjects.js';
import type { AccessRequest, ResourceRequest, UserInfo } from './types.js';

/** A user as an audit event records it (`authentication.k8s.io/v1` UserInfo). */
export interface AuditUser {
  username: string;
  groups: string[];
  uid: string | undefined;
  /** `extra` values by key, e.g. `scopes`. */
  extra: Record<string, string[]>;
}

/** One API request from an audit log (`audit.k8s.io/v1` Event), at the stage that describes it best. */
export interface AuditEvent {
  /** 1-based line of the event used. */
  line: number;
  /** Undefined when the event carries none; such events are never merged with others. */
  auditID: string | undefined;
  stage: string;
  /** Who authenticated. */
  user: AuditUser;
  /** Who the request was made as, through impersonation headers; undefined without impersonation. */
  impersonatedUser: AuditUser | undefined;
  /** The request the authorizer saw, made as the impersonated user when there is one. */
  request: AccessRequest;
  /** HTTP status of the response, when the stage records it (403: forbidden). */
  status: number | undefined;
}

/** A line that is not an audit event. */
export interface AuditLogProblem {
  line: number;
  message: string;
}

export interface AuditLog {
  /** One per request (stages of the same `auditID` merged), in the order of the log. */
  events: AuditEvent[];
  problems: AuditLogProblem[];
  /** Lines that were not blank. */
  lines: number;
  /** Events read (each stage counted), kept or not. */
  read: number;
}

const AUDIT_API_VERSIONS = new Set(['audit.k8s.io/v1', 'audit.k8s.io/v1beta1']);

/** Stages by how well they describe a request: the completed response first. */
const STAGE_RANK: Record<string, number> = { ResponseComplete: 0, Panic: 1, ResponseStarted: 2, RequestReceived: 3 };


function auditUser(value: unknown): AuditUser | undefined {
  if (!isRecord(value) || typeof value.username !== 'string' || value.username === '') return undefined;
  const extra: Record<string, string[]> = {};
  if (isRecord(value.extra)) for (const [key, values] of Object.entries(value.extra)) extra[key] = stringsOf(values);
  return { username: value.username, groups: stringsOf(value.groups), uid: typeof value.uid === 'string' && value.uid !== '' ? value.uid : undefined, extra };
}

/** The request the authorizer saw: a resource from `objectRef`, or the URL path for requests without one. */
function requestOf(event: Record<string, unknown>, verb: string): AccessRequest | string {
  const ref = event.objectRef;
  if (ref === undefined || ref === null) {
    if (typeof event.requestURI !== 'string' || !event.requestURI.startsWith('/')) return 'a request without objectRef needs a requestURI path';
    return { verb, path: event.requestURI.replace(/[?#].*$/, '') };
  }
  if (!isRecord(ref) || typeof ref.resource !== 'string' || ref.resource === '') return 'objectRef has no resource';
  const text = (key: string) => (typeof ref[key] === 'string' && ref[key] !== '' ? (ref[key] as string) : undefined);
  const request: ResourceRequest = { verb, group: text('apiGroup') ?? '', resource: ref.resource };
  const subresource = text('subresource');
  const name = text('name');
  let namespace = text('namespace');
  // The API server files a request for one Namespace object under that namespace.
  if (namespace === undefined && request.group === '' && request.resource === 'namespaces' && name !== undefined) namespace = name;
  if (subresource !== undefined) request.subresource = subresource;
  if (namespace !== undefined) request.namespace = namespace;
  if (name !== undefined) request.name = name;
  return request;
}

/** The events of one line: an `Event`, or the items of an `EventList` (what the webhook backend sends). */
export function parseAuditLine(text: string, line: number): { events: AuditEvent[]; problems: AuditLogProblem[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { events: [], problems: [{ line, message: `not JSON: ${(error as Error).message}` }] };
  }
  const items = isRecord(value) && value.kind === 'EventList' && Array.isArray(value.items) ? value.items : [value];
  const events: AuditEvent[] = [];
  const problems: AuditLogProblem[] = [];
  for (const item of items) {
    const event = eventOf(item, line);
    if (typeof event === 'string') problems.push({ line, message: event });
    else events.push(event);
  }
  return { events, problems };
}

function eventOf(value: unknown, line: number): AuditEvent | string {
  if (!isRecord(value)) return 'not an audit event (a JSON object of kind Event)';
  if (value.kind !== 'Event' || typeof value.apiVersion !== 'string' || !AUDIT_API_VERSIONS.has(value.apiVersion)) {
    return `not an audit event: kind ${JSON.stringify(value.kind ?? null)}, apiVersion ${JSON.stringify(value.apiVersion ?? null)} (expected Event, audit.k8s.io/v1)`;
  }
  if (typeof value.verb !== 'string' || value.verb === '') return 'the event has no verb';
  const user = auditUser(value.user);
  if (user === undefined) return 'the event has no user.username';
  const impersonatedUser = value.impersonatedUser === undefined || value.impersonatedUser === null ? undefined : auditUser(value.impersonatedUser);
  if (value.impersonatedUser !== undefined && value.impersonatedUser !== null && impersonatedUser === undefined) return 'impersonatedUser has no username';
  const request = requestOf(value, value.verb);
  if (typeof request === 'string') return request;
  const status = isRecord(value.responseStatus) && typeof value.responseStatus.code === 'number' ? value.responseStatus.code : undefined;
  return {
    line,
    auditID: typeof value.auditID === 'string' && value.auditID !== '' ? value.auditID : undefined,
    stage: typeof value.stage === 'string' ? value.stage : '',
    user,
    impersonatedUser,
    request,
    status,
  };
}

/**
 * Reads an audit log: one JSON event (or event list) per line, as the API server's log and
 * webhook backends write them. The stages of one request (same `auditID`) count once, as the
 * `ResponseComplete` stage if the log has it, else the stage it has. A line that is not an
 * event is a problem with its line number; the other lines are still read. `keep` decides which
 * events are kept (all by default), so that a large log need not be held in memory.
 */
export async function readAuditLog(lines: AsyncIterable<string> | Iterable<string>, keep: (event: AuditEvent) => boolean = () => true): Promise<AuditLog> {
  const events: AuditEvent[] = [];
  const byId = new Map<string, number>();
  const problems: AuditLogProblem[] = [];
  let count = 0;
  let read = 0;
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    count++;
    const parsed = parseAuditLine(text, line);
    problems.push(...parsed.problems);
    read += parsed.events.length;
    for (const event of parsed.events) {
      if (!keep(event)) continue;
      if (event.auditID === undefined) {
        events.push(event);
        continue;
      }
      const known = byId.get(event.auditID);
      if (known === undefined) {
        byId.set(event.auditID, events.length);
        events.push(event);
      } else if ((STAGE_RANK[event.stage] ?? 4) < (STAGE_RANK[(events[known] as AuditEvent).stage] ?? 4)) {
        events[known] = event;
      }
    }
  }
  return { events, problems, lines: count, read };
}

/** The identity the authorizer judged the request as: the impersonated user when there is one. */
export function effectiveIdentity(event: AuditEvent): UserInfo {
  const user = event.impersonatedUser ?? event.user;
  return userIdentity(user.username, user.groups);
}

/** The identity that authenticated (and, with impersonation, was allowed to impersonate). */
export function authenticatedIdentity(event: AuditEvent): UserInfo {
  return userIdentity(event.user.username, event.user.groups);
}

/**
 * The `impersonate` requests the API server authorized for the user who authenticated before
 * acting as `impersonatedUser`: the user (or the ServiceAccount, in its namespace), each group
 * beyond those the API server adds itself (`system:authenticated`, and a ServiceAccount's
 * groups), each value of each extra key, and the UID.
 */
export function impersonationRequests(event: AuditEvent): ResourceRequest[] {
  const target = event.impersonatedUser;
  if (target === undefined) return [];
  const requests: ResourceRequest[] = [];
  const account = parseServiceAccountUserName(target.username);
  if (account !== undefined) requests.push({ verb: 'impersonate', group: '', resource: 'serviceaccounts', namespace: account.namespace, name: account.name });
  else requests.push({ verb: 'impersonate', group: '', resource: 'users', name: target.username });
  const added = new Set(userIdentity(target.username).groups);
  for (const group of target.groups) if (!added.has(group)) requests.push({ verb: 'impersonate', group: '', resource: 'groups', name: group });
  for (const [key, values] of Object.entries(target.extra)) {
    for (const value of values) requests.push({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value });
  }
  if (target.uid !== undefined) requests.push({ verb: 'impersonate', group: 'authentication.k8s.io', resource: 'uids', name: target.uid });
  return requests;
}
