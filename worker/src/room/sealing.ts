// Sealing a document whose every role is done: flatten the values, append
// the certificate page, sign (PAdES) with the org's own certificate or the
// service's, store it, register its hash for public verification, and
// complete the item. A failure (no certificate, the TSA down) leaves the
// signatures safe and tries again from the "seal" timer.
import { sha256HexBytes } from '../auth/crypto';
import { now } from '../clock';
import { findOrgSealing } from '../directory/org-sealing';
import { registerSealedDocument } from '../directory/sealed-documents';
import type { SealTransport } from '../documents/seal-transport';
import { pkcs12Transport } from '../documents/transports/pkcs12';
import { serviceCertificateTransport } from '../documents/transports/service-certificate';
import { logError, reasonOf } from '../log';
import type { RoomContext } from './context';
import type { DocumentDesk, LoadedDocument } from './document-desk';

const SEAL_RETRY_MS = 60_000;

export class Sealing {
  constructor(
    private readonly ctx: RoomContext,
    private readonly desk: DocumentDesk,
  ) {
    ctx.timers.on('seal', async (timer) => {
      ctx.timers.take(timer);
      await this.seal(timer.subject);
    });
  }

  async seal(itemId: string): Promise<void> {
    const doc = this.desk.load(itemId);
    if (!doc || doc.row.sealed_key) return;
    const s = this.ctx.store.session()!;
    try {
      const original = await this.ctx.env.FILES.get(doc.row.pdf_key);
      if (!original) throw new Error(`original PDF missing at ${doc.row.pdf_key}`);
      const own = await findOrgSealing(this.ctx.env, s.org_id);
      const transport: SealTransport = own.certificate ? pkcs12Transport(own.certificate.p12, own.certificate.password) : serviceCertificateTransport(this.ctx.env);
      // Loaded on demand: the PDF libraries and fonts stay off every other request's path.
      const { finalizeDocument } = await import('../documents/finalize');
      const { sealed, finalContentSha256 } = await finalizeDocument({
        original: new Uint8Array(await original.arrayBuffer()),
        fields: doc.fields,
        ...this.desk.valuesOf(doc),
        certificate: await this.certificate(doc),
        signer: { transport, reason: 'Sealed by Parley', location: 'Parley', ...(own.tsaUrl ? { tsaUrl: own.tsaUrl } : {}) },
      });
      const sha256 = await sha256HexBytes(sealed);
      const key = `orgs/${s.org_id}/sessions/${s.id}/documents/${itemId}/sealed.pdf`;
      await this.ctx.env.FILES.put(key, sealed, { httpMetadata: { contentType: 'application/pdf' }, customMetadata: { sha256 } });
      await registerSealedDocument(this.ctx.env.DB, { sha256, orgId: s.org_id, sessionId: s.id, itemId, name: doc.item.name, sealedAt: now() });
      this.desk.recordSealed(this.desk.load(itemId)!, { key, sha256 }, finalContentSha256);
    } catch (err) {
      logError('seal_failed', { sessionId: s.id, itemId, reason: reasonOf(err), retryInMs: SEAL_RETRY_MS });
      this.ctx.log.commit(() => this.ctx.timers.set({ kind: 'seal', subject: itemId }, now() + SEAL_RETRY_MS));
      await this.ctx.timers.arm();
    }
  }

  /** The certificate of completion: who took part and how, and every event of the trail. */
  private async certificate(doc: LoadedDocument) {
    const { store } = this.ctx;
    const names = await this.ctx.directory.names();
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
          authMethod: 'personal invitation link',
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
    };
  }
}
