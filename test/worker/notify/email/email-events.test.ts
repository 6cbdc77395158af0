// Resend's webhook events in the outbox's words. The payloads are the
// examples of Resend's event pages (email.bounced, email.failed, …), with
// an outbox_id tag as Parley's emails carry; then the fake's own webhooks,
// signed, verified and read end to end.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxMessage } from '../../../../worker/src/notify/outbox';
import { parseEmailEvent } from '../../../../worker/src/notify/email/email-events';
import { emailSender } from '../../../../worker/src/notify/email/email-sender';
import { verifySvixSignature } from '../../../../worker/src/notify/email/svix-signature';
import type { StatusReport } from '../../../../worker/src/notify/sender';
import { FakeResend } from '../../../fakes/email/fake-resend';

const OUTBOX_ID = 'msg_par_Ab12Cd34Ef56Gh78_1_email';

/** An event as Resend's pages show it: { type, created_at, data }. */
function event(type: string, extra: Record<string, unknown> = {}, tags: unknown = { outbox_id: OUTBOX_ID }) {
  return {
    type,
    created_at: '2026-02-22T23:41:12.126Z',
    data: {
      created_at: '2026-02-22T23:41:11.894Z',
      email_id: '56761188-7520-42d8-8898-ff6fc54ce618',
      message_id: '<111-222-333@email.example.com>',
      from: 'Acme <onboarding@resend.dev>',
      to: ['delivered@resend.dev'],
      subject: 'Sending this example',
      tags,
      ...extra,
    },
  };
}

const base = { providerId: '56761188-7520-42d8-8898-ff6fc54ce618', outboxId: OUTBOX_ID, sender: 'onboarding@resend.dev' };

describe('parseEmailEvent', () => {
  it('email.sent → sent; email.delivered → delivered', () => {
    expect(parseEmailEvent(event('email.sent'))).toEqual({ ...base, status: 'sent', reason: null, code: null, blockAddress: null });
    expect(parseEmailEvent(event('email.delivered'))).toEqual({ ...base, status: 'delivered', reason: null, code: null, blockAddress: null });
  });

  it('email.delivery_delayed → still sent, with the reason', () => {
    expect(parseEmailEvent(event('email.delivery_delayed'))).toMatchObject({ status: 'sent', code: 'delivery_delayed', blockAddress: null, reason: expect.stringMatching(/^Delivery delayed/) });
  });

  it('a permanent bounce → failed with the server’s message, and the address blocked', () => {
    const report = parseEmailEvent(
      event('email.bounced', {
        bounce: {
          message: "The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
          subType: 'Suppressed',
          type: 'Permanent',
        },
      }),
    );
    expect(report).toEqual({
      ...base,
      status: 'failed',
      reason: "Hard bounce (Suppressed): The recipient's email address is on the suppression list because it has a recent history of producing hard bounces.",
      code: 'Permanent.Suppressed',
      blockAddress: 'bounced',
    });
  });

  it('a transient or undetermined bounce → failed, the address left open', () => {
    const soft = parseEmailEvent(event('email.bounced', { bounce: { message: 'Mailbox full', subType: 'MailboxFull', type: 'Transient' } })) as StatusReport;
    expect(soft).toMatchObject({ status: 'failed', reason: 'Soft bounce (MailboxFull): Mailbox full', code: 'Transient.MailboxFull', blockAddress: null });
    const unknown = parseEmailEvent(event('email.bounced', { bounce: { diagnosticCode: ['smtp; 550 5.5.0 mailbox unavailable'], type: 'Undetermined', subType: 'Undetermined' } })) as StatusReport;
    expect(unknown).toMatchObject({ status: 'failed', reason: 'Bounced (Undetermined): smtp; 550 5.5.0 mailbox unavailable', blockAddress: null });
    expect(parseEmailEvent(event('email.bounced'))).toMatchObject({ status: 'failed', code: null, blockAddress: null, reason: "Bounced: the recipient's mail server refused the email" });
  });

  it('email.complained → opted out, the address blocked as complained', () => {
    expect(parseEmailEvent(event('email.complained'))).toEqual({ ...base, status: 'opted_out', reason: 'The recipient marked the email as spam', code: 'complained', blockAddress: 'complained' });
  });

  it('email.failed → failed, with Resend’s reason', () => {
    expect(parseEmailEvent(event('email.failed', { failed: { reason: 'reached_daily_quota' } }))).toMatchObject({
      status: 'failed',
      reason: 'Resend could not send the email: reached daily quota',
      code: 'reached_daily_quota',
      blockAddress: null,
    });
  });

  it('email.suppressed → opted out, with Resend’s reason', () => {
    const report = parseEmailEvent(
      event('email.suppressed', { suppressed: { message: 'Resend has suppressed sending to this address because it is on the account-level suppression list.', type: 'OnAccountSuppressionList' } }),
    );
    expect(report).toMatchObject({ status: 'opted_out', code: 'OnAccountSuppressionList', reason: expect.stringContaining('account-level suppression list') });
  });

  it('says nothing (null) for events about opens, clicks, scheduling, contacts or domains', () => {
    for (const type of ['email.opened', 'email.clicked', 'email.scheduled', 'email.received', 'contact.created', 'domain.updated']) {
      expect(parseEmailEvent(event(type))).toBeNull();
    }
  });

  it('reads the outbox id from the documented tags object, the list form too, and copes without one', () => {
    expect((parseEmailEvent(event('email.sent', {}, [{ name: 'outbox_id', value: OUTBOX_ID }])) as StatusReport).outboxId).toBe(OUTBOX_ID);
    expect((parseEmailEvent(event('email.sent', {}, { category: 'welcome' })) as StatusReport).outboxId).toBeNull();
    expect((parseEmailEvent(event('email.sent', {}, null)) as StatusReport).outboxId).toBeNull();
  });

  it('names what is wrong with a payload that is not Resend’s', () => {
    expect(parseEmailEvent('email.sent')).toBe('the webhook payload is not a JSON object');
    expect(parseEmailEvent({ data: {} })).toBe('the webhook payload has no type');
    expect(parseEmailEvent({ type: 'email.delivered' })).toBe('the email.delivered event has no data object');
    expect(parseEmailEvent({ type: 'email.delivered', data: { tags: {} } })).toBe('the email.delivered event has no data.email_id');
  });
});

describe('the fake’s webhooks, end to end', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  /** Sends one email through the sender and reads every webhook it leads to, as the Worker's route would. */
  async function reportsFor(recipient: string): Promise<{ id: string; reports: Array<StatusReport | null | string> }> {
    const fake = new FakeResend();
    fake.addApiKey('re_key');
    vi.stubGlobal('fetch', fake.fetch);
    const message = { id: OUTBOX_ID, channel: 'email', recipient, subject: 'Hi', body: '<p>Hi</p>', link: 'https://parley.example/r/x' } as OutboxMessage;
    const { providerId } = await emailSender({ apiBase: 'https://api.resend.com', apiKey: 're_key', fromAddress: 'noreply@parley.example', fromName: 'Parley' }).send(message, {
      idempotencyKey: OUTBOX_ID,
      statusCallbackUrl: 'https://parley.example/webhooks/email',
      unsubscribeUrl: null,
    });
    const reports: Array<StatusReport | null | string> = [];
    const endpoint = async (_url: string, init: RequestInit) => {
      const headers = new Headers(init.headers);
      const body = init.body as string;
      const verdict = await verifySvixSignature(fake.webhookSecret, headers, body, Date.now());
      if (verdict !== true) return new Response(verdict, { status: 400 });
      reports.push(parseEmailEvent(JSON.parse(body)));
      return new Response(null, { status: 204 });
    };
    const deliveries = await fake.deliverWebhooks(endpoint, 'https://parley.example/webhooks/email');
    expect(deliveries.every((d) => d.status === 204)).toBe(true);
    expect(fake.pendingWebhooks).toHaveLength(0);
    return { id: providerId, reports };
  }

  it('delivered@resend.dev: sent, then delivered', async () => {
    const { id, reports } = await reportsFor('delivered@resend.dev');
    expect(reports).toEqual([
      { providerId: id, outboxId: OUTBOX_ID, sender: 'noreply@parley.example', status: 'sent', reason: null, code: null, blockAddress: null },
      { providerId: id, outboxId: OUTBOX_ID, sender: 'noreply@parley.example', status: 'delivered', reason: null, code: null, blockAddress: null },
    ]);
  });

  it('bounced+label@resend.dev: sent, then failed with the address blocked', async () => {
    const { reports } = await reportsFor('bounced+invite@resend.dev');
    expect(reports.map((r) => [(r as StatusReport).status, (r as StatusReport).blockAddress])).toEqual([
      ['sent', null],
      ['failed', 'bounced'],
    ]);
    expect((reports[1] as StatusReport).reason).toMatch(/^Hard bounce: .*550 5\.1\.1/);
  });

  it('complained@resend.dev: sent, delivered, then opted out as a complaint', async () => {
    const { reports } = await reportsFor('complained@resend.dev');
    expect(reports.map((r) => [(r as StatusReport).status, (r as StatusReport).blockAddress])).toEqual([
      ['sent', null],
      ['delivered', null],
      ['opted_out', 'complained'],
    ]);
  });

  it('suppressed@resend.dev: sent, then opted out as suppressed', async () => {
    const { reports } = await reportsFor('suppressed@resend.dev');
    expect(reports.map((r) => (r as StatusReport).status)).toEqual(['sent', 'opted_out']);
  });
});
