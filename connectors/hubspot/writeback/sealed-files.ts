// Sealed PDFs into the portal's Files, once each: named
// parley-<itemId>-<sha8>.pdf, looked for by that name before an upload (an
// earlier run may have uploaded it and lost the answer), and remembered in
// D1 (directory/hubspot-files.ts) with HubSpot's file id, which the
// document's note attaches.
import { knownHubSpotFile, rememberHubSpotFile } from '../../../worker/src/directory/hubspot-files';
import { sha8 } from './milestones';
import type { HubSpotApi } from './hubspot-api';

export const FILES_FOLDER = '/parley';

export const sealedFileName = (itemId: string, sha256: string) => `parley-${itemId}-${sha8(sha256)}`;

export type UploadOutcome = { ok: true; fileId: string } | { ok: false; reason: string };

/** The sealed PDF's file id in HubSpot, uploading it if no earlier run did. RetryableError propagates. */
export async function uploadSealedFile(api: HubSpotApi, db: D1Database, bucket: R2Bucket, orgId: string, f: { itemId: string; sha256: string; r2Key: string }, now: number): Promise<UploadOutcome> {
  const known = await knownHubSpotFile(db, orgId, f.itemId, f.sha256);
  if (known) return { ok: true, fileId: known };
  const name = sealedFileName(f.itemId, f.sha256);
  let fileId = (await api.findFiles(name)).find((x) => x.extension === 'pdf')?.id ?? null;
  if (!fileId) {
    const object = await bucket.get(f.r2Key);
    if (!object) return { ok: false, reason: `the sealed PDF of ${f.itemId} is missing from storage` };
    fileId = await api.uploadFile(`${name}.pdf`, FILES_FOLDER, new Uint8Array(await object.arrayBuffer()));
  }
  return { ok: true, fileId: await rememberHubSpotFile(db, orgId, { itemId: f.itemId, sha256: f.sha256, fileId }, now) };
}
