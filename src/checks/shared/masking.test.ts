import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { decodeBase64, maskSecret, secretFingerprint, textOrBytes } from './masking.js';

describe('masking', () => {
  const value = 's3cr3t-passw0rd';

  it('fingerprints with the first 8 hex digits of SHA-256', () => {
    const expected = createHash('sha256').update(value).digest('hex').slice(0, 8);
    assert.equal(secretFingerprint(value), `sha256:${expected}`);
  });

  it('masks with fingerprint and length, never the value', () => {
    const masked = maskSecret(value);
    assert.match(masked, /^sha256:[0-9a-f]{8}, 15 characters$/);
    assert.ok(!masked.includes(value));
  });

  it('counts characters, not UTF-16 units, and bytes for binary data', () => {
    assert.match(maskSecret('pässwörd🔑'), /, 9 characters$/);
    assert.match(maskSecret(new Uint8Array([0, 255, 16])), /, 3 bytes$/);
  });

  it('text and its UTF-8 bytes have the same fingerprint', () => {
    assert.equal(secretFingerprint(value), secretFingerprint(Buffer.from(value)));
  });

  it('decodes base64 as the API server does, line breaks included', () => {
    assert.equal(textOrBytes(decodeBase64('czNjcjN0LX\nBhc3N3MHJk') ?? new Uint8Array()), value);
    assert.equal(decodeBase64('not base64!'), undefined);
    assert.ok(textOrBytes(decodeBase64('AP8Q3kKZ') ?? new Uint8Array()) instanceof Uint8Array);
  });
});
