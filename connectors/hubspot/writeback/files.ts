// An item's files into the portal's Files, once each (a signed document's
// sealed PDF, a document the customer sent and the agent accepted): named
// parley-<itemId>-<sha8>.<extension>, looked for by that name before an
// upload (an earlier run may have uploaded it and lost the answer), and
// remembered in D1 (directory/hubspot-files.ts) with HubSpot's file id,
// which the item's note attaches.
import { knownHubSpotFile, rememberHubSpotFile } from '../../../worker/src/directory/hubspot-files';
import type { CrmFile } from '../../../worker/src/crm/connector';
import { sha8 } from './milestones';
import type { HubSpotApi } from './hubspot-api';

export const FILES_FOLDER = '/parley';

/** The name HubSpot keeps (without the extension, which it keeps apart). */
export const hubSpotFileName = (itemId: string, sha256: string) => `parley-${itemId}-${sha8(sha256)}`;

/** "statement.PDF" → "pdf"; a name without one is a PDF only if Parley sealed it. */
export const extensionOf = (f: Pick<CrmFile, 'fileName'>) => /\.([A-Za-z0-9]{1,8})$/.exec(f.fileName)?.[1]?.toLowerCase() ?? 'bin';

export type UploadOutcome = { ok: true; fileId: string } | { ok: false; reason: string };

/** The file's id in HubSpot, uploading it if no earlier run did. RetryableError propagates. */
export async function uploadFile(api: HubSpotApi, db: D1Database, bucket: R2Bucket, orgId: string, f: Pick<CrmFile, 'itemId' | 'sha256' | 'r2Key' | 'fileName' | 'kind'>, now: number): Promise<UploadOutcome> {
  const known = await knownHubSpotFile(db, orgId, f.itemId, f.sha256);
  if (known) return { ok: true, fileId: known };
  const name = hubSpotFileName(f.itemId, f.sha256);
  const extension = extensionOf(f);
  let fileId = (await api.findFiles(name)).find((x) => x.extension === extension)?.id ?? null;
  if (!fileId) {
    const object = await bucket.get(f.r2Key);
    if (!object) return { ok: false, reason: `${f.kind === 'sealed' ? 'the sealed PDF' : `the file ${f.fileName}`} of ${f.itemId} is missing from storage` };
    fileId = await api.uploadFile(`${name}.${extension}`, FILES_FOLDER, new Uint8Array(await object.arrayBuffer()), object.httpMetadata?.contentType ?? 'application/octet-stream');
  }
  return { ok: true, fileId: await rememberHubSpotFile(db, orgId, { itemId: f.itemId, sha256: f.sha256, fileId }, now) };
}
