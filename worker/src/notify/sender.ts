// What a delivery channel's provider (Twilio for SMS, the email provider) does
// for the outbox: send one message, say what the provider made of it, and —
// after a try whose outcome is unknown — find out whether that try reached
// the provider, so a retry never sends the same message twice.
import type { DeliveryStatus } from '../domain/catalogue';
import type { OutboxMessage } from './outbox';

/** What the provider said when it took the message. */
export interface Accepted {
  /** The provider's id of the message (Twilio's MessageSid, the email provider's id). */
  providerId: string;
  /** `queued` when the provider will report more through its callbacks; `sent` when it has already handed it on. */
  status: 'queued' | 'sent';
  /** Who it went out as: the number, alphanumeric sender or address. Null when the provider picks later (a Messaging Service). */
  sender: string | null;
}

/** What the outbox needs to know about the message it sends, beyond the message itself. */
export interface SendOptions {
  /** Stable for every try of one message: the provider's idempotency header where it has one. */
  idempotencyKey: string;
  /** Where the provider posts this message's status changes (it names the outbox row). */
  statusCallbackUrl: string;
  /** Where the recipient can stop these messages (List-Unsubscribe), for the kinds of message that may be refused; null for the rest. */
  unsubscribeUrl: string | null;
}

export interface Sender {
  send(message: OutboxMessage, options: SendOptions): Promise<Accepted>;
  /**
   * After a try that ended without an answer (a timeout, a dropped
   * connection): the provider's record of this message if that try created
   * one, else null. `since` is when that try began. A provider whose sends are
   * idempotent by key answers null and lets the retry be the check.
   */
  reconcile(message: OutboxMessage, options: SendOptions & { since: number }): Promise<Accepted | null>;
}

/**
 * Why a send failed, which decides what the outbox does next:
 *  - `transient`: the provider is down or busy (5xx, 429) — retry later, after `retryAfterS` when it said so;
 *  - `unknown`: no answer (timeout, network) — it may have been sent: reconcile before any retry;
 *  - `permanent`: the provider refused this message (bad number, bad address, bad credentials) — fail now, with its reason;
 *  - `opted_out`: the recipient asked not to be messaged (Twilio error 21610, a suppressed address).
 */
export type SendFailureKind = 'transient' | 'unknown' | 'permanent' | 'opted_out';

export class SendFailure extends Error {
  override name = 'SendFailure';
  constructor(
    readonly kind: SendFailureKind,
    message: string,
    /** The provider's own error code (Twilio's 21211, the email provider's error name), when it gave one. */
    readonly code: string | null = null,
    /** Seconds the provider asked us to wait (Retry-After). */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
  }
}

/** How long one call to a provider may take before its outcome counts as unknown. */
export const PROVIDER_TIMEOUT_MS = 10_000;

/** Seconds from a Retry-After header (delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(header: string | null, nowMs: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

/**
 * A fetch to a provider that turns "no answer" into SendFailure('unknown'):
 * a timeout or a dropped connection says nothing about whether the provider
 * acted on the request.
 */
export async function providerFetch(url: string, init: RequestInit, timeoutMs = PROVIDER_TIMEOUT_MS): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const reason = err instanceof Error ? (err.name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : err.message) : String(err);
    throw new SendFailure('unknown', `${new URL(url).host}: ${reason}`);
  }
}

/**
 * What a provider's callback or webhook says happened to one message, in the
 * outbox's words. `outboxId` is Parley's own id when the provider carried it
 * back (in the callback URL, in a tag); `providerId` always.
 */
export interface StatusReport {
  providerId: string;
  outboxId: string | null;
  status: Extract<DeliveryStatus, 'queued' | 'sent' | 'delivered' | 'failed' | 'opted_out'>;
  /** Why, in words an agent can act on ("Unreachable destination handset (Twilio 30003)"); null when all is well. */
  reason: string | null;
  /** The provider's error code, when it gave one. */
  code: string | null;
  /** Who it went out as (Twilio's From), when the report says. */
  sender: string | null;
  /** The address will never accept mail (a hard bounce) or asked for none (a complaint): do not send to it again. */
  blockAddress: 'bounced' | 'complained' | null;
}
