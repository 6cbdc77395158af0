// Milestone notes, each made exactly once (worker/src/directory/hubspot-milestone-claims.ts): claimed,
// looked for in HubSpot when an earlier create lost its answer, then made in
// batches of 100 with their associations (the linked record; the
// participants' contacts) and attachments. HubSpot's batch answer is matched
// to the milestones by the key each note names, not by position.
import { BATCH_LIMIT, HubSpotRefusal, type HubSpotApi } from './hubspot-api';
import { claimMilestones, markTried, recordNotes, releaseClaims } from '../../../worker/src/directory/hubspot-milestone-claims';
import { keyInBody, noteBody, type Milestone } from './milestones';
import type { HubSpotRecordObject } from '../../../worker/src/domain/hubspot-objects';

/** HubSpot-defined association types from a note to each record object. */
export const NOTE_TO: Record<HubSpotRecordObject, number> = { contacts: 202, companies: 190, deals: 214, tickets: 228 };

export interface NoteToWrite {
  milestone: Milestone;
  record: { objectType: HubSpotRecordObject; recordId: string };
  contactIds: string[];
  link: string;
  attachmentIds?: string[];
}

export interface NoteFailure {
  sessionId: string;
  key: string;
  reason: string;
}

function input(n: NoteToWrite) {
  const targets = new Map<string, number>([[`${n.record.objectType}/${n.record.recordId}`, NOTE_TO[n.record.objectType]]]);
  for (const id of n.contactIds) targets.set(`contacts/${id}`, NOTE_TO.contacts);
  return {
    properties: {
      hs_timestamp: new Date(n.milestone.at).toISOString(),
      hs_note_body: noteBody(n.milestone, n.link),
      ...(n.attachmentIds?.length ? { hs_attachment_ids: n.attachmentIds.join(';') } : {}),
    },
    associations: [...targets].map(([target, typeId]) => ({ to: { id: target.split('/')[1]! }, types: [{ associationCategory: 'HUBSPOT_DEFINED' as const, associationTypeId: typeId }] })),
  };
}

/** Notes an earlier run made but never heard of: by the key in their body, among the records' notes. */
async function findMade(api: HubSpotApi, notes: NoteToWrite[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const byObject = new Map<HubSpotRecordObject, Set<string>>();
  for (const n of notes) byObject.set(n.record.objectType, (byObject.get(n.record.objectType) ?? new Set()).add(n.record.recordId));
  const noteIds = new Set<string>();
  for (const [objectType, ids] of byObject) {
    const list = [...ids];
    for (let i = 0; i < list.length; i += BATCH_LIMIT) for (const to of (await api.associated(objectType, 'notes', list.slice(i, i + BATCH_LIMIT))).values()) to.forEach((id) => noteIds.add(id));
  }
  const ids = [...noteIds];
  for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
    for (const note of (await api.batchRead('notes', ids.slice(i, i + BATCH_LIMIT), ['hs_note_body'])).results) {
      const key = keyInBody(note.properties.hs_note_body);
      if (key) found.set(key, note.id);
    }
  }
  return found;
}

/**
 * Make the notes not made yet. Returns the notes HubSpot refused for good;
 * RetryableError and HubSpotAuthError propagate (the claims are released, so
 * the retry looks before making again).
 */
export async function writeMilestoneNotes(api: HubSpotApi, db: D1Database, orgId: string, notes: NoteToWrite[], now: () => number): Promise<NoteFailure[]> {
  if (notes.length === 0) return [];
  const byKey = new Map(notes.map((n) => [n.milestone.key, n]));
  const claims = await claimMilestones(db, orgId, [...byKey.values()].map((n) => ({ key: n.milestone.key, sessionId: n.milestone.sessionId })), now());
  const mine = [...claims.fresh, ...claims.uncertain];
  const failures: NoteFailure[] = [];
  try {
    let toMake = claims.fresh.map((k) => byKey.get(k)!);
    if (claims.uncertain.length) {
      const uncertain = claims.uncertain.map((k) => byKey.get(k)!);
      const made = await findMade(api, uncertain);
      await recordNotes(db, orgId, [...made].filter(([key]) => byKey.has(key) && claims.uncertain.includes(key)).map(([key, noteId]) => ({ key, noteId })));
      toMake = [...toMake, ...uncertain.filter((n) => !made.has(n.milestone.key))];
    }
    for (let i = 0; i < toMake.length; i += BATCH_LIMIT) failures.push(...(await createNotes(api, db, orgId, toMake.slice(i, i + BATCH_LIMIT), now)));
  } finally {
    // Whatever was not recorded goes back to the pool at once: a failed create is "tried", so the next run looks first.
    await releaseClaims(db, orgId, mine);
  }
  return failures;
}

async function createNotes(api: HubSpotApi, db: D1Database, orgId: string, chunk: NoteToWrite[], now: () => number): Promise<NoteFailure[]> {
  await markTried(db, orgId, chunk.map((n) => n.milestone.key), now());
  try {
    const answer = await api.batchCreate('notes', chunk.map(input));
    const made = answer.results.flatMap((r) => {
      const key = keyInBody(r.properties.hs_note_body);
      return key ? [{ key, noteId: r.id }] : [];
    });
    await recordNotes(db, orgId, made);
    const madeKeys = new Set(made.map((m) => m.key));
    const reason = answer.errors.map((e) => e.message).join('; ') || 'HubSpot did not make the note';
    return chunk.filter((n) => !madeKeys.has(n.milestone.key)).map((n) => ({ sessionId: n.milestone.sessionId, key: n.milestone.key, reason }));
  } catch (err) {
    if (!(err instanceof HubSpotRefusal)) throw err;
    // One note HubSpot refuses (a record deleted since) refuses the call: make them one by one to find it.
    if (chunk.length === 1) return [{ sessionId: chunk[0]!.milestone.sessionId, key: chunk[0]!.milestone.key, reason: err.message }];
    const failures: NoteFailure[] = [];
    for (const n of chunk) failures.push(...(await createNotes(api, db, orgId, [n], now)));
    return failures;
  }
}
