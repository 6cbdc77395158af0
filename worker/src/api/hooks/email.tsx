// The email provider's webhooks (delivered, bounced, complained…) and the
// one-click unsubscribe link of Parley's own notices. A webhook is checked
// against its signature (the provider signs with the Svix scheme) with the
// secret of the endpoint it came to: /hooks/email for Parley's own account,
// /hooks/email/{orgId} for an org that connected its own.
import { Hono, type Context } from 'hono';
import { now } from '../../clock';
import { findMessagingProviders } from '../../directory/messaging-providers';
import { findOutboxRow } from '../../directory/outbox';
import { findOrgName } from '../../directory/orgs';
import { logWarning } from '../../log';
import { applyStatusReport, block, tellRoom } from '../../notify/delivery-reports';
import { parseEmailEvent } from '../../notify/email/email-events';
import { verifySvixSignature } from '../../notify/email/svix-signature';
import { openUnsubscribeToken } from '../../notify/unsubscribe';
import { UnsubscribedPage, UnsubscribePage } from '../../ui/unsubscribe-page';
import { customerLocale } from '../../ui/customer-locale';
import { translatorFor } from '../../i18n/catalogue';
import type { AppEnv } from '../context';
import { webhookBody } from '../body-limits';

export const emailHooks = new Hono<AppEnv>();
emailHooks.use('/hooks/email/*', webhookBody);
emailHooks.use('/hooks/email', webhookBody);

async function receive(c: Context<AppEnv>, secret: string | null | undefined, orgIds: string[] | null): Promise<Response> {
  const refuse = (status: 400 | 403 | 404, code: string, message: string) => c.json({ error: { code, message } }, status);
  if (!secret) return refuse(404, 'not_configured', 'no email webhook secret is set for this endpoint');
  const raw = await c.req.text();
  const verdict = await verifySvixSignature(secret, c.req.raw.headers, raw, now());
  if (verdict !== true) return refuse(403, 'webhook_refused', verdict);
  let payload: unknown;
  try {
    payload = JSON.parse(raw);
  } catch {
    return refuse(400, 'invalid_event', 'body: not valid JSON');
  }
  const report = parseEmailEvent(payload);
  if (typeof report === 'string') return refuse(400, 'invalid_event', report);
  if (report === null) return c.body(null, 204); // an event that says nothing about delivery (opened, clicked)
  const outcome = await applyStatusReport(c.env, report, orgIds, now());
  if (outcome === 'unknown_message') logWarning('email_event_unmatched', { providerId: report.providerId, outboxId: report.outboxId });
  return c.body(null, 204);
}

emailHooks.post('/hooks/email', (c) => receive(c, c.env.EMAIL_WEBHOOK_SECRET, null));
emailHooks.post('/hooks/email/:orgId', async (c) => {
  const orgId = c.req.param('orgId');
  return receive(c, (await findMessagingProviders(c.env, orgId)).email?.webhookSecret, [orgId]);
});

// The unsubscribe link: GET shows a button (mail scanners follow links), and
// the press — or a mail client's one-click POST (RFC 8058) — unsubscribes.
emailHooks.get('/hooks/email/unsubscribe/:token', async (c) => {
  const t = translatorFor(customerLocale(c, null));
  const row = await rowOf(c);
  if (!row) return c.html(<UnsubscribedPage t={t} orgName={null} />, 404);
  return c.html(<UnsubscribePage t={t} orgName={(await findOrgName(c.env.DB, row.org_id)) ?? 'Parley'} action={c.req.path} />);
});

emailHooks.post('/hooks/email/unsubscribe/:token', async (c) => {
  const t = translatorFor(customerLocale(c, null));
  const row = await rowOf(c);
  if (!row) return c.html(<UnsubscribedPage t={t} orgName={null} />, 404);
  const at = now();
  const reason = 'the customer unsubscribed with the link in an email';
  await block(c.env.DB, row, 'opted_out', reason, at);
  await tellRoom(c.env, row, 'opted_out', reason, at);
  return c.html(<UnsubscribedPage t={t} orgName={(await findOrgName(c.env.DB, row.org_id)) ?? 'Parley'} />);
});

async function rowOf(c: Context<AppEnv>) {
  const outboxId = await openUnsubscribeToken(c.env, c.req.param('token') ?? '');
  const row = outboxId ? await findOutboxRow(c.env.DB, outboxId) : null;
  return row?.recipient_key ? row : null;
}
