// Twilio's webhooks: status callbacks for the messages Parley sent
// (/hooks/twilio/status, named in each message's StatusCallback), and
// messages customers send back (/hooks/twilio/inbound, set as the number's
// or Messaging Service's incoming-message webhook). Each request is checked
// against X-Twilio-Signature with the auth token of the account it says it
// is from — Parley's own, or the org's that connected that account — and
// refused otherwise, before anything in it is used.
import { Hono, type Context } from 'hono';
import { now } from '../../clock';
import { liftOptOut } from '../../directory/blocked-addresses';
import { orgsWithTwilioAccount } from '../../directory/messaging-providers';
import { latestSmsTo, type OutboxRow } from '../../directory/outbox';
import { findOrgName } from '../../directory/orgs';
import { smsKeyword } from '../../domain/sms-keywords';
import type { Env } from '../../env';
import { logWarning } from '../../log';
import { addressKey } from '../../notify/address-key';
import { applyStatusReport, block } from '../../notify/delivery-reports';
import { serviceTwilioAccount } from '../../notify/senders';
import { parseInboundSms, parseStatusCallback, twiml } from '../../notify/twilio/twilio-callbacks';
import { validTwilioSignature } from '../../notify/twilio/twilio-signature';
import { sessionRoom } from '../../room/address';
import type { AppEnv } from '../context';
import { webhookBody } from '../body-limits';

export const twilioHooks = new Hono<AppEnv>();
twilioHooks.use('/hooks/twilio/*', webhookBody);

/** A signed request from a Twilio account Parley knows: its parameters, and the orgs it may speak for (null: Parley's own account, any org). */
type Verified = { params: URLSearchParams; orgIds: string[] | null } | { refused: Response };

async function verified(c: Context<AppEnv>): Promise<Verified> {
  const refuse = (status: 400 | 403, message: string) => ({ refused: c.json({ error: { code: 'webhook_refused', message } }, status) });
  if (c.req.header('Content-Type')?.split(';')[0]?.trim() !== 'application/x-www-form-urlencoded') return refuse(400, 'Twilio posts application/x-www-form-urlencoded');
  const params = new URLSearchParams(await c.req.text());
  const signature = c.req.header('X-Twilio-Signature') ?? null;
  if (!signature) return refuse(403, 'X-Twilio-Signature is missing');
  const accountSid = params.get('AccountSid');
  if (!accountSid) return refuse(400, 'AccountSid is missing');
  const service = serviceTwilioAccount(c.env);
  const candidates: { authToken: string; orgIds: string[] | null }[] =
    service?.accountSid === accountSid ? [{ authToken: service.authToken, orgIds: null }] : (await orgsWithTwilioAccount(c.env, accountSid)).map((o) => ({ authToken: o.twilio.authToken, orgIds: [o.orgId] }));
  for (const candidate of candidates) {
    if (await validTwilioSignature(candidate.authToken, c.req.url, params, signature)) return { params, orgIds: candidate.orgIds };
  }
  return refuse(403, candidates.length ? 'X-Twilio-Signature does not match this request' : `account ${accountSid} is not connected to Parley`);
}

const xml = (c: Context<AppEnv>, body: string) => c.body(body, 200, { 'Content-Type': 'text/xml; charset=utf-8' });

twilioHooks.post('/hooks/twilio/status', async (c) => {
  const v = await verified(c);
  if ('refused' in v) return v.refused;
  const report = parseStatusCallback(v.params, c.req.query('m') ?? null);
  if (typeof report === 'string') return c.json({ error: { code: 'invalid_callback', message: report } }, 400);
  const outcome = await applyStatusReport(c.env, report, v.orgIds, now());
  if (outcome === 'unknown_message') logWarning('status_callback_unmatched', { providerId: report.providerId, outboxId: report.outboxId });
  // Twilio retries nothing it got a 2xx for; an unknown message is not worth its retries either.
  return c.body(null, 204);
});

twilioHooks.post('/hooks/twilio/inbound', async (c) => {
  const v = await verified(c);
  if ('refused' in v) return v.refused;
  const inbound = parseInboundSms(v.params);
  if (typeof inbound === 'string') return c.json({ error: { code: 'invalid_message', message: inbound } }, 400);
  const at = now();
  // The message it answers: the latest Parley sent to this number from the number it came back to.
  const row = await latestSmsTo(c.env.DB, await addressKey('sms', inbound.from), inbound.to, v.orgIds);
  // With Advanced Opt-Out, Twilio has answered the keyword itself (and says so in OptOutType): do not answer twice.
  const twilioAnswered = v.params.has('OptOutType');
  const keyword = smsKeyword(inbound.body);
  // Read only for an answer that names the org: a plain reply needs none.
  const orgName = async () => (row ? ((await findOrgName(c.env.DB, row.org_id)) ?? 'Parley') : 'Parley');

  if (keyword === 'stop') {
    if (row) await optOut(c.env, row, at);
    return xml(c, twiml(twilioAnswered ? null : `You will get no more texts from ${await orgName()}. Reply START to get them again.`));
  }
  if (keyword === 'start') {
    if (row) await liftOptOut(c.env.DB, row.org_id, row.recipient_key!);
    return xml(c, twiml(twilioAnswered ? null : `You will get texts from ${await orgName()} again. Reply STOP to stop them.`));
  }
  if (keyword === 'help') {
    return xml(c, twiml(twilioAnswered ? null : `${await orgName()}: texts about your secure session. Reply to write to your agent, STOP to stop texts, START to resume.`));
  }
  if (!row) {
    logWarning('inbound_sms_unmatched', { messageSid: inbound.messageSid });
    return xml(c, twiml(null));
  }
  const text = inbound.media > 0 ? `${inbound.body}${inbound.body ? '\n' : ''}(sent ${inbound.media === 1 ? 'a picture' : `${inbound.media} pictures`} by MMS, which the chat cannot show)` : inbound.body;
  if (!text.trim()) return xml(c, twiml(null));
  const posted = await sessionRoom(c.env, row.session_id).smsReply(row.participant_id, text);
  if (!posted.ok) {
    logWarning('inbound_sms_refused', { sessionId: row.session_id, messageSid: inbound.messageSid, reason: posted.message });
    return xml(c, twiml(`This conversation with ${await orgName()} has ended, so your agent will not see this reply.`));
  }
  return xml(c, twiml(null));
});

/** STOP: this org texts the number no more, and the agent sees why on the participant. */
async function optOut(env: Env, row: OutboxRow, at: number): Promise<void> {
  const reason = 'the customer replied STOP to a text';
  await block(env.DB, row, 'opted_out', reason, at);
  await applyStatusReport(env, { providerId: row.provider_id!, outboxId: row.id, status: 'opted_out', reason, code: null, sender: null, blockAddress: null }, null, at);
}
