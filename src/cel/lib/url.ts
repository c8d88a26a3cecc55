/**
 * Kubernetes URL library (library/urls.go): url(), isURL(), getScheme, getHost, getHostname,
 * getPort, getEscapedPath, getQuery. Kubernetes validates with Go's url.ParseRequestURI
 * (absolute URI or absolute path) and then parses with url.Parse; both are ported here with
 * the escaping rules of Go's net/url.
 */
import { fail } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { CelMap, CelObject, CelType, type Value } from '../values.js';

const URL_TYPE = CelType.of('kubernetes.URL');

type Encoding = 'path' | 'pathSegment' | 'host' | 'zone' | 'userPassword' | 'queryComponent' | 'fragment';

const isAlnum = (c: number) => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const isHexDigit = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** Go's net/url shouldEscape. */
function shouldEscape(c: number, mode: Encoding): boolean {
  if (isAlnum(c)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === 'host' || mode === 'zone') && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ('-_.~'.includes(ch)) return false;
  if ('$&+,/:;=?@'.includes(ch)) {
    switch (mode) {
      case 'path':
        return ch === '?';
      case 'pathSegment':
        return ch === '/' || ch === ';' || ch === ',' || ch === '?';
      case 'userPassword':
        return ch === '@' || ch === '/' || ch === '?' || ch === ':';
      case 'queryComponent':
        return true;
      case 'fragment':
        return false;
      default:
        break;
    }
  }
  if (mode === 'fragment' && '!()*'.includes(ch)) return false;
  return true;
}

class UrlError extends Error {}

/** Go's net/url unescape: validates %XX sequences; '+' is a space in query components. */
function unescape(s: string, mode: Encoding): string {
  const bytes = Buffer.from(s, 'utf8');
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i] as number;
    if (c === 0x25) {
      const h1 = bytes[i + 1];
      const h2 = bytes[i + 2];
      if (h1 === undefined || h2 === undefined || !isHexDigit(h1) || !isHexDigit(h2)) {
        throw new UrlError(`invalid URL escape ${JSON.stringify(Buffer.from(bytes.subarray(i, i + 3)).toString('utf8'))}`);
      }
      const value = parseInt(String.fromCharCode(h1, h2), 16);
      // In hosts only non-ASCII bytes may be escaped, except %25 in a zone.
      if (mode === 'host' && value < 0x80 && !(h1 === 0x32 && h2 === 0x35)) throw new UrlError(`invalid URL escape ${JSON.stringify(`%${String.fromCharCode(h1, h2)}`)}`);
      if (mode === 'zone' && value < 0x80 && value !== 0x25 && shouldEscape(value, 'host')) throw new UrlError(`invalid URL escape ${JSON.stringify(`%${String.fromCharCode(h1, h2)}`)}`);
      out.push(value);
      i += 2;
    } else if (c === 0x2b && mode === 'queryComponent') {
      out.push(0x20);
    } else {
      if ((mode === 'host' || mode === 'zone') && c < 0x80 && shouldEscape(c, mode)) throw new UrlError(`invalid character ${JSON.stringify(String.fromCharCode(c))} in host name`);
      out.push(c);
    }
  }
  return Buffer.from(out).toString('utf8');
}

/** Go's net/url escape for a mode. */
function escape(s: string, mode: Encoding): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    if (shouldEscape(byte, mode)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return out;
}

function validEncoded(s: string, mode: Encoding): boolean {
  for (const byte of Buffer.from(s, 'utf8')) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(byte))) continue;
    if (shouldEscape(byte, mode)) return false;
  }
  return true;
}

function validOptionalPort(port: string): boolean {
  return port === '' || /^:[0-9]*$/.test(port);
}

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const i = host.lastIndexOf(']');
    if (i < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(i + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${JSON.stringify(colonPort)} after host`);
    const zone = host.slice(0, i).indexOf('%25');
    if (zone >= 0) return unescape(host.slice(0, zone), 'host') + unescape(host.slice(zone, i), 'zone') + unescape(host.slice(i), 'host');
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0) {
      const colonPort = host.slice(i);
      if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${JSON.stringify(colonPort)} after host`);
    }
  }
  return unescape(host, 'host');
}

interface ParsedUrl {
  scheme: string;
  opaque: string;
  user: string | undefined;
  host: string;
  path: string;
  rawPath: string;
  rawQuery: string;
  forceQuery: boolean;
  fragment: string;
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) continue;
    if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
      if (i === 0) return ['', raw];
      continue;
    }
    if (c === 0x3a) {
      if (i === 0) throw new UrlError('missing protocol scheme');
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ['', raw];
  }
  return ['', raw];
}

const VALID_USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

/** Go's url.parse(rawURL, viaRequest). */
function parse(raw: string, viaRequest: boolean): ParsedUrl {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) throw new UrlError('net/url: invalid control character in URL');
  }
  if (raw === '' && viaRequest) throw new UrlError('empty url');
  const url: ParsedUrl = { scheme: '', opaque: '', user: undefined, host: '', path: '', rawPath: '', rawQuery: '', forceQuery: false, fragment: '' };
  if (raw === '*') {
    url.path = '*';
    return url;
  }
  const [scheme, afterScheme] = getScheme(raw);
  let rest = afterScheme;
  url.scheme = scheme.toLowerCase();
  if (rest.endsWith('?') && rest.split('?').length === 2) {
    url.forceQuery = true;
    rest = rest.slice(0, -1);
  } else {
    const q = rest.indexOf('?');
    if (q >= 0) {
      url.rawQuery = rest.slice(q + 1);
      rest = rest.slice(0, q);
    }
  }
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') {
      url.opaque = rest; // rootless paths are opaque
      return url;
    }
    if (viaRequest) throw new UrlError('invalid URI for request');
    const segment = rest.split('/')[0] as string;
    if (segment.includes(':')) throw new UrlError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    const at = authority.lastIndexOf('@');
    url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if (at >= 0) {
      const userinfo = authority.slice(0, at);
      if (!VALID_USERINFO.test(userinfo)) throw new UrlError('net/url: invalid userinfo');
      url.user = userinfo.split(':').map((part) => unescape(part, 'userPassword')).join(':');
    }
  }
  url.path = unescape(rest, 'path');
  url.rawPath = escape(url.path, 'path') === rest ? '' : rest;
  return url;
}

function describeError(op: string, raw: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `${op} ${JSON.stringify(raw)}: ${message}`;
}

/** Go's url.ParseRequestURI error text for a string, or undefined when it is valid. */
export function requestUriError(raw: string): string | undefined {
  try {
    parse(raw, true);
    return undefined;
  } catch (error) {
    if (error instanceof UrlError) return describeError('parse', raw, error);
    throw error;
  }
}

export class Url extends CelObject {
  readonly celType = URL_TYPE;

  constructor(private readonly url: ParsedUrl) {
    super();
  }

  /** url(): ParseRequestURI to validate, then Parse (which handles fragments correctly). */
  static parse(raw: string): Url {
    const problem = requestUriError(raw);
    if (problem !== undefined) fail(`URL parse error during conversion from string: ${problem}`);
    const hash = raw.indexOf('#');
    const withoutFragment = hash < 0 ? raw : raw.slice(0, hash);
    try {
      const url = parse(withoutFragment, false);
      if (hash >= 0) url.fragment = unescape(raw.slice(hash + 1), 'fragment');
      return new Url(url);
    } catch (error) {
      if (error instanceof UrlError) return fail(`URL parse error during conversion from string: ${describeError('parse', raw, error)}`);
      throw error;
    }
  }

  get scheme(): string {
    return this.url.scheme;
  }

  get host(): string {
    return this.url.host;
  }

  private splitHostPort(): [string, string] {
    let host = this.url.host;
    let port = '';
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && validOptionalPort(host.slice(colon))) {
      port = host.slice(colon + 1);
      host = host.slice(0, colon);
    }
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    return [host, port];
  }

  get hostname(): string {
    return this.splitHostPort()[0];
  }

  get port(): string {
    return this.splitHostPort()[1];
  }

  /** Go's URL.EscapedPath. */
  get escapedPath(): string {
    const { rawPath, path } = this.url;
    if (rawPath !== '' && validEncoded(rawPath, 'path')) {
      try {
        if (unescape(rawPath, 'path') === path) return rawPath;
      } catch {
        // fall through to escaping the decoded path
      }
    }
    if (path === '*') return '*';
    return escape(path, 'path');
  }

  /** Go's URL.Query(): repeated keys collect several values; malformed pairs are dropped. */
  get query(): CelMap {
    const result = new Map<string, string[]>();
    for (const pair of this.url.rawQuery.split('&')) {
      if (pair === '' || pair.includes(';')) continue;
      const eq = pair.indexOf('=');
      const rawKey = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? '' : pair.slice(eq + 1);
      let key: string;
      let value: string;
      try {
        key = unescape(rawKey, 'queryComponent');
        value = unescape(rawValue, 'queryComponent');
      } catch {
        continue;
      }
      const values = result.get(key) ?? [];
      values.push(value);
      result.set(key, values);
    }
    return CelMap.fromStringEntries([...result.entries()]);
  }

  /** Go's URL.String(), used for equality and display. */
  toString(): string {
    const u = this.url;
    let out = '';
    if (u.scheme !== '') out += `${u.scheme}:`;
    if (u.opaque !== '') out += u.opaque;
    else {
      if (u.scheme !== '' || u.host !== '' || u.user !== undefined) {
        if (u.host !== '' || u.path !== '' || u.user !== undefined) out += '//';
        if (u.user !== undefined) out += `${u.user}@`;
        out += escape(u.host, 'host');
      }
      const path = this.escapedPath;
      if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
      out += path;
    }
    if (u.forceQuery || u.rawQuery !== '') out += `?${u.rawQuery}`;
    if (u.fragment !== '') out += `#${escape(u.fragment, 'fragment')}`;
    return out;
  }

  equals(other: Value): boolean {
    return other instanceof Url && other.toString() === this.toString();
  }
}

function url(v: Value): Url {
  return v as Url;
}

export function urlLibrary(): FunctionSet {
  const U = URL_TYPE.name;
  return new FunctionSet()
    .fn('url', ['string'], U, (s) => Url.parse(s as string))
    .fn('isURL', ['string'], 'bool', (s) => requestUriError(s as string) === undefined)
    .method('getScheme', U, [], 'string', (u) => url(u).scheme)
    .method('getHost', U, [], 'string', (u) => url(u).host)
    .method('getHostname', U, [], 'string', (u) => url(u).hostname)
    .method('getPort', U, [], 'string', (u) => url(u).port)
    .method('getEscapedPath', U, [], 'string', (u) => url(u).escapedPath)
    .method('getQuery', U, [], 'map<string, list<string>>', (u) => url(u).query);
}
