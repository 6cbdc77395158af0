import { describe, expect, it } from 'vitest';
import * as der from '../../../worker/src/documents/der';
import { timestampRequest } from '../../../worker/src/documents/timestamp';
import { toHex } from '../../../worker/src/auth/crypto';

describe('DER', () => {
  it('encodes what CMS needs exactly as DER does', () => {
    expect(toHex(der.oid('1.2.840.113549.1.7.2'))).toBe('06092a864886f70d010702');
    expect(toHex(der.integer(0))).toBe('020100');
    expect(toHex(der.integer(127))).toBe('02017f');
    expect(toHex(der.integer(128))).toBe('02020080');
    expect(toHex(der.integer(Uint8Array.of(0, 0, 0x12)))).toBe('020112');
    expect(toHex(der.boolean(true))).toBe('0101ff');
    expect(toHex(der.generalizedTime(new Date('2026-11-21T09:41:07.5Z')))).toBe(toHex(new TextEncoder().encode('\x18\x0f20261121094107Z')));
    // Long lengths, and SET OF sorted by encoding.
    expect(toHex(der.octetString(new Uint8Array(300))).slice(0, 8)).toBe('0482012c');
    expect(toHex(der.setOf(der.integer(2), der.integer(1)))).toBe('3106020101020102');
  });

  it('reads back what it writes', () => {
    const seq = der.sequence(der.oid('2.16.840.1.101.3.4.2.1'), der.integer(123456789n), der.octetString(new Uint8Array(200).fill(9)));
    const [o, i, s] = der.children(der.read(seq));
    expect(der.readOid(o!)).toBe('2.16.840.1.101.3.4.2.1');
    expect(der.readInteger(i!)).toBe(123456789n);
    expect(s!.value).toEqual(new Uint8Array(200).fill(9));
    expect(() => der.read(seq.subarray(0, 10))).toThrow(/truncated/);
  });
});

describe('RFC 3161 request', () => {
  it('is a TimeStampReq v1 with a SHA-256 imprint, the nonce and certReq', () => {
    const digest = new Uint8Array(32).map((_, i) => i);
    const req = timestampRequest(digest, 0x0102030405060708n);
    // SEQUENCE (65 bytes) { INTEGER 1, SEQUENCE { SEQUENCE { OID sha256 }, OCTET STRING digest }, INTEGER nonce, BOOLEAN TRUE }
    expect(toHex(req)).toBe(
      '3041' + '020101' + '302f' + '300b' + '0609608648016503040201' + '0420' + toHex(digest) + '02080102030405060708' + '0101ff',
    );
  });
});
