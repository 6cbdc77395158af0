// For tests that talk to the fake org: a fresh RSA key pair for a connected
// app (the private key in PEM, as an admin would give it to Parley), the
// self-signed certificate an admin uploads to the app, and an RS256 JWT
// bearer assertion signed with the key, claims overridable so tests can sign
// the wrong audience, an expired exp and so on.

import * as der from '../../../worker/src/documents/der.ts';

const RS256_KEY = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

export interface TestKeyPair {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  /** PKCS#8 "-----BEGIN PRIVATE KEY-----". */
  privateKeyPem: string;
  /** SPKI "-----BEGIN PUBLIC KEY-----". */
  publicKeyPem: string;
}

function pem(label: string, bytes: ArrayBuffer | Uint8Array): string {
  const b64 = btoa(String.fromCharCode(...new Uint8Array(bytes)));
  return `-----BEGIN ${label}-----\n${b64.replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

export async function generateConnectedAppKeys(): Promise<TestKeyPair> {
  const { privateKey, publicKey } = (await crypto.subtle.generateKey(RS256_KEY, true, ['sign', 'verify'])) as CryptoKeyPair;
  return {
    privateKey,
    publicKey,
    privateKeyPem: pem('PRIVATE KEY', (await crypto.subtle.exportKey('pkcs8', privateKey)) as ArrayBuffer),
    publicKeyPem: pem('PUBLIC KEY', (await crypto.subtle.exportKey('spki', publicKey)) as ArrayBuffer),
  };
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';

/** A self-signed X.509 v3 certificate for the key pair, PEM: what "Use digital signatures" takes. */
export async function selfSignedCertificatePem(keys: TestKeyPair, commonName = 'Parley write-back'): Promise<string> {
  const name = der.sequence(der.setOf(der.sequence(der.oid(COMMON_NAME), der.utf8String(commonName))));
  const now = Date.now();
  const tbs = der.sequence(
    der.explicit(0, der.integer(2)),
    der.integer(1),
    der.algorithm(SHA256_WITH_RSA),
    name,
    der.sequence(der.generalizedTime(new Date(now - 60_000)), der.generalizedTime(new Date(now + 365 * 86_400_000))),
    name,
    new Uint8Array((await crypto.subtle.exportKey('spki', keys.publicKey)) as ArrayBuffer),
  );
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', keys.privateKey, new Uint8Array(tbs));
  return pem('CERTIFICATE', der.sequence(tbs, der.algorithm(SHA256_WITH_RSA), der.bitString(new Uint8Array(signature))));
}

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const encodeJson = (value: unknown): string => base64Url(new TextEncoder().encode(JSON.stringify(value)));

export interface AssertionClaims {
  iss: string;
  sub: string;
  aud: string;
  /** Seconds since the epoch. Default: 3 minutes from now. */
  exp?: number;
  [claim: string]: unknown;
}

export async function signAssertion(privateKey: CryptoKey, claims: AssertionClaims, header: Record<string, unknown> = { alg: 'RS256' }): Promise<string> {
  const body = { ...claims, exp: claims.exp ?? Math.floor(Date.now() / 1000) + 180 };
  const signingInput = `${encodeJson(header)}.${encodeJson(body)}`;
  const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', privateKey, new TextEncoder().encode(signingInput));
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}
