// Consent to do business electronically (SPEC §4): the disclosure a
// participant reads before their first signature, and their consent,
// recorded with time, IP and user agent, the hash of the text they saw,
// and in the audit trail of every open document of theirs.
import { now } from '../clock';
import { sha256Hex } from '../auth/crypto';
import { ok, type Result } from '../errors';
import { participantKey, type ParticipantActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, Evidence } from './document-desk';
import { participantAuthMethod } from './otp';
import { iso } from '../contract/time';

export class Consent {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {}

  /** The disclosure to read: the org's text, or Parley's default, and whether this participant consented. */
  async disclosure(actor: ParticipantActor): Promise<Result<{ text: string; sha256: string; consentedAt: string | null }>> {
    const who = await this.ctx.access.authorize(actor);
    if (!who.ok) return who;
    const text = await this.ctx.directory.disclosureText();
    return ok({ text, sha256: await sha256Hex(text), consentedAt: iso(this.ctx.store.participant(actor.participantId)!.consent_at) });
  }

  async consent(actor: ParticipantActor, evidence: Evidence): Promise<Result<{ consentedAt: string }>> {
    const { store, log, views, access } = this.ctx;
    const who = await access.authorize(actor);
    if (!who.ok) return who;
    const denied = access.requireFullAccess(who.value.access!);
    if (denied) return denied;
    const p = store.participant(actor.participantId)!;
    if (p.consent_at === null) {
      const at = now();
      const disclosureSha256 = await sha256Hex(await this.ctx.directory.disclosureText());
      const by = participantKey(p.id);
      log.commit(() => {
        store.markConsented(p.id, at);
        log.emit('participant.consented', by, 'all', { participant: views.participant(p.id), ...evidence, disclosureSha256 });
        // Every open document of theirs records the consent in its own trail.
        for (const itemId of this.desk.openDocumentsOf(p.id)) {
          this.desk.audit(itemId, { actor: by, event: 'consented', detail: `disclosure ${disclosureSha256}`, evidence, authMethod: participantAuthMethod(p) });
        }
      });
      this.ctx.publisher.soon();
    }
    return ok({ consentedAt: iso(store.participant(p.id)!.consent_at)! });
  }
}
