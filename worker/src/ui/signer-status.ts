// A document's signers in words, for the customer's room: the server pages
// (room-pages.tsx, room-document-page.tsx) and the scripts that redraw them
// live (client/room.ts, client/room-document.ts) share these, so a signer
// reads the same before and after an update. Only what every participant
// may see goes in: names, roles, online, completed; never contact details.
import type { DocumentRoleView } from '../contract/documents';
import type { ItemSignerView, ParticipantPublicView } from '../contract/session';

/** One signer as a line of the room. */
export interface SignerLine {
  role: string;
  /** "You", the other participant's name, "Your agent", or "Not assigned yet". */
  who: string;
  /** Whether they are in the room now; null for you, the agent, and a role nobody holds yet. */
  online: boolean | null;
  done: boolean;
  doneAt: string | null;
  pending: boolean;
}

/** "1/3 signed": the document's own count (signers done out of signers). */
export function signedCountText(signers: readonly { done: boolean }[]): string {
  return `${signers.filter((s) => s.done).length}/${signers.length} signed`;
}

/** An item's signers (itemSchema.signers) as the room shows them, joined with the people the participant sees. */
export function itemSignerLines(signers: readonly ItemSignerView[], me: { id: string }, others: readonly Pick<ParticipantPublicView, 'id' | 'name' | 'online'>[]): SignerLine[] {
  return signers.map((s) => {
    const other = s.participantId ? others.find((p) => p.id === s.participantId) : undefined;
    const who = s.pending ? 'Not assigned yet' : s.participantId === null ? 'Your agent' : s.participantId === me.id ? 'You' : (other?.name ?? 'Another participant');
    return { role: s.role, who, online: other ? other.online : null, done: s.done, doneAt: s.doneAt, pending: s.pending };
  });
}

/** A document's roles (DocumentView.roles) as the room shows them; roles nobody holds or will hold are left out, as on the item. */
export function documentSignerLines(roles: readonly DocumentRoleView[], myRoles: readonly string[]): SignerLine[] {
  return roles
    .filter((r) => r.assigned !== null || r.pending)
    .map((r) => {
      const mine = myRoles.includes(r.name);
      const who = r.pending ? 'Not assigned yet' : mine ? 'You' : r.assigned === 'agent' ? 'Your agent' : (r.participant?.name ?? 'Another participant');
      return { role: r.name, who, online: mine || !r.participant ? null : r.participant.online, done: r.done, doneAt: r.doneAt, pending: r.pending };
    });
}

/** "Col (Cosigner): online, not signed yet" / "You (Customer): signed 2026-11-22 10:24 UTC". */
export function signerLineText(line: SignerLine): string {
  const state = line.done ? `signed${line.doneAt ? ` ${utc(line.doneAt)}` : ''}` : line.pending ? 'waiting to be assigned' : 'not signed yet';
  const presence = line.online === null ? '' : line.online ? 'online, ' : 'offline, ';
  return `${line.who} (${line.role}): ${presence}${state}`;
}

/** "2026-11-22 10:24 UTC": the same on the server and in the browser, whatever the time zone. */
const utc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
