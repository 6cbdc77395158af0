// The participant's own language (i18n/locales.ts): the one their room,
// reminders and one-time codes speak. The agent or the CRM sets it at
// invitation (participants.ts, lifecycle.ts); the customer changes it here,
// from the language menu of any room page. No event-log row: it is a
// preference, not something that happened in the session, but the agent's
// view shows it, so the agent's sockets hear of it.
import { setLinkLanguage } from '../directory/participant-links';
import { ok, type Result } from '../errors';
import type { Locale } from '../i18n/locales';
import type { ParticipantActor } from './actors';
import type { RoomContext } from './context';

export class Languages {
  constructor(private readonly ctx: RoomContext) {}

  /** The customer picked a language: stored for the room and every message to come, and for the pages their link shows. */
  async choose(actor: ParticipantActor, language: Locale): Promise<Result<{ language: Locale }>> {
    const { store, log, env } = this.ctx;
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const p = store.participant(actor.participantId)!;
    if (p.language !== language) {
      // D1 first: the join page reads the link's language there; the room's own row follows.
      await setLinkLanguage(env.DB, store.session()!.id, p.id, language);
      log.commit(() => store.setLanguage(p.id, language));
      this.ctx.publisher.soon();
    }
    return ok({ language });
  }
}
