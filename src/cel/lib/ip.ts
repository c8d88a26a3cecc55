/**
 * Kubernetes IP and CIDR libraries (library/ip.go, library/cidr.go), with Go net/netip
 * parsing: no leading zeros in IPv4 octets, no zones, no IPv4-mapped IPv6 addresses, and
 * RFC 5952 canonical text. containsCIDR masks the other prefix's address (the behaviour
 * since kubernetes/kubernetes#130450).
 */
import { fail } from '../runtime.js';
import { FunctionSet } from '../types.js';
import { CelObject, CelType, type Value } from '../values.js';

const IP_TYPE = CelType.of('net.IP');
const CIDR_TYPE = CelType.of('net.CIDR');

class AddrError extends Error {
  constructor(message: string, at?: string) {
    super(at === undefined ? message : `${message} (at ${JSON.stringify(at)})`);
  }
}

function parseIPv4(s: string): Uint8Array {
  const fields = s.split('.');
  if (fields.length !== 4) throw new AddrError(fields.length < 4 ? 'IPv4 address too short' : 'IPv4 address too long');
  const bytes = new Uint8Array(4);
  fields.forEach((field, i) => {
    if (field === '') throw new AddrError('IPv4 field must have at least one digit');
    if (!/^\d+$/.test(field)) throw new AddrError(`unexpected character`);
    if (field.length > 1 && field[0] === '0') throw new AddrError('IPv4 field has octet with leading zero');
    const value = Number(field);
    if (value > 255) throw new AddrError('IPv4 field has value >255');
    bytes[i] = value;
  });
  return bytes;
}

function parseIPv6(input: string): { bytes: Uint8Array; zone: string } {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent >= 0) {
    zone = s.slice(percent + 1);
    s = s.slice(0, percent);
    if (zone === '') throw new AddrError('zone must be a non-empty string');
  }
  const bytes = new Uint8Array(16);
  let ellipsis = -1;
  let i = 0;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (s === '') return { bytes, zone };
  }
  while (i < 16) {
    const m = /^[0-9a-fA-F]+/.exec(s);
    if (m === null) throw new AddrError('each colon-separated field must have at least one digit', s);
    const rest = s.slice(m[0].length);
    if (rest.startsWith('.')) {
      // Embedded IPv4 address in the last 32 bits.
      if (ellipsis < 0 && i !== 12) throw new AddrError('embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) throw new AddrError('too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const v4 = parseIPv4(s);
      bytes.set(v4, i);
      i += 4;
      s = '';
      break;
    }
    if (m[0].length > 4 && parseInt(m[0], 16) > 0xffff) throw new AddrError('IPv6 field has value >=2^16', s);
    const value = parseInt(m[0], 16);
    bytes[i] = value >> 8;
    bytes[i + 1] = value & 0xff;
    i += 2;
    s = rest;
    if (s === '') break;
    if (s[0] !== ':') throw new AddrError('unexpected character, want colon', s);
    if (s === ':') throw new AddrError('colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw new AddrError('multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s === '') break;
    }
  }
  if (s !== '') throw new AddrError('trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) throw new AddrError('address string too short');
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) bytes[j + n] = bytes[j] as number;
    bytes.fill(0, ellipsis, ellipsis + n);
  } else if (ellipsis >= 0) {
    throw new AddrError('the :: must expand to at least one field of zeros');
  }
  return { bytes, zone };
}

/** Go's netip.ParseAddr. */
function parseAddr(s: string): { bytes: Uint8Array; zone: string } {
  for (const ch of s) {
    if (ch === '.') return { bytes: parseIPv4(s), zone: '' };
    if (ch === ':') return parseIPv6(s);
    if (ch === '%') throw new AddrError('missing IPv6 address');
  }
  throw new AddrError('unable to parse IP');
}

function is4In6(bytes: Uint8Array): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/** Parses like Kubernetes' parseIPAddr: netip.ParseAddr, then reject zones and IPv4-mapped IPv6. */
function parseIp(raw: string): IpAddress {
  let parsed;
  try {
    parsed = parseAddr(raw);
  } catch (error) {
    if (error instanceof AddrError) fail(`IP Address ${JSON.stringify(raw)} parse error during conversion from string: ParseAddr(${JSON.stringify(raw)}): ${error.message}`);
    throw error;
  }
  if (parsed.zone !== '') fail(`IP address ${JSON.stringify(raw)} with zone value is not allowed`);
  if (is4In6(parsed.bytes)) fail(`IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`);
  return new IpAddress(parsed.bytes);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export class IpAddress extends CelObject {
  readonly celType = IP_TYPE;

  constructor(readonly bytes: Uint8Array) {
    super();
  }

  get family(): 4 | 6 {
    return this.bytes.length === 4 ? 4 : 6;
  }

  get isUnspecified(): boolean {
    return this.bytes.every((b) => b === 0);
  }

  get isLoopback(): boolean {
    const b = this.bytes;
    return this.family === 4 ? b[0] === 127 : b.every((x, i) => x === (i === 15 ? 1 : 0));
  }

  get isMulticast(): boolean {
    const b = this.bytes;
    return this.family === 4 ? ((b[0] as number) & 0xf0) === 0xe0 : b[0] === 0xff;
  }

  get isLinkLocalMulticast(): boolean {
    const b = this.bytes;
    return this.family === 4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && ((b[1] as number) & 0x0f) === 0x02;
  }

  get isLinkLocalUnicast(): boolean {
    const b = this.bytes;
    return this.family === 4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && ((b[1] as number) & 0xc0) === 0x80;
  }

  /** netip's IsGlobalUnicast: anything but unspecified, broadcast, loopback, multicast and link-local unicast. */
  get isGlobalUnicast(): boolean {
    if (this.family === 4 && this.bytes.every((b) => b === 255)) return false;
    return !this.isUnspecified && !this.isLoopback && !this.isMulticast && !this.isLinkLocalUnicast;
  }

  /** Canonical text (RFC 5952 for IPv6), as Go's netip.Addr.String. */
  toString(): string {
    const b = this.bytes;
    if (this.family === 4) return Array.from(b).join('.');
    const groups: number[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i] as number) << 8) | (b[i + 1] as number));
    // Longest run of two or more zero groups (the first one on ties) becomes "::".
    let bestStart = -1;
    let bestLength = 1;
    for (let i = 0; i < 8; ) {
      if (groups[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] === 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    const hex = groups.map((g) => g.toString(16));
    if (bestStart < 0) return hex.join(':');
    return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
  }

  equals(other: Value): boolean {
    return other instanceof IpAddress && sameBytes(this.bytes, other.bytes);
  }
}

function maskBytes(bytes: Uint8Array, bits: number): Uint8Array {
  const out = new Uint8Array(bytes);
  for (let i = 0; i < out.length; i++) {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    out[i] = (out[i] as number) & (0xff << (8 - keep)) & 0xff;
  }
  return out;
}

export class Cidr extends CelObject {
  readonly celType = CIDR_TYPE;

  constructor(
    readonly address: IpAddress,
    readonly bits: number,
  ) {
    super();
  }

  /** Go's netip.ParsePrefix plus Kubernetes' rejection of IPv4-mapped IPv6. */
  static parse(raw: string): Cidr {
    const problem = (message: string): never =>
      fail(`network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix(${JSON.stringify(raw)}): ${message}`);
    const slash = raw.lastIndexOf('/');
    if (slash < 0) return problem("no '/'");
    let parsed;
    try {
      parsed = parseAddr(raw.slice(0, slash));
    } catch (error) {
      if (error instanceof AddrError) return problem(`ParseAddr(${JSON.stringify(raw.slice(0, slash))}): ${error.message}`);
      throw error;
    }
    if (parsed.zone !== '') return problem('IPv6 zones cannot be present in a prefix');
    const bitsText = raw.slice(slash + 1);
    if (!/^(0|[1-9]\d*)$/.test(bitsText)) return problem(`bad bits after slash: ${JSON.stringify(bitsText)}`);
    const bits = Number(bitsText);
    if (bits > parsed.bytes.length * 8) return problem('prefix length out of range');
    if (is4In6(parsed.bytes)) fail(`IPv4-mapped IPv6 address ${JSON.stringify(raw)} is not allowed`);
    return new Cidr(new IpAddress(parsed.bytes), bits);
  }

  masked(): Cidr {
    return new Cidr(new IpAddress(maskBytes(this.address.bytes, this.bits)), this.bits);
  }

  containsIp(ip: IpAddress): boolean {
    if (ip.family !== this.address.family) return false;
    return sameBytes(maskBytes(ip.bytes, this.bits), maskBytes(this.address.bytes, this.bits));
  }

  containsCidr(other: Cidr): boolean {
    return other.bits >= this.bits && this.containsIp(other.address);
  }

  toString(): string {
    return `${this.address.toString()}/${this.bits}`;
  }

  equals(other: Value): boolean {
    return other instanceof Cidr && other.bits === this.bits && this.address.equals(other.address);
  }
}

function isValid(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

export function ipLibrary(): FunctionSet {
  const I = IP_TYPE.name;
  const ip = (v: Value) => v as IpAddress;
  return new FunctionSet()
    .fn('ip', ['string'], I, (s) => parseIp(s as string))
    .fn('isIP', ['string'], 'bool', (s) => isValid(() => parseIp(s as string)))
    .fn('ip.isCanonical', ['string'], 'bool', (s) => parseIp(s as string).toString() === s)
    .fn('string', [I], 'string', (v) => ip(v).toString())
    .method('family', I, [], 'int', (v) => BigInt(ip(v).family))
    .method('isUnspecified', I, [], 'bool', (v) => ip(v).isUnspecified)
    .method('isLoopback', I, [], 'bool', (v) => ip(v).isLoopback)
    .method('isLinkLocalMulticast', I, [], 'bool', (v) => ip(v).isLinkLocalMulticast)
    .method('isLinkLocalUnicast', I, [], 'bool', (v) => ip(v).isLinkLocalUnicast)
    .method('isGlobalUnicast', I, [], 'bool', (v) => ip(v).isGlobalUnicast);
}

export function cidrLibrary(): FunctionSet {
  const I = IP_TYPE.name;
  const C = CIDR_TYPE.name;
  const cidr = (v: Value) => v as Cidr;
  return new FunctionSet()
    .fn('cidr', ['string'], C, (s) => Cidr.parse(s as string))
    .fn('isCIDR', ['string'], 'bool', (s) => isValid(() => Cidr.parse(s as string)))
    .fn('string', [C], 'string', (v) => cidr(v).toString())
    .method('containsIP', C, ['string'], 'bool', (c, s) => cidr(c).containsIp(parseIp(s as string)))
    .method('containsIP', C, [I], 'bool', (c, ip) => cidr(c).containsIp(ip as IpAddress))
    .method('containsCIDR', C, ['string'], 'bool', (c, s) => cidr(c).containsCidr(Cidr.parse(s as string)))
    .method('containsCIDR', C, [C], 'bool', (c, other) => cidr(c).containsCidr(other as Cidr))
    .method('ip', C, [], I, (c) => cidr(c).address)
    .method('masked', C, [], C, (c) => cidr(c).masked())
    .method('prefixLength', C, [], 'int', (c) => BigInt(cidr(c).bits));
}
