/**
 * The few ASN.1 DER encodings an X.509 certificate needs (ITU-T X.690). `node:crypto` signs
 * and verifies, and parses certificates, but does not build them; these are the bytes.
 */

/** Tag and length, then the content. */
function encode(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else {
    const bytes: number[] = [];
    for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

export function sequence(...items: Buffer[]): Buffer {
  return encode(0x30, Buffer.concat(items));
}

export function set(...items: Buffer[]): Buffer {
  return encode(0x31, Buffer.concat(items));
}

export function boolean(value: boolean): Buffer {
  return encode(0x01, Buffer.from([value ? 0xff : 0x00]));
}

/** A non-negative integer from its big-endian bytes: minimal, with a 0 byte where the top bit would make it negative. */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return encode(0x02, (trimmed[0] as number) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

export function smallInteger(value: number): Buffer {
  const bytes: number[] = [];
  for (let rest = value; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return unsignedInteger(Buffer.from(bytes.length === 0 ? [0] : bytes));
}

export function objectIdentifier(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const bytes: number[] = [(arcs[0] as number) * 40 + (arcs[1] as number)];
  for (const arc of arcs.slice(2)) {
    const groups: number[] = [];
    for (let rest = arc; ; rest = Math.floor(rest / 128)) {
      groups.unshift(rest % 128);
      if (rest < 128) break;
    }
    groups.forEach((group, index) => bytes.push(index < groups.length - 1 ? group | 0x80 : group));
  }
  return encode(0x06, Buffer.from(bytes));
}

export function utf8String(text: string): Buffer {
  return encode(0x0c, Buffer.from(text, 'utf8'));
}

export function octetString(content: Buffer): Buffer {
  return encode(0x04, content);
}

/** A bit string whose content is whole bytes (keys, signatures). */
export function bitString(content: Buffer, unusedBits = 0): Buffer {
  return encode(0x03, Buffer.concat([Buffer.from([unusedBits]), content]));
}

/** UTCTime up to 2049, GeneralizedTime from 2050, as RFC 5280 requires; always in UTC with seconds. */
export function time(date: Date): Buffer {
  const iso = date.toISOString(); // 2026-03-28T10:00:00.000Z
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year < 2050 ? encode(0x17, Buffer.from(digits.slice(2), 'latin1')) : encode(0x18, Buffer.from(digits, 'latin1'));
}

/** `[n]` EXPLICIT: a constructed context-specific tag around an encoded value. */
export function explicit(tagNumber: number, value: Buffer): Buffer {
  return encode(0xa0 | tagNumber, value);
}

/** `[n]` IMPLICIT primitive: the value's own tag replaced by the context-specific one. */
export function implicitPrimitive(tagNumber: number, content: Buffer): Buffer {
  return encode(0x80 | tagNumber, content);
}
