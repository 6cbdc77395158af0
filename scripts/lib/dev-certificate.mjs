// The development sealing certificate: an RSA 2048 self-signed certificate
// "Parley Development Sealing" in a password-protected PKCS#12, made once and
// kept in .parley/ (git-ignored), so every `npm start` and test run seals with
// the same one. The Worker reads it from SEAL_P12 (base64) and
// SEAL_P12_PASSWORD: `npm start` writes them into .dev.vars (0600,
// dev-vars.mjs) for wrangler dev, unless .dev.vars sets SEAL_P12 itself;
// vitest.config.ts passes them as miniflare bindings.
//
// A validator reports documents sealed with it as validly signed by an
// untrusted (self-signed) certificate: fine for development, never for
// production, where the org's or the service's real certificate is set with
// `wrangler secret put SEAL_P12` / `SEAL_P12_PASSWORD`.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import forge from 'node-forge';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DEV_CERTIFICATE_FILE = path.join(ROOT, '.parley/dev-sealing-certificate.json');
export const DEV_CERTIFICATE_NAME = 'Parley Development Sealing';

function generate() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  cert.serialNumber = '01' + randomBytes(15).toString('hex'); // positive, 16 bytes
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 24 * 3600_000);
  cert.validity.notAfter = new Date(now + 10 * 365 * 24 * 3600_000);
  const subject = [
    { name: 'commonName', value: DEV_CERTIFICATE_NAME },
    { name: 'organizationName', value: 'Parley (development)' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    // emailProtection: what NSS (pdfsig) checks a signer against; 1.3.6.1.5.5.7.3.36: id-kp-documentSigning.
    { name: 'extKeyUsage', emailProtection: true, '1.3.6.1.5.5.7.3.36': true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key, forge.md.sha256.create());
  const password = randomBytes(18).toString('base64url');
  const p12 = forge.pkcs12.toPkcs12Asn1(key, [cert], password, { algorithm: '3des', friendlyName: DEV_CERTIFICATE_NAME });
  const p12Base64 = Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary').toString('base64');
  return { name: DEV_CERTIFICATE_NAME, p12Base64, password, certificatePem: forge.pki.certificateToPem(cert), createdAt: new Date(now).toISOString() };
}

function readExisting(file) {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof saved.p12Base64 === 'string' && saved.p12Base64 && typeof saved.password === 'string' && saved.password) return saved;
  } catch {
    /* absent or unreadable: make a new one */
  }
  return null;
}

/**
 * The development certificate, made on first use and kept in `file`:
 * { name, p12Base64, password, certificatePem, createdAt }.
 */
export function devSealingCertificate(file = DEV_CERTIFICATE_FILE) {
  const existing = readExisting(file);
  if (existing) return existing;
  const made = generate();
  mkdirSync(path.dirname(file), { recursive: true });
  // Written whole, then renamed: a concurrent reader sees no half-written file.
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(made, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, file);
  // If another process raced us, keep whichever landed last, for everyone.
  return readExisting(file) ?? made;
}

/** The Worker's sealing variables for the development certificate. */
export function devSealingVars(file = DEV_CERTIFICATE_FILE) {
  const cert = devSealingCertificate(file);
  return { SEAL_P12: cert.p12Base64, SEAL_P12_PASSWORD: cert.password };
}
