// A document's signers in words, for the customer's room: the server pages
// (room page, room-document-page.tsx) and the scripts that redraw them live
// (client/room.ts, client/room-document.ts) share these, so a signer reads
// the same before and after an update, in the customer's language (the
// translator comes first). Only what every participant may see goes in:
// names, roles, online, completed; never contact details.
import type { DocumentRoleView } from '../contract/documents';
import type { ItemSignerView, ParticipantPublicView } from '../contract/session';
import { formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/translate';

/** One signer as a line of the room. */
export interface SignerLine {
  role: string;
  /** "You", the other participant's name, "Your agent", or "Not assigned yet", in the customer's language. */
  who: string;
  /** Whether they are in the room now; null for you, the agent, and a role nobody holds yet. */
  online: boolean | null;
  done: boolean;
  doneAt: string | null;
  pending: boolean;
}

/** "1 of 3 signed": the document's own count (signers done out of signers). */
export function signedCountText(t: Translate, signers: readonly { done: boolean }[]): string {
  return t('document.signers.count', { done: signers.filter((s) => s.done).length, total: signers.length });
}

/** An item's signers (itemSchema.signers) as the room shows them, joined with the people the participant sees. */
export function itemSignerLines(t: Translate, signers: readonly ItemSignerView[], me: { id: string }, others: readonly Pick<ParticipantPublicView, 'id' | 'name' | 'online'>[]): SignerLine[] {
  return signers.map((s) => {
    const other = s.participantId ? others.find((p) => p.id === s.participantId) : undefined;
    const who = s.pending ? t('document.signer.unassigned') : s.participantId === null ? t('document.signer.agent') : s.participantId === me.id ? t('document.signer.you') : (other?.name ?? t('document.signer.someone'));
    return { role: s.role, who, online: other ? other.online : null, done: s.done, doneAt: s.doneAt, pending: s.pending };
  });
}

/** A document's roles (DocumentView.roles) as the room shows them; roles nobody holds or will hold are left out, as on the item. */
export function documentSignerLines(t: Translate, roles: readonly DocumentRoleView[], myRoles: readonly string[]): SignerLine[] {
  return roles
    .filter((r) => r.assigned !== null || r.pending)
    .map((r) => {
      const mine = myRoles.includes(r.name);
      const who = r.pending ? t('document.signer.unassigned') : mine ? t('document.signer.you') : r.assigned === 'agent' ? t('document.signer.agent') : (r.participant?.name ?? t('document.signer.someone'));
      return { role: r.name, who, online: mine || !r.participant ? null : r.participant.online, done: r.done, doneAt: r.doneAt, pending: r.pending };
    });
}

/**
 * "Col (Cosigner): online, not signed yet" / "You (Customer): signed", without
 * the moment: the lists put that in a <time> the browser shows in the
 * customer's own time zone (signerLineText gives the whole line as text).
 */
export function signerLineWords(t: Translate, line: SignerLine): string {
  const state = line.done ? t('document.signer.state.signed') : line.pending ? t('document.signer.state.unassigned') : t('document.signer.state.waiting');
  const presence = line.online === null ? null : t(line.online ? 'document.signer.online' : 'document.signer.offline');
  return t(presence ? 'document.signer.line_presence' : 'document.signer.line', { who: line.who, role: line.role, state, presence: presence ?? '' });
}

/** The whole line as text, the signing moment included (in the runtime's time zone: the browser's own when a script calls it). */
export function signerLineText(t: Translate, line: SignerLine): string {
  const words = signerLineWords(t, line);
  return line.done && line.doneAt ? `${words} ${formatDateTime(t.locale, line.doneAt)}` : words;
}
