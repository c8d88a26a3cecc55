import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { generateSelfSigned } from './certificates.js';
import { bitString, objectIdentifier, smallInteger, time, unsignedInteger } from './der.js';

describe('DER encoding', () => {
  const cases: Array<[string, Buffer, string]> = [
    ['an object identifier (ecdsa-with-SHA256)', objectIdentifier('1.2.840.10045.4.3.2'), '06082a8648ce3d040302'],
    ['zero', smallInteger(0), '020100'],
    ['an integer whose top bit is set gets a zero byte', smallInteger(128), '02020080'],
    ['leading zero bytes are dropped', unsignedInteger(Buffer.from([0, 0, 0x12])), '020112'],
    ['a bit string with unused bits', bitString(Buffer.from([0x86]), 1), '03020186'],
    ['UTCTime before 2050', time(new Date('2026-03-28T10:00:00Z')), '170d3236303332383130303030305a'],
    ['GeneralizedTime from 2050', time(new Date('2050-01-01T00:00:00Z')), '180f32303530303130313030303030305a'],
  ];
  for (const [what, encoded, hex] of cases) it(what, () => assert.equal(encoded.toString('hex'), hex));

  it('writes long lengths in the long form', () => {
    const long = objectIdentifier(`1.2.${Array.from({ length: 200 }, () => '1').join('.')}`);
    assert.equal(long.subarray(0, 3).toString('hex'), '0681c9');
  });
});

describe('generateSelfSigned', () => {
  const hosts = ['localhost', '127.0.0.1', '::1', 'bulwark-webhook.bulwark.svc'];
  const now = new Date('2026-03-28T10:00:00Z');
  const material = generateSelfSigned({ hosts, now, days: 30 });
  const ca = new X509Certificate(material.caCertificate);
  const leaf = new X509Certificate(material.certificate);

  it('makes a CA and a serving certificate it signed, for every host', () => {
    assert.deepEqual(
      { caIsCa: ca.ca, leafIsCa: leaf.ca, issued: leaf.checkIssued(ca), signed: leaf.verify(ca.publicKey), selfSigned: ca.verify(ca.publicKey), issuer: leaf.issuer, subject: leaf.subject, san: leaf.subjectAltName, usage: leaf.keyUsage },
      {
        caIsCa: true,
        leafIsCa: false,
        issued: true,
        signed: true,
        selfSigned: true,
        issuer: 'O=bulwark\nCN=bulwark webhook CA',
        subject: 'O=bulwark\nCN=localhost',
        san: 'DNS:localhost, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1, DNS:bulwark-webhook.bulwark.svc',
        usage: ['1.3.6.1.5.5.7.3.1'],
      },
    );
    assert.deepEqual([leaf.checkHost('bulwark-webhook.bulwark.svc'), leaf.checkIP('127.0.0.1'), leaf.checkIP('::1'), leaf.checkHost('example.com')], ['bulwark-webhook.bulwark.svc', '127.0.0.1', '::1', undefined]);
  });

  it('dates the certificates from an hour back, the CA ten times as long as the leaf', () => {
    assert.deepEqual([leaf.validFrom, leaf.validTo, ca.validTo], ['Mar 28 09:00:00 2026 GMT', 'Apr 27 10:00:00 2026 GMT', 'Jan 22 10:00:00 2027 GMT']);
  });

  it('gives the caBundle as the base64 of the CA certificate and a PKCS#8 key', () => {
    assert.equal(Buffer.from(material.caBundle, 'base64').toString(), material.caCertificate);
    assert.match(material.privateKey, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.notEqual(generateSelfSigned({ hosts: ['localhost'] }).caCertificate, material.caCertificate);
  });

  it('passes openssl verify -x509_strict, when openssl is installed', (t) => {
    const version = spawnSync('openssl', ['version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      t.skip('openssl is not installed');
      return;
    }
    const directory = mkdtempSync(join(tmpdir(), 'bulwark-certs-'));
    try {
      const fresh = generateSelfSigned({ hosts: ['localhost'] });
      writeFileSync(join(directory, 'ca.pem'), fresh.caCertificate);
      writeFileSync(join(directory, 'leaf.pem'), fresh.certificate);
      const verify = spawnSync('openssl', ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', join(directory, 'ca.pem'), join(directory, 'leaf.pem')], { encoding: 'utf8' });
      assert.equal(verify.stdout.trim(), `${join(directory, 'leaf.pem')}: OK`, verify.stderr);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it('needs a host', () => assert.throws(() => generateSelfSigned({ hosts: [] }), /at least one host/));
});
