// The moments of a session that become a note on its HubSpot record: the
// session started (its first invitation went out), a document was completed
// (the sealed PDF attached), a document the customer sent was accepted (the
// file attached), the session ended. Each has a key that names it
// for good, so its note is made once however often the session is written;
// the key is also written in the note, which is how a run that lost
// HubSpot's answer finds the note it made. Pure: no I/O.
import type { CrmChanges } from '../../../worker/src/crm/changes';

export type MilestoneKind = 'started' | 'document' | 'received' | 'ended';

export interface Milestone {
  key: string;
  kind: MilestoneKind;
  sessionId: string;
  /** When it happened: the note's hs_timestamp. */
  at: number;
  /** What the attached file is: the completed document's title, the accepted document's name. */
  title?: string;
}

export const sha8 = (sha256: string) => sha256.slice(0, 8);

/** A file's note: the sealed PDF of a completed document, or a document received and accepted. */
export const fileKey = (kind: 'sealed' | 'accepted', itemId: string, sha256: string) => `${kind === 'sealed' ? 'document' : 'received'}:${itemId}:${sha8(sha256)}`;

/** The session's started and ended milestones its changes show (documents come with their files). */
export function sessionMilestones(c: CrmChanges): Milestone[] {
  const s = c.session;
  if (!s) return [];
  const out: Milestone[] = [];
  if (s.invitedAt !== null) out.push({ key: `started:${c.sessionId}`, kind: 'started', sessionId: c.sessionId, at: s.invitedAt });
  if (s.endedAt !== null) out.push({ key: `ended:${c.sessionId}`, kind: 'ended', sessionId: c.sessionId, at: s.endedAt });
  return out;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const HEADLINES: Record<MilestoneKind, string> = {
  started: 'Parley session started',
  document: 'Document completed in Parley',
  received: 'Document received in Parley',
  ended: 'Parley session ended',
};

/** The marker that names the milestone inside its note. */
export const marker = (key: string) => `Parley ref: ${key}`;

/** The note's body (HTML, as HubSpot shows notes), well under its 65,536 characters. */
export function noteBody(m: Milestone, link: string): string {
  const title = escape((m.title ?? 'Document').slice(0, 300));
  const what = m.kind === 'document' ? `<p>${title}: signed and sealed; the PDF is attached.</p>` : m.kind === 'received' ? `<p>${title}: sent by the customer and accepted; the file is attached.</p>` : '';
  return `<p><strong>${HEADLINES[m.kind]}</strong></p>${what}<p><a href="${escape(link)}">Open the session in Parley</a></p><p>${escape(marker(m.key))}</p>`;
}

/** The milestone key a note body names, or null. */
export function keyInBody(body: string | null | undefined): string | null {
  const m = /Parley ref: ([a-z]+:[A-Za-z0-9_:-]+)/.exec(body ?? '');
  return m ? m[1]! : null;
}
