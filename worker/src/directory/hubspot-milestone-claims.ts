// Claims on milestone notes, so each note is made exactly once even when two
// runs write the same session, or a run dies between HubSpot making the note
// and Parley hearing of it. A run claims a milestone (a lease); notes the
// claim "tried" just before sending the create; records the note id once
// HubSpot answers. A claim with a lease run out and no note id is taken by
// the next run: when it was never tried, the note is made; when it was, the
// run first looks in HubSpot for a note naming the milestone.

export const LEASE_MS = 5 * 60_000;

export interface ClaimedMilestones {
  /** Ours to create: no create was ever sent. */
  fresh: string[];
  /** Ours, but a create was sent before and its answer lost: look in HubSpot first. */
  uncertain: string[];
  /** Already in HubSpot. */
  done: string[];
  /** Another run holds them now. */
  held: string[];
}

const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export async function claimMilestones(db: D1Database, orgId: string, milestones: Array<{ key: string; sessionId: string }>, now: number): Promise<ClaimedMilestones> {
  const out: ClaimedMilestones = { fresh: [], uncertain: [], done: [], held: [] };
  for (let i = 0; i < milestones.length; i += 45) {
    const chunk = milestones.slice(i, i + 45);
    const keys = chunk.map((m) => m.key);
    await db.batch(chunk.map((m) => db.prepare('INSERT OR IGNORE INTO hubspot_milestone_notes (org_id, milestone, session_id) VALUES (?, ?, ?)').bind(orgId, m.key, m.sessionId)));
    // Taking the lease is one statement: two runs cannot both take a claim.
    const taken = await db
      .prepare(
        `UPDATE hubspot_milestone_notes SET lease_until = ?
         WHERE org_id = ? AND note_id IS NULL AND lease_until < ? AND milestone IN (${inList(keys.length)})
         RETURNING milestone, tried_at`,
      )
      .bind(now + LEASE_MS, orgId, now, ...keys)
      .all<{ milestone: string; tried_at: number | null }>();
    const mine = new Map(taken.results.map((r) => [r.milestone, r.tried_at]));
    const made = await db
      .prepare(`SELECT milestone FROM hubspot_milestone_notes WHERE org_id = ? AND milestone IN (${inList(keys.length)}) AND note_id IS NOT NULL`)
      .bind(orgId, ...keys)
      .all<{ milestone: string }>();
    const doneKeys = new Set(made.results.map((r) => r.milestone));
    for (const key of keys) {
      if (mine.has(key)) (mine.get(key) === null ? out.fresh : out.uncertain).push(key);
      else if (doneKeys.has(key)) out.done.push(key);
      else out.held.push(key);
    }
  }
  return out;
}

/** Just before the create goes out: from now on, a lost answer means "look before making it again". */
export async function markTried(db: D1Database, orgId: string, keys: string[], now: number): Promise<void> {
  for (let i = 0; i < keys.length; i += 90) {
    const chunk = keys.slice(i, i + 90);
    await db.prepare(`UPDATE hubspot_milestone_notes SET tried_at = ? WHERE org_id = ? AND milestone IN (${inList(chunk.length)})`).bind(now, orgId, ...chunk).run();
  }
}

export async function recordNotes(db: D1Database, orgId: string, notes: Array<{ key: string; noteId: string }>): Promise<void> {
  if (notes.length === 0) return;
  await db.batch(notes.map((n) => db.prepare('UPDATE hubspot_milestone_notes SET note_id = ?, lease_until = 0 WHERE org_id = ? AND milestone = ?').bind(n.noteId, orgId, n.key)));
}

/** The run is done with these claims without a note (it failed): the next run may take them at once. */
export async function releaseClaims(db: D1Database, orgId: string, keys: string[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 90) {
    const chunk = keys.slice(i, i + 90);
    await db.prepare(`UPDATE hubspot_milestone_notes SET lease_until = 0 WHERE org_id = ? AND milestone IN (${inList(chunk.length)}) AND note_id IS NULL`).bind(orgId, ...chunk).run();
  }
}
