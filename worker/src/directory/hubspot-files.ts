// The sealed PDFs write-back put in an org's HubSpot Files, by item and
// content: HubSpot's file id, which the document's note attaches. Known here,
// a file is never uploaded twice.

export async function knownHubSpotFile(db: D1Database, orgId: string, itemId: string, sha256: string): Promise<string | null> {
  const r = await db.prepare('SELECT file_id FROM hubspot_files WHERE org_id = ? AND item_id = ? AND sha256 = ?').bind(orgId, itemId, sha256).first<{ file_id: string }>();
  return r?.file_id ?? null;
}

/** Remembers the upload; when another run remembered one first, its id is the one kept (and returned). */
export async function rememberHubSpotFile(db: D1Database, orgId: string, f: { itemId: string; sha256: string; fileId: string }, at: number): Promise<string> {
  await db
    .prepare('INSERT INTO hubspot_files (org_id, item_id, sha256, file_id, uploaded_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, item_id, sha256) DO NOTHING')
    .bind(orgId, f.itemId, f.sha256, f.fileId, at)
    .run();
  return (await knownHubSpotFile(db, orgId, f.itemId, f.sha256)) ?? f.fileId;
}
