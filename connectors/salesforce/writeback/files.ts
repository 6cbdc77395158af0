// An item's files as Salesforce Files (a signed document's sealed PDF, the
// documents a customer sent and the agent accepted): a ContentVersion
// published on the CRM record (or, without one, on the Parley item) and
// linked to the item.
// Exactly once: every upload carries Parley_Key__c, and one query first
// finds what an earlier, interrupted run already uploaded. Parley_Key__c is
// the package's field, so it is named as the org names it (names.ts).
import { base64 } from '../../../worker/src/auth/crypto';
import type { CrmFile } from '../../../worker/src/crm/connector';
import type { OrgNames } from './names';
import { RetryableError, describeErrors, type SalesforceApi, type SaveResult } from './salesforce-api';

export type FileOutcome = { file: CrmFile; ok: true } | { file: CrmFile; ok: false; reason: string; retry: boolean };

/** Unique per item and content; ≤ 80 characters, the field's length. */
export const parleyKey = (f: Pick<CrmFile, 'itemId' | 'sha256'>) => `${f.itemId}.${f.sha256.slice(0, 40)}`;

/** Saved, or refused only because it already exists (a replay), which is what was wanted. */
const savedOrDuplicate = (r: SaveResult) => r.success || r.errors.every((e) => e.statusCode === 'DUPLICATE_VALUE');

const soqlString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const QUERY_CHUNK = 100;

/** The package's field on ContentVersion, in Parley's spelling. */
const PARLEY_KEY = 'Parley_Key__c';

type VersionRow = { Id: string; ContentDocumentId: string } & Record<string, unknown>;

async function findUploaded(api: SalesforceApi, names: OrgNames, keys: string[]): Promise<Map<string, VersionRow>> {
  const found = new Map<string, VersionRow>();
  const keyField = names.name(PARLEY_KEY);
  for (let i = 0; i < keys.length; i += QUERY_CHUNK) {
    const list = keys.slice(i, i + QUERY_CHUNK).map(soqlString).join(', ');
    for (const row of await api.query<VersionRow>(`SELECT Id, ContentDocumentId, ${keyField} FROM ContentVersion WHERE ${keyField} IN (${list})`)) {
      found.set(String(row[keyField]), row);
    }
  }
  return found;
}

/** Upload what is missing and link every file to its item. RetryableError from the API propagates. */
export async function attachFiles(api: SalesforceApi, bucket: R2Bucket, files: CrmFile[], names: OrgNames): Promise<FileOutcome[]> {
  if (files.length === 0) return [];
  const uploaded = await findUploaded(api, names, files.map(parleyKey));
  const outcomes: FileOutcome[] = [];
  const toLink: CrmFile[] = [];
  for (const file of files) {
    const key = parleyKey(file);
    if (uploaded.has(key)) {
      // Uploaded by an earlier run, which may have stopped before linking it.
      if (file.crmRecordId) toLink.push(file);
      else outcomes.push({ file, ok: true });
      continue;
    }
    const object = await bucket.get(file.r2Key);
    if (!object) {
      outcomes.push({ file, ok: false, reason: `${file.kind === 'sealed' ? 'the sealed PDF' : `the file ${file.fileName}`} of ${file.itemId} is missing from storage`, retry: false });
      continue;
    }
    const saved = await api.insert(
      'ContentVersion',
      names.record({
        Title: file.title,
        PathOnClient: file.fileName,
        VersionData: base64(new Uint8Array(await object.arrayBuffer())),
        [PARLEY_KEY]: key,
        // Published where people look: the CRM record; the item gets a link below.
        FirstPublishLocationId: file.crmRecordId ?? file.itemRecordId,
      }),
    );
    // Parley_Key__c is unique: DUPLICATE_VALUE means an earlier try uploaded it and lost the answer.
    if (!savedOrDuplicate(saved)) {
      outcomes.push({ file, ok: false, reason: `file ${key}: ${describeErrors(saved.errors)}`, retry: false });
      continue;
    }
    if (file.crmRecordId) toLink.push(file);
    else outcomes.push({ file, ok: true });
  }
  if (toLink.length === 0) return outcomes;

  // Only the files uploaded just now need their document id looked up.
  const fresh = toLink.map(parleyKey).filter((key) => !uploaded.has(key));
  if (fresh.length > 0) for (const [key, row] of await findUploaded(api, names, fresh)) uploaded.set(key, row);
  for (const file of toLink) {
    const version = uploaded.get(parleyKey(file));
    if (!version) throw new RetryableError(`file ${parleyKey(file)} is not visible yet`, null);
    const linked = await api.insert('ContentDocumentLink', { ContentDocumentId: version.ContentDocumentId, LinkedEntityId: file.itemRecordId, ShareType: 'V', Visibility: 'AllUsers' });
    // Already linked (a replay): Salesforce says DUPLICATE_VALUE, which is what we wanted.
    if (savedOrDuplicate(linked)) outcomes.push({ file, ok: true });
    else outcomes.push({ file, ok: false, reason: `link ${parleyKey(file)}: ${describeErrors(linked.errors)}`, retry: false });
  }
  return outcomes;
}
