// Consent to do business electronically (SPEC §4): the disclosure a
// participant reads before their first signature, and their consent,
// recorded with time, IP and user agent, the hash of the text they saw and
// its language, and in the audit trail of every open document of theirs.
// Parley's default is shown in the participant's language (their own, else
// the browser's the page was drawn in); an org's own text is shown as its
// admin wrote it, whatever the language (its language is then null).
import { now } from '../clock';
import { sha256Hex } from '../auth/crypto';
import { ESIGN_DISCLOSURES } from '../documents/esign-disclosure';
import { ok, type Result } from '../errors';
import { DEFAULT_LOCALE, localeOf, type Locale } from '../i18n/locales';
import { participantKey, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, Evidence } from './document-desk';
import { participantAuthMethod } from './otp';
import type { ParticipantRow } from './store';
import { iso } from '../contract/time';

export interface Disclosure {
  text: string;
  sha256: string;
  /** The language of Parley's default shown; null: the org's own text. */
  language: Locale | null;
}

export class Consent {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {}

  /** The disclosure to read: the org's text, or Parley's default in the reader's language, and whether this participant consented. */
  async disclosure(actor: ParticipantActor, browser: Locale | null = null): Promise<Result<Disclosure & { consentedAt: string | null }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const p = this.ctx.store.participant(actor.participantId)!;
    return ok({ ...(await this.shownTo(p, browser)), consentedAt: iso(p.consent_at) });
  }

  async consent(actor: ParticipantActor, evidence: Evidence, browser: Locale | null = null): Promise<Result<{ consentedAt: string }>> {
    const { store, log, views, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const denied = access.requireFullAccess(who.value.access!);
    if (denied) return denied;
    const p = store.participant(actor.participantId)!;
    if (p.consent_at === null) {
      const at = now();
      // The text this reader was shown: the same choice as disclosure() made for them.
      const shown = await this.shownTo(p, browser);
      const by = participantKey(p.id);
      const detail = `disclosure ${shown.sha256} (${shown.language ?? "the org's own text"})`;
      log.commit(() => {
        store.markConsented(p.id, at);
        log.emit('participant.consented', by, 'all', { participant: views.participant(p.id), ...evidence, disclosureSha256: shown.sha256, disclosureLanguage: shown.language });
        // Every open document of theirs records the consent in its own trail.
        for (const itemId of this.desk.openDocumentsOf(p.id)) {
          this.desk.audit(itemId, { actor: by, event: 'consented', detail, evidence, authMethod: participantAuthMethod(p) });
        }
      });
      this.ctx.publisher.soon();
    }
    return ok({ consentedAt: iso(store.participant(p.id)!.consent_at)! });
  }

  private async shownTo(p: ParticipantRow, browser: Locale | null): Promise<Disclosure> {
    const setting = await this.ctx.directory.disclosure();
    const language = setting.custom ? null : (localeOf(p.language) ?? browser ?? DEFAULT_LOCALE);
    const text = language ? ESIGN_DISCLOSURES[language] : setting.text;
    return { text, sha256: await sha256Hex(text), language };
  }
}
