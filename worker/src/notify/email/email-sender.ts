// Parley's emails go out through Resend's HTTP API: one POST /emails per
// message, plain fetch from the Worker ("Send Email"). Each send carries the
// outbox's idempotency key, so Resend sends one email however often the
// outbox retries; what became of it comes back later by webhook
// (email-events.ts), matched by the outbox_id tag.
import { outboundUrlProblem } from '../../outbound-url';
import type { OutboxMessage } from '../outbox';
import { providerFetch, retryAfterSeconds, SendFailure, type Accepted, type Sender, type SendOptions } from '../sender';
import { fromHeader, isPlainAddress } from './from-header';
import { isTagValue, OUTBOX_ID_TAG } from './outbox-tag';
import { textFromHtml } from './text-part';

export interface EmailConfig {
  /** https://api.resend.com (DEFAULT_EMAIL_API_BASE); EMAIL_API_BASE overrides it (a local fake in development). */
  apiBase: string;
  /** A Resend API key (re_…), sending access is enough. */
  apiKey: string;
  /** The address emails come from, on a domain verified in Resend. */
  fromAddress: string;
  /** The name shown with it, or null for the bare address. */
  fromName: string | null;
}

export const DEFAULT_EMAIL_API_BASE = 'https://api.resend.com';

/** Resend refuses requests without a User-Agent (403, error code 1010: "403 Error with Error Code 1010"). */
const USER_AGENT = 'Parley (outbox email sender)';

/** Resend's error body: { statusCode, message, name } ("Errors"). */
interface ResendError {
  name: string | null;
  message: string;
}

function checkConfig(config: EmailConfig): void {
  // The API key travels there: https, or plain http only to this machine (the local fake).
  const problem = outboundUrlProblem(config.apiBase, true);
  if (problem) throw new Error(`email sender: apiBase ${problem}`);
  if (config.apiKey.trim() === '') throw new Error('email sender: apiKey is empty');
  if (!isPlainAddress(config.fromAddress)) throw new Error(`email sender: fromAddress "${config.fromAddress}" is not a plain address like noreply@example.com`);
}

/** The request body, built the same way on every try: a retry must send byte-for-byte the same email or Resend answers 409. */
function emailBody(config: EmailConfig, message: OutboxMessage, options: SendOptions): string {
  if (message.subject === null) throw new SendFailure('permanent', `outbox message ${message.id} is an email without a subject`);
  // Tag values may hold only ASCII letters, digits, "_" and "-" ("Send Email": tags).
  if (!isTagValue(message.id)) throw new SendFailure('permanent', `outbox id "${message.id}" cannot travel as a Resend tag (letters, digits, _ and - only, at most 256)`);
  const headers: Record<string, string> = {};
  if (options.unsubscribeUrl !== null) {
    let url: URL;
    try {
      url = new URL(options.unsubscribeUrl);
    } catch {
      throw new SendFailure('permanent', `unsubscribe URL "${options.unsubscribeUrl}" is not a URL`);
    }
    // RFC 8058 one-click: the mail client POSTs "List-Unsubscribe=One-Click" to the URL
    // ("Add an unsubscribe link to transactional emails").
    headers['List-Unsubscribe'] = `<${url.href}>`;
    headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
  }
  return JSON.stringify({
    from: fromHeader(config.fromName, config.fromAddress),
    to: [message.recipient],
    subject: message.subject,
    html: message.body,
    // Resend would derive one itself; making it here keeps it readable (links spelled out) and under our tests.
    text: textFromHtml(message.body),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    tags: [{ name: OUTBOX_ID_TAG, value: message.id }],
  });
}

async function readError(response: Response): Promise<ResendError> {
  const raw = await response.text().catch(() => '');
  try {
    const body = JSON.parse(raw) as { name?: unknown; message?: unknown };
    if (typeof body.message === 'string') return { name: typeof body.name === 'string' ? body.name : null, message: body.message };
  } catch {
    // Not JSON: an edge or gateway page, said below in a few words.
  }
  const snippet = raw.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
  return { name: null, message: snippet === '' ? `HTTP ${response.status}` : snippet };
}

/** Seconds until the next midnight UTC, when the free plan's daily quota resets ("Usage Limits"). */
const untilUtcMidnight = (nowMs: number) => Math.ceil((Date.UTC(new Date(nowMs).getUTCFullYear(), new Date(nowMs).getUTCMonth(), new Date(nowMs).getUTCDate() + 1) - nowMs) / 1000);

/**
 * Resend's refusal in the outbox's terms ("Errors", "Idempotency Keys", "Usage
 * Limits"). The message says what to do about it, for the agent who reads it.
 */
function failureOf(response: Response, error: ResendError, config: EmailConfig): SendFailure {
  const { status } = response;
  const { name, message } = error;
  const said = `${message}${name ? ` (${name}, HTTP ${status})` : ` (HTTP ${status})`}`;
  const now = Date.now();
  const waitS = retryAfterSeconds(response.headers.get('retry-after'), now);

  if (status === 429) {
    // The monthly quota does not come back within the outbox's hours of retries: say so now.
    if (name === 'monthly_quota_exceeded') return new SendFailure('permanent', `Resend's monthly sending quota is used up: ${said}`, name);
    if (name === 'daily_quota_exceeded') return new SendFailure('transient', `Resend's daily sending quota is used up: ${said}`, name, waitS ?? untilUtcMidnight(now));
    // ratelimit-reset: seconds until the rate limit's window starts again.
    return new SendFailure('transient', `Resend is rate limiting: ${said}`, name, waitS ?? retryAfterSeconds(response.headers.get('ratelimit-reset'), now));
  }
  if (status >= 500) return new SendFailure('transient', `Resend is unavailable: ${said}`, name, waitS);
  if (status === 409) {
    // The same key with a different body: Resend will never send this one under this key.
    if (name === 'invalid_idempotent_request') return new SendFailure('permanent', `Resend refused a retry that differs from the first try (same idempotency key, another email): ${said}`, name);
    // concurrent_idempotent_requests, resource_locked: the first try is still running; ask again later.
    return new SendFailure('transient', `Resend is still working on an earlier try of this email: ${said}`, name, waitS);
  }
  if (status === 401) return new SendFailure('permanent', `Resend refused the API key: ${said}`, name);
  if (status === 403) {
    if (name === 'restricted_api_key' || name === 'suspended_api_key' || name === 'invalid_permission') return new SendFailure('permanent', `Resend refused the API key: ${said}`, name);
    if (/domain/i.test(message)) return new SendFailure('permanent', `Resend will not send from ${config.fromAddress}: ${said}`, name);
    return new SendFailure('permanent', `Resend refused the request (check the API key and that the domain of ${config.fromAddress} is verified): ${said}`, name);
  }
  // 400, 422 (validation_error, missing_required_field, invalid_idempotency_key…), 404, 405: this request will never pass.
  return new SendFailure('permanent', `Resend refused the email: ${said}`, name);
}

export function emailSender(config: EmailConfig): Sender {
  checkConfig(config);
  const endpoint = `${config.apiBase.replace(/\/+$/, '')}/emails`;

  return {
    // statusCallbackUrl is not sent: Resend posts events to the webhook endpoints registered
    // for the account (dashboard or API), and the outbox_id tag names the row in each of them.
    async send(message: OutboxMessage, options: SendOptions): Promise<Accepted> {
      const body = emailBody(config, message, options);
      const response = await providerFetch(endpoint, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${config.apiKey}`,
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
          // Kept 24 hours by Resend; same key and body → the first answer again, no second email.
          'Idempotency-Key': options.idempotencyKey,
        },
        body,
      });
      if (!response.ok) throw failureOf(response, await readError(response), config);
      let id: unknown;
      try {
        id = ((await response.json()) as { id?: unknown }).id;
      } catch {
        id = undefined;
      }
      // Resend took the request but its answer is lost to us: the email may be on its way.
      // The retry carries the same key, and Resend answers it with this email's id.
      if (typeof id !== 'string' || id === '') throw new SendFailure('unknown', `Resend answered HTTP ${response.status} without an email id`);
      return { providerId: id, status: 'sent', sender: config.fromAddress };
    },

    /**
     * Nothing to look up. Every try of a message carries the same
     * Idempotency-Key, and Resend keeps a key for 24 hours: a retry of a try
     * that did reach Resend gets that try's answer (the same email id) and
     * sends nothing more; a retry of one that did not is sent as new. The
     * outbox gives up on a message after about 3 hours of retries (MAX_ATTEMPTS
     * and its back-off), well inside those 24 hours, so the retry itself is
     * the check. (Listing emails to find one by tag would cost a call per
     * unknown outcome and still race a try that is in flight.)
     */
    async reconcile(): Promise<Accepted | null> {
      return null;
    },
  };
}
