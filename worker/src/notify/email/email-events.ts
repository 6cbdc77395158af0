// What a Resend webhook says about one email, in the outbox's words. Every
// payload is { type, created_at, data } (Resend: webhook event types); for
// email events data has email_id, from, to, subject and tags, plus `bounce`
// on email.bounced, `failed` on email.failed and `suppressed` on
// email.suppressed. Call it only after verifySvixSignature accepted the
// request: this reads the payload, it does not vouch for it.
import type { StatusReport } from '../sender';
import { OUTBOX_ID_TAG } from './outbox-tag';

type Data = Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);

/**
 * The outbox id the email was sent with. Resend documents data.tags as an
 * object of name → value; the list of { name, value } the send request used
 * is read too, so a payload in that shape still finds its row.
 */
function outboxIdOf(tags: unknown): string | null {
  if (isObject(tags)) return text(tags[OUTBOX_ID_TAG]);
  if (Array.isArray(tags)) {
    const tag = tags.find((t): t is Data => isObject(t) && t.name === OUTBOX_ID_TAG);
    return tag ? text(tag.value) : null;
  }
  return null;
}

/** The address of a From that may carry a display name: `Parley <noreply@x.org>` → noreply@x.org. */
function addressOf(from: unknown): string | null {
  const f = text(from);
  if (f === null) return null;
  const angle = /<([^<>]+)>\s*$/.exec(f);
  return angle ? angle[1]!.trim() : f;
}

type Outcome = Pick<StatusReport, 'status' | 'reason' | 'code' | 'blockAddress'>;

const ok = (status: 'sent' | 'delivered'): Outcome => ({ status, reason: null, code: null, blockAddress: null });

/**
 * email.bounced: the receiving server refused the email. Resend's bounce types
 * ("Email Bounces"): Permanent (a hard bounce: the address will never take
 * mail, and Resend suppresses it), Transient (a soft bounce: a full mailbox, a
 * message too large; a later email may get through) and Undetermined. Only a
 * permanent bounce blocks the address.
 */
function bounced(data: Data): Outcome {
  const bounce = isObject(data.bounce) ? data.bounce : {};
  const type = text(bounce.type);
  const subType = text(bounce.subType);
  const kind = type === 'Permanent' ? 'Hard bounce' : type === 'Transient' ? 'Soft bounce' : 'Bounced';
  const detail = text(bounce.message) ?? (Array.isArray(bounce.diagnosticCode) ? text(bounce.diagnosticCode[0]) : null);
  return {
    status: 'failed',
    reason: `${kind}${subType && subType !== 'General' ? ` (${subType})` : ''}: ${detail ?? "the recipient's mail server refused the email"}`,
    code: type ? (subType ? `${type}.${subType}` : type) : null,
    blockAddress: type === 'Permanent' ? 'bounced' : null,
  };
}

/** What each email event means for the message; null for events that say nothing about delivery. */
function outcomeOf(type: string, data: Data): Outcome | null {
  switch (type) {
    case 'email.sent':
      return ok('sent');
    case 'email.delivered':
      return ok('delivered');
    case 'email.delivery_delayed':
      // Not final: the receiving server turned it away for now (a full inbox, a busy server) and Resend keeps trying.
      return { status: 'sent', reason: "Delivery delayed: the recipient's mail server has not accepted it yet; Resend keeps trying", code: 'delivery_delayed', blockAddress: null };
    case 'email.bounced':
      return bounced(data);
    case 'email.complained':
      // Delivered, then marked as spam by the recipient: never mail them again.
      return { status: 'opted_out', reason: 'The recipient marked the email as spam', code: 'complained', blockAddress: 'complained' };
    case 'email.failed': {
      // Resend could not send it at all (e.g. failed.reason "reached_daily_quota").
      const reason = isObject(data.failed) ? text(data.failed.reason) : null;
      return { status: 'failed', reason: `Resend could not send the email${reason ? `: ${reason.replace(/_/g, ' ')}` : ''}`, code: reason, blockAddress: null };
    }
    case 'email.suppressed': {
      // Not sent because the address is on Resend's suppression list (an earlier hard bounce or complaint).
      const suppressed = isObject(data.suppressed) ? data.suppressed : {};
      return {
        status: 'opted_out',
        reason: `Resend suppressed the email: ${text(suppressed.message) ?? 'the address is on the suppression list'}`,
        code: text(suppressed.type),
        blockAddress: null,
      };
    }
    default:
      // email.opened, email.clicked, email.scheduled, email.received and any later kind.
      return null;
  }
}

/**
 * A status report for the outbox; null for events that say nothing about
 * whether the email arrived (opens, clicks, contact and domain events); a
 * sentence naming the problem when the payload is not what Resend sends.
 */
export function parseEmailEvent(payload: unknown): StatusReport | null | string {
  if (!isObject(payload)) return 'the webhook payload is not a JSON object';
  const type = text(payload.type);
  if (type === null) return 'the webhook payload has no type';
  if (!type.startsWith('email.')) return null;
  if (!isObject(payload.data)) return `the ${type} event has no data object`;
  const data = payload.data;
  const outcome = outcomeOf(type, data);
  if (outcome === null) return null;
  const providerId = text(data.email_id);
  if (providerId === null) return `the ${type} event has no data.email_id`;
  return { providerId, outboxId: outboxIdOf(data.tags), sender: addressOf(data.from), ...outcome };
}
