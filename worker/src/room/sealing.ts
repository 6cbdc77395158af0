// Sealing a document whose every role is done: flatten the values, append
// the certificate page, sign (PAdES) with the org's own certificate or the
// service's, store it, register its hash for public verification, and
// complete the item.
//
// A failed try (no usable certificate, the TSA down) leaves the signatures
// safe and is tried again from the "seal" timer after a growing wait
// (domain/seal-retries.ts). Each try is counted in the room's storage before
// it starts, with the next one already planned, so a Worker that dies in the
// middle of one (a restart, a hostile file) neither resets the count nor
// forgets the document. After the last try the document shows "sealing
// failed" with the reason to agents, in the event log and the CRM, and only
// an admin's retry tries it again.
import { sha256HexBytes } from '../auth/crypto';
import { now } from '../clock';
import { findOrgSealing } from '../directory/org-sealing';
import { certificateBrand } from '../directory/branding-store';
import { registerSealedDocument } from '../directory/sealed-documents';
import { SealSourceMissingError, sealFailureReason } from '../documents/seal-failure';
import type { SealTransport } from '../documents/seal-transport';
import { SEAL_MAX_ATTEMPTS, sealRetryDelay } from '../domain/seal-retries';
import { fail, notFound, ok, type Result } from '../errors';
import { type LogFields, logError, logInfo, reasonOf } from '../log';
import type { AgentActor } from './actors';
import type { RoomContext } from './context';
import type { DocumentDesk, LoadedDocument } from './document-desk';
import { timerKey } from './timers';
import { participantAuthMethod } from './otp';
import { itemViewOf } from './views';

/**
 * How long the last try has to report back. A Worker that stopped in it
 * (nothing else ends a try without a result) leaves the timer to ring
 * after this, and the document is marked failed rather than left waiting.
 * Well above a try's own bounds (the TSA's time limit, the PDF limits).
 */
const LAST_TRY_GRACE_MS = 5 * 60_000;

const sealTimer = (itemId: string) => ({ kind: 'seal', subject: itemId }) as const;

export class Sealing {
  /** Documents with a try under way in this instance: a second one never runs beside it. */
  private readonly trying = new Set<string>();

  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {
    ctx.timers.on('seal', async (timer) => {
      ctx.timers.take(timer);
      await this.due(timer.subject);
    });
  }

  /** The last role signed: the first try. */
  async seal(itemId: string): Promise<void> {
    await this.attempt(itemId);
  }

  /**
   * An admin tries again a document whose sealing failed: the count starts
   * over, and it is tried now (sealed, the normal path runs; failed again,
   * the waits start from one minute).
   */
  async retry(actor: AgentActor, itemId: string): Promise<Result<null>> {
    const visible = await this.ctx.access.agentSession(actor);
    if (!visible.ok) return visible;
    if (!actor.admin) return fail(403, 'admin_only', 'only an admin can do this');
    const doc = this.desk.load(itemId);
    if (!doc) return notFound('document');
    if (doc.row.sealed_key) return fail(409, 'already_sealed', 'this document is already sealed');
    if (this.trying.has(itemId)) return fail(409, 'seal_in_progress', 'the document is being sealed right now; look again in a moment');
    const tries = this.ctx.store.sealAttempts(itemId);
    if (!tries || tries.failed_at === null) return fail(409, 'seal_not_failed', `sealing has not failed: ${this.notFailedBecause(doc)}`);
    this.ctx.log.commit(() => this.ctx.store.clearSealAttempts(itemId));
    await this.attempt(itemId);
    return ok(null);
  }

  /** Why a document is not in the failed state, for the admin who asked to retry it. */
  private notFailedBecause(doc: LoadedDocument): string {
    const tries = this.ctx.store.sealAttempts(doc.item.id);
    if (tries) {
      const next = this.ctx.store.timerDue(timerKey(sealTimer(doc.item.id)));
      return `it is being retried (${tries.attempts} of ${SEAL_MAX_ATTEMPTS} tries made${next ? `, the next at ${new Date(next).toISOString()}` : ''})`;
    }
    const allSigned = doc.roles.every((r) => doc.done.has(r.name) || doc.assignments[r.name] === undefined);
    return allSigned ? 'it has not been tried yet' : 'the document is not signed by everyone yet';
  }

  /** The "seal" timer rang: the next try, or (the last try never reported back) the verdict. */
  private async due(itemId: string): Promise<void> {
    const tries = this.ctx.store.sealAttempts(itemId);
    if (tries?.failed_at != null || this.trying.has(itemId)) return;
    if (tries && tries.attempts >= SEAL_MAX_ATTEMPTS) {
      const reason = tries.reason ?? 'the last try did not finish (the service stopped during it)';
      logError('seal_failed', { sessionId: this.ctx.store.session()?.id, itemId, attempt: tries.attempts, maxAttempts: SEAL_MAX_ATTEMPTS, reason: 'the last try never reported back', final: true });
      return this.giveUp(itemId, reason);
    }
    await this.attempt(itemId);
  }

  private async attempt(itemId: string): Promise<void> {
    const doc = this.desk.load(itemId);
    if (!doc || doc.row.sealed_key || this.trying.has(itemId)) return;
    // Taken before the first await: a call arriving meanwhile sees the try under way.
    this.trying.add(itemId);
    const s = this.ctx.store.session()!;
    const attempt = (this.ctx.store.sealAttempts(itemId)?.attempts ?? 0) + 1;
    try {
      const startedAt = now();
      // Counted, and the next try planned, before this one runs (see the top of the file).
      this.ctx.log.commit(() => {
        this.ctx.store.beginSealAttempt(itemId, startedAt);
        this.ctx.timers.set(sealTimer(itemId), startedAt + (sealRetryDelay(attempt) ?? LAST_TRY_GRACE_MS));
      });
      await this.ctx.timers.arm();
      const original = await this.ctx.env.FILES.get(doc.row.pdf_key);
      if (!original) throw new SealSourceMissingError(`original PDF missing at ${doc.row.pdf_key}`);
      const own = await findOrgSealing(this.ctx.env, s.org_id);
      // Loaded on demand, like the transports: the PDF libraries, fonts and node-forge (the
      // certificates' reader) stay off every other request's path and out of startup.
      const transport: SealTransport = own.certificate
        ? (await import('../documents/transports/pkcs12')).pkcs12Transport(own.certificate.p12, own.certificate.password)
        : (await import('../documents/transports/service-certificate')).serviceCertificateTransport(this.ctx.env);
      const { finalizeDocument } = await import('../documents/finalize');
      const took: LogFields = {};
      const { sealed, finalContentSha256 } = await finalizeDocument({
        original: new Uint8Array(await original.arrayBuffer()),
        fields: doc.fields,
        ...this.desk.valuesOf(doc),
        certificate: await this.certificate(doc),
        signer: { transport, reason: 'Sealed by Parley', location: 'Parley', ...(own.tsaUrl ? { tsaUrl: own.tsaUrl } : {}) },
        onStage: (stage, ms) => (took[`${stage}Ms`] = Math.round(ms)),
      });
      const sha256 = await sha256HexBytes(sealed);
      const key = `orgs/${s.org_id}/sessions/${s.id}/documents/${itemId}/sealed.pdf`;
      await this.ctx.env.FILES.put(key, sealed, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256 } });
      await registerSealedDocument(this.ctx.env.DB, { sha256, orgId: s.org_id, sessionId: s.id, itemId, name: doc.item.name, sealedAt: now() });
      this.desk.recordSealed(this.desk.load(itemId)!, { key, sha256 }, finalContentSha256);
      await this.ctx.timers.arm();
      logInfo('document_sealed', { sessionId: s.id, itemId, attempt, bytes: sealed.length, ...took });
    } catch (err) {
      await this.failed(itemId, attempt, err);
    } finally {
      this.trying.delete(itemId);
    }
  }

  /** A try failed: wait and try again, or, after the last, give up. */
  private async failed(itemId: string, attempt: number, err: unknown): Promise<void> {
    const reason = sealFailureReason(err);
    const wait = sealRetryDelay(attempt);
    logError('seal_failed', {
      sessionId: this.ctx.store.session()?.id,
      itemId,
      attempt,
      maxAttempts: SEAL_MAX_ATTEMPTS,
      reason: reasonOf(err),
      retryInMs: wait,
      final: wait === null,
    });
    if (wait === null) return this.giveUp(itemId, reason);
    this.ctx.log.commit(() => {
      this.ctx.store.noteSealFailure(itemId, reason);
      // From the end of this try: a slow failure (a TSA timing out) still gets its full wait.
      this.ctx.timers.set(sealTimer(itemId), now() + wait);
    });
    await this.ctx.timers.arm();
  }

  /** No more tries: the document shows "sealing failed" with the reason, for agents and the CRM. */
  private async giveUp(itemId: string, reason: string): Promise<void> {
    const item = this.ctx.store.item(itemId);
    const tries = this.ctx.store.sealAttempts(itemId);
    if (!item || !tries) return;
    this.ctx.log.commit(() => {
      this.ctx.store.markSealFailed(itemId, reason, now());
      this.ctx.timers.clear(sealTimer(itemId));
      this.ctx.log.emit('document.seal_failed', 'system', 'agents', { item: itemViewOf(this.ctx.store, item), reason, attempts: tries.attempts });
    });
    await this.ctx.timers.arm();
    this.ctx.publisher.soon();
  }

  /** The certificate of completion: who took part and how, and every event of the trail. */
  private async certificate(doc: LoadedDocument) {
    const { store } = this.ctx;
    const names = await this.ctx.directory.names();
    const brand = await certificateBrand(this.ctx.env, store.session()!.org_id);
    const actorName = (actor: string) => {
      if (actor === 'system') return 'Parley';
      if (actor.startsWith('agent:')) return `${names.agentName} (agent)`;
      const p = store.participant(actor.slice('participant:'.length));
      return p ? `${p.name} (${p.role_name})` : actor;
    };
    return {
      documentName: doc.item.name,
      documentId: doc.item.id,
      participants: Object.entries(doc.assignments).map(([role, who]) => {
        if (who === 'agent') return { name: names.agentName, role, authMethod: 'agent sign-in' };
        const p = store.participant(who)!;
        return {
          name: p.name,
          role,
          ...(p.email ? { email: p.email } : {}),
          ...(p.phone ? { phone: p.phone } : {}),
          authMethod: participantAuthMethod(p),
          ...(p.consent_at ? { consentedAt: new Date(p.consent_at).toISOString() } : {}),
        };
      }),
      events: this.desk.auditTrail(doc.item.id).entries.map((e) => ({
        at: new Date(e.at).toISOString(),
        actor: actorName(e.actor),
        event: e.event,
        ...(e.ip ? { ip: e.ip } : {}),
        ...(e.userAgent ? { userAgent: e.userAgent } : {}),
        ...(e.authMethod ? { authMethod: e.authMethod } : {}),
      })),
      originalSha256: doc.row.original_sha256,
      // The org's logo, name and colour head the certificate.
      ...(brand ? { brand } : {}),
    };
  }
}
