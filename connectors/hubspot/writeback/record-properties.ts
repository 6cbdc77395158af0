// A session's changes as the Parley properties of the HubSpot record it is
// linked to, and the stamp the version guard orders writes by. Pure: no I/O.
import type { CrmChanges } from '../../../worker/src/crm/changes';
import { iso } from '../../../worker/src/contract/time';
import type { WriteStamp } from '../../../worker/src/directory/hubspot-record-writes';
import { hubspotRecordObject, type HubSpotRecordObject } from '../../../worker/src/domain/hubspot-objects';
import { PROPERTY } from './properties';

/** The record a session is linked to, in HubSpot's terms, or why it cannot be written. */
export type LinkedRecord = { ok: true; objectType: HubSpotRecordObject; recordId: string } | { ok: false; reason: string };


export function linkedRecord(crm: CrmChanges['crm']): LinkedRecord {
  if (!crm || crm.system !== 'hubspot') return { ok: false, reason: 'the session is not linked to a HubSpot record' };
  const objectType = hubspotRecordObject(crm.objectType ?? '');
  if (!objectType) return { ok: false, reason: `HubSpot object type "${crm.objectType ?? ''}" is not one Parley writes to (contacts, companies, deals, tickets)` };
  if (!/^\d{1,20}$/.test(crm.recordId)) return { ok: false, reason: `HubSpot record id "${crm.recordId}" is not a HubSpot id (digits)` };
  return { ok: true, objectType, recordId: crm.recordId };
}

export function stampOf(c: CrmChanges): WriteStamp {
  return { sessionId: c.sessionId, sessionCreatedAt: c.session?.createdAt ?? null, version: c.version };
}

/** True when `next` may overwrite what `last` wrote. */
export function isNewer(next: WriteStamp, last: WriteStamp | null): boolean {
  if (!last) return true;
  if (next.sessionId === last.sessionId) return next.version > last.version;
  // Another session wrote last: only a newer session takes the record over.
  if (next.sessionCreatedAt === null) return false;
  const lastCreated = last.sessionCreatedAt ?? 0;
  return next.sessionCreatedAt > lastCreated || (next.sessionCreatedAt === lastCreated && next.sessionId > last.sessionId);
}

/** When anything in the changes last happened: the record's "last activity". */
export function lastActivity(c: CrmChanges): number | null {
  const times: Array<number | null> = [];
  if (c.session) times.push(c.session.createdAt, c.session.invitedAt, c.session.endedAt, c.session.closedAt);
  for (const p of c.participants) times.push(p.invitedAt, p.enteredAt, p.consentedAt, p.completedAt, p.message?.at ?? null);
  for (const i of c.items) times.push(i.createdAt, i.statusChangedAt, i.completedAt);
  const known = times.filter((t): t is number => t !== null);
  return known.length ? Math.max(...known) : null;
}

export const workspaceLink = (sessionId: string, publicUrl: string) => new URL(`/app/sessions/${sessionId}`, publicUrl).toString();

/**
 * The properties to write. Without the session in the changes (only an item
 * moved), only the last activity is known; HubSpot keeps the rest.
 */
export function recordProperties(c: CrmChanges, publicUrl: string): Record<string, string> {
  const out: Record<string, string> = {};
  const last = lastActivity(c);
  if (last !== null) out[PROPERTY.lastActivity] = iso(last)!;
  const s = c.session;
  if (s) {
    out[PROPERTY.status] = s.status;
    out[PROPERTY.link] = workspaceLink(c.sessionId, publicUrl);
    out[PROPERTY.sessionId] = c.sessionId;
    out[PROPERTY.progress] = `${s.itemsCompleted}/${s.itemsTotal}`;
  }
  return out;
}
