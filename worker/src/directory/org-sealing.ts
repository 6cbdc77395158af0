// An org's own sealing: its PKCS#12 certificate and that certificate's
// password, both encrypted at rest (auth/secret-box.ts), and the timestamp
// authority its seals are stamped by.
import { base64, fromBase64 } from '../auth/crypto';
import { openSecret, sealSecret, type SecretStore } from '../auth/secret-box';
import type { SealingView } from '../contract/settings';

export interface OrgSealing {
  /** The org's own certificate; null: documents are sealed with Parley's. */
  certificate: { p12: Uint8Array; password: string } | null;
  tsaUrl: string | null;
}

const p12Context = (orgId: string) => `orgs.seal_p12:${orgId}`;
const passwordContext = (orgId: string) => `orgs.seal_p12_password:${orgId}`;

export async function findOrgSealing(env: SecretStore, orgId: string): Promise<OrgSealing> {
  const row = await env.DB.prepare('SELECT seal_p12, seal_p12_password, tsa_url FROM orgs WHERE id = ?')
    .bind(orgId)
    .first<{ seal_p12: string | null; seal_p12_password: string | null; tsa_url: string | null }>();
  const tsaUrl = row?.tsa_url ?? null;
  if (!row?.seal_p12 || row.seal_p12_password === null) return { certificate: null, tsaUrl };
  const p12 = await openSecret(env, row.seal_p12, p12Context(orgId));
  const password = await openSecret(env, row.seal_p12_password, passwordContext(orgId));
  return { certificate: { p12: fromBase64(p12), password }, tsaUrl };
}

/** Who seals the org's documents, and the timestamp authority: what the sealing API and the admin page show. */
export async function describeSealing(env: SecretStore, orgId: string): Promise<SealingView> {
  const own = await findOrgSealing(env, orgId);
  let certificate: SealingView['certificate'] = { commonName: 'Parley', custom: false };
  if (own.certificate) {
    // Loaded on demand: the certificate parser stays off every other path.
    const { loadSignerIdentity } = await import('../documents/signer-identity');
    const identity = await loadSignerIdentity(own.certificate.p12, own.certificate.password);
    certificate = { commonName: identity.commonName, custom: true };
  }
  return { certificate, tsaUrl: own.tsaUrl };
}

export async function saveOrgCertificate(env: SecretStore, orgId: string, p12: Uint8Array, password: string): Promise<void> {
  const sealedP12 = await sealSecret(env, base64(p12), p12Context(orgId));
  const sealedPassword = await sealSecret(env, password, passwordContext(orgId));
  await env.DB.prepare('UPDATE orgs SET seal_p12 = ?, seal_p12_password = ? WHERE id = ?').bind(sealedP12, sealedPassword, orgId).run();
}

/** The timestamp authority alone: what can still be shown when the certificate cannot be read. */
export async function findTsaUrl(db: D1Database, orgId: string): Promise<string | null> {
  const row = await db.prepare('SELECT tsa_url FROM orgs WHERE id = ?').bind(orgId).first<{ tsa_url: string | null }>();
  return row?.tsa_url ?? null;
}

export async function clearOrgCertificate(db: D1Database, orgId: string): Promise<void> {
  await db.prepare('UPDATE orgs SET seal_p12 = NULL, seal_p12_password = NULL WHERE id = ?').bind(orgId).run();
}

export async function saveTsaUrl(db: D1Database, orgId: string, tsaUrl: string | null): Promise<void> {
  await db.prepare('UPDATE orgs SET tsa_url = ? WHERE id = ?').bind(tsaUrl, orgId).run();
}
