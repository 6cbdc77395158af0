// The files an item brings to its CRM record, whichever the CRM: a signed
// document's sealed PDF, and each document a customer sent for a request
// that the agent accepted. Both writers attach exactly these.
import type { CrmChanges } from './changes';
import type { CrmFile } from './connector';

type Item = CrmChanges['items'][number];
export type ItemFile = Pick<CrmFile, 'itemId' | 'kind' | 'title' | 'fileName' | 'r2Key' | 'sha256' | 'at'>;

/** A file name every system accepts: no path or reserved characters. */
const safe = (name: string) => name.replace(/[\\/:*?"<>|]+/g, ' ').trim();

export function itemFiles(item: Item): ItemFile[] {
  const files: ItemFile[] = [];
  if (item.sealed) {
    files.push({ itemId: item.id, kind: 'sealed', title: item.name, fileName: `${safe(item.name) || 'document'}.pdf`, r2Key: item.sealed.key, sha256: item.sealed.sha256, at: item.completedAt ?? item.statusChangedAt });
  }
  for (const a of item.accepted) {
    files.push({ itemId: item.id, kind: 'accepted', title: `${a.label} · ${item.name}`, fileName: safe(a.fileName) || 'document', r2Key: a.key, sha256: a.sha256, at: a.acceptedAt });
  }
  return files;
}
