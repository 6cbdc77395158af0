// Parley's SMS through Twilio Programmable Messaging: one POST to the
// Message resource per message, and — after a try that got no answer — a look
// at the account's recent messages to learn whether that try created one.
// Request and answer shapes follow Twilio's Message resource reference
// (twilio.com/docs/messaging/api/message-resource) and its REST API error
// format ({code, message, more_info, status}).
//
// Twilio's Messages API has no idempotency key for creates: a POST that timed
// out may or may not have created the message, and POSTing it again could
// send it twice. So the outbox never retries an 'unknown' try blindly; it
// calls reconcile first, which finds the message by its exact text (every
// Parley SMS carries its own room link, so no two bodies are alike).
// SendOptions.idempotencyKey has nowhere to go here and is not sent.
import { acceptsAlphanumericSender } from '../../domain/alphanumeric-sender';
import type { OutboxMessage } from '../outbox';
import { providerFetch, retryAfterSeconds, SendFailure, type Accepted, type Sender, type SendOptions } from '../sender';
import { twilioErrorReason } from './twilio-callbacks';

export interface TwilioConfig {
  /** e.g. https://api.twilio.com; TWILIO_API_BASE overrides (a local fake). */
  apiBase: string;
  accountSid: string;
  authToken: string;
  /** A Twilio number of the account, E.164. */
  fromNumber: string | null;
  /** A Messaging Service (MG…) that picks the sender from its pool. */
  messagingServiceSid: string | null;
  /** The org's alphanumeric SMS sender name, used where the destination country accepts one unregistered. */
  senderName: string | null;
}

export interface TwilioSenderOptions {
  /** How long one call may take before its outcome counts as unknown. Default PROVIDER_TIMEOUT_MS (tests shorten it). */
  timeoutMs?: number;
}

/** The newest messages to one recipient that reconcile reads: more than Parley sends anyone between two tries. */
const RECONCILE_PAGE_SIZE = 50;
/** Slack for the difference between Parley's clock and Twilio's. */
const CLOCK_SKEW_MS = 60_000;

// Twilio's rule for an alphanumeric sender ID (see the DestinationAlphaSender
// resource): up to 11 of A–Z, a–z, 0–9, space, hyphen, plus, underscore and
// ampersand, not only digits.
const SENDER_NAME = /^(?=.*[A-Za-z])[A-Za-z0-9 +\-_&]{1,11}$/;

export function twilioSender(config: TwilioConfig, options: TwilioSenderOptions = {}): Sender {
  const messagesUrl = `${config.apiBase.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const authorization = `Basic ${btoa(`${config.accountSid}:${config.authToken}`)}`;
  const call = (url: string, form?: URLSearchParams) =>
    providerFetch(
      url,
      form
        ? { method: 'POST', headers: { Authorization: authorization, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' }, body: form.toString() }
        : { method: 'GET', headers: { Authorization: authorization, Accept: 'application/json' } },
      options.timeoutMs,
    );

  return {
    async send(message: OutboxMessage, sendOptions: SendOptions): Promise<Accepted> {
      requireSms(message);
      const form = new URLSearchParams({ To: message.recipient, Body: message.body, StatusCallback: sendOptions.statusCallbackUrl });
      const sender = senderFor(config, message.recipient);
      form.set(sender.param, sender.value);
      const response = await call(messagesUrl, form);
      if (response.ok) {
        const created = await readJson(response);
        if (!isMessage(created)) {
          // Twilio said it created something we cannot read: the message may exist, so it is the outcome that is unknown.
          throw new SendFailure('unknown', `Twilio answered ${response.status} to the send without a readable message (${describe(created)})`);
        }
        return acceptedOf(created);
      }
      throw await failureOf(response, 'send');
    },

    async reconcile(message: OutboxMessage, reconcileOptions: SendOptions & { since: number }): Promise<Accepted | null> {
      requireSms(message);
      // The list filters Twilio documents are To, From and DateSent. Never
      // DateSent: a message Twilio still holds has date_sent null and no
      // DateSent filter matches it, yet it is the very message we look for.
      // From only for the org's own number: a Messaging Service picks one of
      // its pool, and the filter takes phone numbers, not sender names.
      const query = new URLSearchParams({ To: message.recipient, PageSize: String(RECONCILE_PAGE_SIZE) });
      const fixedNumber = fixedNumberFor(config, message.recipient);
      if (fixedNumber) query.set('From', fixedNumber);
      const response = await call(`${messagesUrl}?${query}`);
      if (!response.ok) {
        const failure = await failureOf(response, 'check');
        // Whatever Twilio said, the message's fate is still open: the outbox checks again on its next try.
        throw new SendFailure(failure.kind === 'transient' ? 'transient' : 'unknown', failure.message, failure.code, failure.retryAfterS);
      }
      const page = await readJson(response);
      const messages = typeof page === 'object' && page !== null && Array.isArray((page as { messages?: unknown }).messages) ? (page as { messages: unknown[] }).messages : null;
      if (!messages) throw new SendFailure('unknown', `Twilio answered the message list without a "messages" array (${describe(page)})`);
      const earliest = reconcileOptions.since - CLOCK_SKEW_MS;
      for (const found of messages) {
        // Exact body: Parley sends no SmartEncoded or ShortenUrls, so Twilio keeps the text as given.
        if (!isMessage(found) || found.body !== message.body) continue;
        const created = Date.parse(found.date_created ?? '');
        if (Number.isNaN(created) || created < earliest) continue;
        return acceptedOf(found);
      }
      return null;
    },
  };
}

interface TwilioMessage {
  sid: string;
  status: string;
  from: string | null;
  body: string | null;
  date_created: string | null;
}

function isMessage(value: unknown): value is TwilioMessage {
  return typeof value === 'object' && value !== null && typeof (value as { sid?: unknown }).sid === 'string' && typeof (value as { status?: unknown }).status === 'string';
}

/** Twilio's `sent` (and later) means it handed the message to the carrier; anything before is still queued with Twilio. */
function acceptedOf(message: TwilioMessage): Accepted {
  const handedOn = ['sent', 'delivered', 'read', 'undelivered'].includes(message.status);
  return { providerId: message.sid, status: handedOn ? 'sent' : 'queued', sender: message.from || null };
}

/**
 * Who the message goes out as: the org's name where the destination takes an
 * unregistered one, else the Messaging Service (it picks a number that
 * reaches the destination), else the org's number.
 */
function senderFor(config: TwilioConfig, recipient: string): { param: 'From' | 'MessagingServiceSid'; value: string } {
  const name = config.senderName?.trim();
  if (name && acceptsAlphanumericSender(recipient)) {
    if (!SENDER_NAME.test(name)) {
      throw new SendFailure('permanent', `The SMS sender name "${name}" is not one Twilio accepts: use 1 to 11 letters, digits, spaces or + - _ &, with at least one letter`);
    }
    return { param: 'From', value: name };
  }
  if (config.messagingServiceSid) return { param: 'MessagingServiceSid', value: config.messagingServiceSid };
  if (config.fromNumber) return { param: 'From', value: config.fromNumber };
  throw new SendFailure(
    'permanent',
    name
      ? `No SMS sender for ${recipient}: the sender name "${name}" cannot be used in that country without registration, so configure a Twilio phone number or Messaging Service SID`
      : `No SMS sender for ${recipient}: configure a Twilio phone number, a Messaging Service SID or an SMS sender name`,
  );
}

/** The number senderFor picks when it is the org's own number (not a name, not a Messaging Service); else null. */
function fixedNumberFor(config: TwilioConfig, recipient: string): string | null {
  if (config.senderName?.trim() && acceptsAlphanumericSender(recipient)) return null;
  return config.messagingServiceSid ? null : config.fromNumber;
}

/** Twilio's answer to a call that did not succeed, as the outbox's kind of failure. */
async function failureOf(response: Response, what: 'send' | 'check'): Promise<SendFailure> {
  const body = await readJson(response);
  const error = typeof body === 'object' && body !== null ? (body as { code?: unknown; message?: unknown; more_info?: unknown }) : {};
  const code = typeof error.code === 'number' || typeof error.code === 'string' ? String(error.code) : null;
  const said = typeof error.message === 'string' && error.message ? error.message : null;
  const status = response.status;

  if (status === 429 || status >= 500) {
    const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'), Date.now());
    return new SendFailure('transient', `Twilio is ${status === 429 ? 'limiting requests' : 'unavailable'} (HTTP ${status}${code ? `, Twilio ${code}` : ''}${said ? `: ${said}` : ''}); the ${what} will be retried`, code, retryAfter);
  }
  if (status === 401 || code === '20003') {
    return new SendFailure('permanent', 'Twilio refused the account credentials (Twilio 20003): check the Twilio Account SID and auth token in the SMS settings', code ?? '20003');
  }
  if (code === '21610') {
    return new SendFailure('opted_out', twilioErrorReason(code), code);
  }
  const words = code ? twilioErrorReason(code) : `Twilio refused the ${what} (HTTP ${status})`;
  return new SendFailure('permanent', said ? `${words}: ${said}` : words, code);
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text().catch(() => '');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text || 'empty body';
}

function requireSms(message: OutboxMessage): void {
  if (message.channel !== 'sms') throw new SendFailure('permanent', `Twilio sends SMS only; message ${message.id} is for ${message.channel}`);
}
