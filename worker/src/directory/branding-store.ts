// The org's branding in D1 (orgs.brand_json: only what an admin set) and its
// logo's bytes in R2. The row is read whole and written whole; the admin API
// is the one writer.
import type { CertificateBrand } from '../documents/certificate-page';
import { readStoredBrand, type StoredBrand, type StoredLogo } from '../domain/branding';

/** The org's name and the branding its admin set; null when there is no such org. */
export async function orgBrand(db: D1Database, orgId: string): Promise<{ orgName: string; brand: StoredBrand } | null> {
  const row = await db.prepare('SELECT name, brand_json FROM orgs WHERE id = ?').bind(orgId).first<{ name: string; brand_json: string | null }>();
  if (!row) return null;
  return { orgName: row.name, brand: parseBrand(row.brand_json) };
}

function parseBrand(text: string | null): StoredBrand {
  if (!text) return {};
  try {
    return readStoredBrand(JSON.parse(text));
  } catch {
    return {};
  }
}

export async function saveBrand(db: D1Database, orgId: string, brand: StoredBrand): Promise<void> {
  await db.prepare('UPDATE orgs SET brand_json = ? WHERE id = ?').bind(JSON.stringify(brand), orgId).run();
}

/** Where a logo's bytes are: one object per version, so a cached old URL never shows the new image under the old version. */
export const logoKey = (orgId: string, logo: Pick<StoredLogo, 'hash'>) => `brand/${orgId}/logo/${logo.hash}`;

export async function putLogo(files: R2Bucket, orgId: string, logo: StoredLogo, bytes: Uint8Array): Promise<void> {
  await files.put(logoKey(orgId, logo), bytes, { httpMetadata: { contentType: logo.type } });
}

export async function deleteLogo(files: R2Bucket, orgId: string, logo: StoredLogo): Promise<void> {
  await files.delete(logoKey(orgId, logo));
}

/** The logo's bytes, or null when R2 has none. */
export async function readLogo(files: R2Bucket, orgId: string, logo: StoredLogo): Promise<ArrayBuffer | null> {
  const object = await files.get(logoKey(orgId, logo));
  return object ? object.arrayBuffer() : null;
}

/** The brand as the PDF certificate page shows it: read fresh (sealing is rare), the logo's bytes with it. */
export async function certificateBrand(env: { DB: D1Database; FILES: R2Bucket }, orgId: string): Promise<CertificateBrand | undefined> {
  const found = await orgBrand(env.DB, orgId);
  if (!found) return undefined;
  const { brand } = found;
  const bytes = brand.logo ? await readLogo(env.FILES, orgId, brand.logo) : null;
  return {
    displayName: brand.displayName ?? found.orgName,
    color: brand.color ?? null,
    logo: brand.logo && bytes ? { bytes: new Uint8Array(bytes), type: brand.logo.type } : null,
  };
}
