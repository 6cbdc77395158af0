// The moments of a session that become a note on its HubSpot record: the
// session started (its first invitation went out), a document was completed
// (the sealed PDF attached), a document the customer sent was accepted (the
// file attached), a payment was paid or refunded, a workflow finished (each
// step's outcome listed), the session ended. HubSpot keeps no record of
// Parley's items, so these notes are where their outcomes reach it. Each has
// a key that names it for good, so its note is made once however often the
// session is written; the key is also written in the note, which is how a
// run that lost HubSpot's answer finds the note it made. Pure: no I/O.
import type { CrmChanges } from '../../../worker/src/crm/changes';
import { CLOSED_STATUSES, DONE_STATUSES, ITEM_STATUS_LABELS } from '../../../worker/src/domain/catalogue';
import { majorAmount } from '../../../worker/src/domain/payment';

export type MilestoneKind = 'started' | 'document' | 'received' | 'paid' | 'refunded' | 'workflow' | 'ended';

export interface Milestone {
  key: string;
  kind: MilestoneKind;
  sessionId: string;
  /** When it happened: the note's hs_timestamp. */
  at: number;
  /** What the attached file is: the completed document's title, the accepted document's name. */
  title?: string;
  /** What the note says under its headline, a paragraph each (plain text). */
  lines?: string[];
  /** The headline when it is not the kind's own (a workflow's names its outcome). */
  headline?: string;
}

export const sha8 = (sha256: string) => sha256.slice(0, 8);

/** A file's note: the sealed PDF of a completed document, or a document received and accepted. */
export const fileKey = (kind: 'sealed' | 'accepted', itemId: string, sha256: string) => `${kind === 'sealed' ? 'document' : 'received'}:${itemId}:${sha8(sha256)}`;

const money = (minor: number, currency: string) => `${majorAmount(minor, currency)} ${currency.toUpperCase()}`;

/** A payment's milestones: paid once; each refund (the key names the total refunded so far, so a later refund is a new note). */
function paymentMilestones(sessionId: string, item: CrmChanges['items'][number]): Milestone[] {
  const p = item.payment;
  if (!p || p.paidAt === null) return [];
  const out: Milestone[] = [{ key: `paid:${item.id}`, kind: 'paid', sessionId, at: p.paidAt, lines: [`${item.name}: ${money(p.amount, p.currency)} paid.`] }];
  if (p.amountRefunded > 0) {
    out.push({ key: `refunded:${item.id}:${p.amountRefunded}`, kind: 'refunded', sessionId, at: p.updatedAt, lines: [`${item.name}: ${money(p.amountRefunded, p.currency)} of ${money(p.amount, p.currency)} refunded in all.`] });
  }
  return out;
}

/** A finished workflow's milestone (completed, declined or cancelled), with every step's outcome. */
function workflowMilestone(sessionId: string, item: CrmChanges['items'][number]): Milestone[] {
  if (item.kind !== 'workflow' || !(DONE_STATUSES.has(item.status) || CLOSED_STATUSES.has(item.status))) return [];
  const outcome = ITEM_STATUS_LABELS[item.status];
  const steps = item.steps.map((s) => `Step ${s.position} of ${item.steps.length}, ${s.name}${s.optional ? ' (optional)' : ''}: ${s.status === 'draft' ? 'Not reached' : ITEM_STATUS_LABELS[s.status]}`);
  const why = item.reason ? [`Why: ${item.reason}`] : [];
  return [{ key: `workflow:${item.id}`, kind: 'workflow', sessionId, at: item.statusChangedAt, headline: `Workflow ${outcome.toLowerCase()} in Parley`, lines: [`${item.name}: ${outcome}.`, ...why, ...steps] }];
}

/** The milestones a session's changes show, but for files (documents and accepted files come with their uploads). */
export function sessionMilestones(c: CrmChanges): Milestone[] {
  const out: Milestone[] = [];
  const s = c.session;
  if (s?.invitedAt != null) out.push({ key: `started:${c.sessionId}`, kind: 'started', sessionId: c.sessionId, at: s.invitedAt });
  for (const item of c.items) out.push(...paymentMilestones(c.sessionId, item), ...workflowMilestone(c.sessionId, item));
  if (s?.endedAt != null) out.push({ key: `ended:${c.sessionId}`, kind: 'ended', sessionId: c.sessionId, at: s.endedAt });
  return out;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

const HEADLINES: Record<MilestoneKind, string> = {
  started: 'Parley session started',
  document: 'Document completed in Parley',
  received: 'Document received in Parley',
  paid: 'Payment received in Parley',
  refunded: 'Payment refunded in Parley',
  workflow: 'Workflow finished in Parley',
  ended: 'Parley session ended',
};

/** The marker that names the milestone inside its note. */
export const marker = (key: string) => `Parley ref: ${key}`;

/** What the note says under its headline: a file's line, or the milestone's own. */
function detail(m: Milestone): string[] {
  const title = (m.title ?? 'Document').slice(0, 300);
  if (m.kind === 'document') return [`${title}: signed and sealed; the PDF is attached.`];
  if (m.kind === 'received') return [`${title}: sent by the customer and accepted; the file is attached.`];
  return m.lines ?? [];
}

/** The note's body (HTML, as HubSpot shows notes), well under its 65,536 characters (a workflow has at most 20 steps of 500 at most each). */
export function noteBody(m: Milestone, link: string): string {
  const what = detail(m).map((line) => `<p>${escape(line.slice(0, 500))}</p>`).join('');
  return `<p><strong>${escape(m.headline ?? HEADLINES[m.kind])}</strong></p>${what}<p><a href="${escape(link)}">Open the session in Parley</a></p><p>${escape(marker(m.key))}</p>`;
}

/** The milestone key a note body names, or null. */
export function keyInBody(body: string | null | undefined): string | null {
  const m = /Parley ref: ([a-z]+:[A-Za-z0-9_:-]+)/.exec(body ?? '');
  return m ? m[1]! : null;
}
