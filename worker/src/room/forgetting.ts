// Forgetting a person in one session (GDPR erasure; the CRM deleted the
// contact): the participants who are that person keep their place in the
// session — items, signatures and the order of the chat still make sense —
// but lose their name, email and phone, their devices, reminders and delivery
// records, the words and files of their messages, and their IP and browser in
// the event log. Text others wrote loses the person's name and addresses.
// Their links stop opening the room and their unsent messages are cancelled.
//
// Kept, on purpose: documents. A sealed PDF, its field values and its
// hash-chained audit trail (with the IP of each signature) are the legal
// record of a signature, which erasure does not reach (GDPR art. 17(3)(b)
// and (e)); the audit chain could not be edited without breaking it anyway.
// A document still being signed keeps what was filled in too: it is the same
// record in the making, and other signers may still complete it. So does a
// file they attached in a document's field (an ID, a proof of address): the
// chat message that carries it keeps the file and loses only its words.
//
// D1 and R2 go first, the room's own change last (as invitations.ts does): if
// anything fails, the room still matches the person, and the webhook's retry
// does it all again; once the room committed, a repeat matches nobody.
import { FORGOTTEN_NAME, REMOVED_MESSAGE_TEXT, roomForgetRequestSchema, type RoomForgetOutcome, type RoomForgetRequest } from '../contract/privacy';
import { eraseOutboxOf, revokeLinksOf } from '../directory/erasure';
import { fileKey } from './chat';
import { forgetRequestFiles, requestFileKeysBy } from './request-store';
import type { RoomContext } from './context';
import { eraseFromEventData, mentionScrubber } from './erasure';
import type { ParticipantRow } from './store';

export interface ForgettingHooks {
  /** The participant was forgotten: any socket they still hold closes now. */
  forgotten(participantId: string): void;
}

export class Forgetting {
  constructor(
    private readonly ctx: RoomContext,
    private readonly hooks: ForgettingHooks,
  ) {}

  async forget(request: RoomForgetRequest): Promise<RoomForgetOutcome> {
    const req = roomForgetRequestSchema.parse(request);
    const { env, store, log, views, timers, directory, publisher } = this.ctx;
    const s = store.session();
    const targets = s && s.org_id === req.orgId ? this.matching(req) : [];
    if (!s || targets.length === 0) return { participants: [], outbox: 0 };
    const ids = targets.map((p) => p.id);
    const forgotten = new Set(ids);

    await revokeLinksOf(env.DB, s.org_id, s.id, ids, req.at);
    const outbox = await eraseOutboxOf(env.DB, s.org_id, s.id, ids, req.at);
    const theirs = store.allMessages().filter((m) => m.author_kind === 'participant' && forgotten.has(m.author_id));
    const inDocuments = store.fileIdsInDocuments();
    const actors = ids.map((id) => `participant:${id}`);
    const files = [...theirs.flatMap((m) => (m.file_id && !inDocuments.has(m.file_id) ? [fileKey(s, m.file_id)] : [])), ...requestFileKeysBy(store.sql, actors)];
    if (files.length > 0) await env.FILES.delete(files);
    // The event's participant view reads the settings last read: read them, the room may have just woken.
    await directory.settings();

    const scrub = mentionScrubber({
      names: [...targets.map((p) => p.name), ...req.names],
      emails: [...targets.flatMap((p) => (p.email ? [p.email] : [])), ...req.emails],
      phones: [...targets.flatMap((p) => (p.phone ? [p.phone] : [])), ...req.phones],
    });
    log.commit(() => {
      forgetRequestFiles(store.sql, actors);
      for (const p of targets) {
        store.forgetParticipant(p.id, FORGOTTEN_NAME, req.at);
        timers.clear({ kind: 'window', subject: p.id });
      }
      for (const m of store.allMessages()) {
        if (m.author_kind === 'participant' && forgotten.has(m.author_id)) store.rewriteMessage(m.id, REMOVED_MESSAGE_TEXT, m.file_id !== null && inDocuments.has(m.file_id));
        else if (m.text !== null && scrub(m.text) !== m.text) store.rewriteMessage(m.id, scrub(m.text), true);
      }
      for (const e of store.allEventData()) {
        const erased = eraseFromEventData(JSON.parse(e.data), forgotten, scrub, inDocuments);
        if (erased) store.rewriteEventData(e.version, JSON.stringify(erased));
      }
      for (const id of ids) log.emit('participant.forgotten', 'system', 'all', { participant: views.participant(id) });
    });
    for (const id of ids) this.hooks.forgotten(id);
    await timers.arm();
    await publisher.now();
    return { participants: targets.map((p) => ({ id: p.id, primary: p.is_primary === 1 })), outbox };
  }

  /** Participants not yet forgotten who are the person: by address, or the primary of a session that is theirs. */
  private matching(req: RoomForgetRequest): ParticipantRow[] {
    const emails = new Set(req.emails.map((e) => e.trim().toLowerCase()));
    const phones = new Set(req.phones.map((p) => p.trim()));
    return this.ctx.store
      .participants()
      .filter(
        (p) =>
          p.forgotten_at === null &&
          ((req.primary && p.is_primary === 1) || (p.email !== null && emails.has(p.email.trim().toLowerCase())) || (p.phone !== null && phones.has(p.phone.trim()))),
      );
  }
}
