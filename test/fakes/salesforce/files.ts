// What Salesforce does around the file objects, beyond saving the record:
// - a new ContentVersion without ContentDocumentId creates its ContentDocument
//   (069…), links it to the owner and to FirstPublishLocationId if given, and
//   fills Title, FileExtension, ContentSize, VersionNumber and IsLatest;
// - a ContentVersion with ContentDocumentId is the next version of that document;
// - a ContentDocumentLink between a document and an entity that are already
//   linked is refused with DUPLICATE_VALUE.

import { saveError, type SaveError } from './errors.ts';
import type { IdMint } from './ids.ts';
import type { RecordStore, StoredRecord, Transaction } from './record-store.ts';

export interface FileLink {
  id: string;
  linkedEntityId: string;
  shareType: string;
  visibility: string;
}

/** A ContentVersion as tests see it: its document, its key, its bytes, where it is linked. */
export interface StoredFile {
  contentVersionId: string;
  contentDocumentId: string;
  title: string;
  pathOnClient: string;
  /** Parley_Key__c. */
  key: string | null;
  isLatest: boolean;
  bytes: Uint8Array;
  /** Every link of the document, the owner's included. */
  links: FileLink[];
}

export function decodeBase64(value: string): Uint8Array {
  const binary = atob(value);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

interface FileContext {
  ids: IdMint;
  stamp: string;
  userId: string;
}

/**
 * Completes a ContentVersion about to be inserted and stages what comes with
 * it (its document, its links, the previous version no longer latest).
 * Returns the record to insert.
 */
export function stageContentVersion(tx: Transaction, version: StoredRecord, ctx: FileContext): StoredRecord {
  const path = String(version.PathOnClient);
  const dot = path.lastIndexOf('.');
  const extension = dot > 0 ? path.slice(dot + 1).toLowerCase() : null;
  const size = decodeBase64(String(version.VersionData)).length;
  const title = version.Title ?? (dot > 0 ? path.slice(0, dot) : path);
  const system = { CreatedDate: ctx.stamp, LastModifiedDate: ctx.stamp, SystemModstamp: ctx.stamp };

  if (typeof version.ContentDocumentId === 'string') {
    const documentId = version.ContentDocumentId;
    const previous = tx.all('ContentVersion').filter((v) => v.ContentDocumentId === documentId);
    for (const v of previous) if (v.IsLatest) tx.put('ContentVersion', { ...v, IsLatest: false });
    const document = tx.get('ContentDocument', documentId)!;
    tx.put('ContentDocument', { ...document, Title: title, FileExtension: extension, ContentSize: size, LatestPublishedVersionId: version.Id, ...system });
    return { ...version, Title: title, FileExtension: extension, ContentSize: size, IsLatest: true, VersionNumber: String(previous.length + 1) };
  }

  const documentId = ctx.ids.next('069');
  tx.put('ContentDocument', { Id: documentId, Title: title, FileExtension: extension, ContentSize: size, LatestPublishedVersionId: version.Id, ...system });
  const link = (linkedEntityId: string, shareType: string) =>
    tx.put('ContentDocumentLink', {
      Id: ctx.ids.next('06A'),
      ContentDocumentId: documentId,
      LinkedEntityId: linkedEntityId,
      ShareType: shareType,
      Visibility: 'AllUsers',
      ...system,
    });
  link(ctx.userId, 'I');
  if (typeof version.FirstPublishLocationId === 'string' && version.FirstPublishLocationId !== ctx.userId) link(version.FirstPublishLocationId, 'V');
  return { ...version, ContentDocumentId: documentId, Title: title, FileExtension: extension, ContentSize: size, IsLatest: true, VersionNumber: '1' };
}

/** Fills a new link's defaults, or refuses it when the document is already linked to that entity. */
export function prepareContentDocumentLink(tx: Transaction, link: StoredRecord): StoredRecord | SaveError {
  const existing = tx.all('ContentDocumentLink').find((l) => l.ContentDocumentId === link.ContentDocumentId && l.LinkedEntityId === link.LinkedEntityId);
  if (existing) {
    return saveError('DUPLICATE_VALUE', `Document with ID: ${String(link.ContentDocumentId)} is already linked with the entity with ID: ${String(link.LinkedEntityId)}`);
  }
  return { ShareType: 'V', Visibility: 'AllUsers', ...link };
}

export function listFiles(store: RecordStore): StoredFile[] {
  const links = store.all('ContentDocumentLink');
  return store.all('ContentVersion').map((v) => ({
    contentVersionId: v.Id,
    contentDocumentId: String(v.ContentDocumentId),
    title: String(v.Title),
    pathOnClient: String(v.PathOnClient),
    key: typeof v.Parley_Key__c === 'string' ? v.Parley_Key__c : null,
    isLatest: v.IsLatest === true,
    bytes: decodeBase64(String(v.VersionData)),
    links: links
      .filter((l) => l.ContentDocumentId === v.ContentDocumentId)
      .map((l) => ({ id: l.Id, linkedEntityId: String(l.LinkedEntityId), shareType: String(l.ShareType), visibility: String(l.Visibility) })),
  }));
}
