// The register of sealed documents: the SHA-256 of each sealed PDF, so
// anyone holding a file can check it is one this Parley sealed (POST
// /api/verify) without learning anything the file does not already say.
export interface SealedDocument {
  sha256: string;
  orgId: string;
  sessionId: string;
  itemId: string;
  name: string;
  sealedAt: number;
}

export async function registerSealedDocument(db: D1Database, d: SealedDocument): Promise<void> {
  await db
    .prepare('INSERT OR IGNORE INTO sealed_documents (sha256, org_id, session_id, item_id, name, sealed_at) VALUES (?, ?, ?, ?, ?, ?)')
    .bind(d.sha256, d.orgId, d.sessionId, d.itemId, d.name, d.sealedAt)
    .run();
}

export function findSealedDocument(db: D1Database, sha256: string): Promise<{ name: string; sealed_at: number } | null> {
  return db.prepare('SELECT name, sealed_at FROM sealed_documents WHERE sha256 = ?').bind(sha256).first<{ name: string; sealed_at: number }>();
}
