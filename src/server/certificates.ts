import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIP } from 'node:net';
import { bitString, boolean, explicit, implicitPrimitive, objectIdentifier, octetString, sequence, set, smallInteger, time, unsignedInteger, utf8String } from './der.js';

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  organization: '2.5.4.10',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  authorityKeyIdentifier: '2.5.29.35',
  extendedKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const;

const DAY_MS = 86_400_000;

/** A certificate authority and a serving certificate it signed, in PEM. */
export interface SelfSignedMaterial {
  caCertificate: string;
  certificate: string;
  privateKey: string;
  /** The CA certificate, base64-encoded: the `caBundle` of a webhook configuration. */
  caBundle: string;
}

export interface SelfSignedOptions {
  /** DNS names and IP addresses the serving certificate is valid for. */
  hosts: readonly string[];
  /** Validity of the serving certificate; the CA lives ten times as long. Default 365 days. */
  days?: number;
  now?: Date;
}

function name(commonName: string): Buffer {
  return sequence(set(sequence(objectIdentifier(OID.organization), utf8String('bulwark'))), set(sequence(objectIdentifier(OID.commonName), utf8String(commonName))));
}

function extension(oid: string, critical: boolean, value: Buffer): Buffer {
  return critical ? sequence(objectIdentifier(oid), boolean(true), octetString(value)) : sequence(objectIdentifier(oid), octetString(value));
}

/** A key identifier: the first 160 bits of the SHA-256 of the public key (RFC 7093). */
function keyIdentifier(publicKeyDer: Buffer): Buffer {
  return createHash('sha256').update(publicKeyDer).digest().subarray(0, 20);
}

function subjectAltNames(hosts: readonly string[]): Buffer {
  return sequence(
    ...hosts.map((host) => {
      const version = isIP(host);
      if (version === 0) return implicitPrimitive(2, Buffer.from(host, 'latin1')); // dNSName
      return implicitPrimitive(7, ipBytes(host, version)); // iPAddress
    }),
  );
}

function ipBytes(address: string, version: number): Buffer {
  if (version === 4) return Buffer.from(address.split('.').map(Number));
  const [head = '', tail = ''] = address.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const left = groups(head);
  const right = address.includes('::') ? groups(tail) : [];
  const middle = Array<string>(8 - left.length - right.length).fill('0');
  return Buffer.from([...left, ...middle, ...right].flatMap((group) => [parseInt(group, 16) >> 8, parseInt(group, 16) & 0xff]));
}

/** A positive 127-bit serial number: random, as RFC 5280 asks of a CA. */
function serialNumber(): Buffer {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x01;
  return bytes;
}

interface CertificateSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signingKey: KeyObject;
  notBefore: Date;
  notAfter: Date;
  extensions: Buffer[];
}

function certificate(spec: CertificateSpec): Buffer {
  const algorithm = sequence(objectIdentifier(OID.ecdsaWithSha256));
  const tbs = sequence(
    explicit(0, smallInteger(2)), // v3
    unsignedInteger(serialNumber()),
    algorithm,
    name(spec.issuer),
    sequence(time(spec.notBefore), time(spec.notAfter)),
    name(spec.subject),
    spec.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, sequence(...spec.extensions)),
  );
  return sequence(tbs, algorithm, bitString(sign('sha256', tbs, spec.signingKey)));
}

function pem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Generates a certificate authority and a serving certificate for `hosts`, signed by it, with
 * ECDSA P-256 keys. The CA's key is not kept: nothing else can be signed with it. For a local
 * server, tests and quick starts; in a cluster, certificates come from files (cert-manager).
 */
export function generateSelfSigned(options: SelfSignedOptions): SelfSignedMaterial {
  if (options.hosts.length === 0) throw new Error('a serving certificate needs at least one host name or address');
  const now = options.now ?? new Date();
  const days = options.days ?? 365;
  // An hour back: a verifier whose clock is slightly behind still accepts the certificates.
  const notBefore = new Date(now.getTime() - 3_600_000);
  const ca = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const leaf = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const caId = keyIdentifier(ca.publicKey.export({ type: 'spki', format: 'der' }));
  const leafId = keyIdentifier(leaf.publicKey.export({ type: 'spki', format: 'der' }));
  const caName = 'bulwark webhook CA';
  const caDer = certificate({
    subject: caName,
    issuer: caName,
    publicKey: ca.publicKey,
    signingKey: ca.privateKey,
    notBefore,
    notAfter: new Date(now.getTime() + days * 10 * DAY_MS),
    extensions: [
      extension(OID.basicConstraints, true, sequence(boolean(true), smallInteger(0))),
      // digitalSignature, keyCertSign, cRLSign
      extension(OID.keyUsage, true, bitString(Buffer.from([0x86]), 1)),
      extension(OID.subjectKeyIdentifier, false, octetString(caId)),
    ],
  });
  const leafDer = certificate({
    subject: options.hosts[0] as string,
    issuer: caName,
    publicKey: leaf.publicKey,
    signingKey: ca.privateKey,
    notBefore,
    notAfter: new Date(now.getTime() + days * DAY_MS),
    extensions: [
      extension(OID.basicConstraints, true, sequence()),
      // digitalSignature
      extension(OID.keyUsage, true, bitString(Buffer.from([0x80]), 7)),
      extension(OID.extendedKeyUsage, false, sequence(objectIdentifier(OID.serverAuth))),
      extension(OID.subjectAltName, false, subjectAltNames(options.hosts)),
      extension(OID.subjectKeyIdentifier, false, octetString(leafId)),
      extension(OID.authorityKeyIdentifier, false, sequence(implicitPrimitive(0, caId))),
    ],
  });
  const caCertificate = pem(caDer);
  return {
    caCertificate,
    certificate: pem(leafDer),
    privateKey: leaf.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    caBundle: Buffer.from(caCertificate).toString('base64'),
  };
}
