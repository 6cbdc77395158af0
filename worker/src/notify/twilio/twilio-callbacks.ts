// What Twilio posts to Parley, read into Parley's terms: a message's status
// callback (to the StatusCallback URL given when it was sent) and an inbound
// SMS (to the number's or Messaging Service's webhook), plus the TwiML that
// answers an inbound SMS. Both arrive form-encoded; check their
// X-Twilio-Signature (twilio-signature.ts) before reading them.
//
// Twilio adds parameters without notice ("implementations must accept an
// evolving set of parameters"): only the ones named here are read, the rest
// are ignored, and none is refused for being unknown.
import type { StatusReport } from '../sender';

/**
 * Twilio error codes a message commonly ends with, in words an agent can act
 * on. From Twilio's error reference (twilio.com/docs/api/errors/{code});
 * codes not listed read "Twilio error NNNNN".
 */
const ERROR_WORDS: Readonly<Record<string, string>> = {
  '20003': 'Twilio refused the account credentials',
  '21211': 'Not a valid phone number',
  '21212': 'The sender is not a valid phone number or sender name',
  '21408': 'Sending to this country is not enabled on the Twilio account',
  '21606': 'The sender number is not an SMS-capable number of this Twilio account',
  '21608': 'A trial Twilio account can only send to verified numbers',
  '21610': 'The recipient replied STOP and receives no more messages from this sender',
  '21611': 'The sender number has too many messages queued',
  '21612': 'This number cannot be reached from this sender by SMS',
  '21614': 'Not a mobile number (it cannot receive SMS)',
  '21617': 'The message is longer than 1600 characters',
  '30001': 'Twilio’s queue for the sender overflowed',
  '30002': 'The Twilio account is suspended',
  '30003': 'Unreachable destination handset',
  '30004': 'Message blocked (by the recipient or their carrier)',
  '30005': 'Unknown destination handset (the number may no longer exist)',
  '30006': 'Landline or unreachable carrier',
  '30007': 'Filtered by the carrier as spam',
  '30008': 'Unknown error from the carrier',
  '30009': 'Part of the message was lost',
  '30010': 'The message price exceeds the maximum set',
  '30032': 'The toll-free sender number is not verified',
  '30034': 'The US sender number is not registered for A2P 10DLC',
};

/** A Twilio error code in words: "Unreachable destination handset (Twilio 30003)". */
export function twilioErrorReason(code: string): string {
  const words = ERROR_WORDS[code];
  return words ? `${words} (Twilio ${code})` : `Twilio error ${code}`;
}

// Codes that say the number will never take an SMS from Parley, so sending to
// it again is pointless: invalid, not mobile, unknown to the network; and the
// recipient's own STOP.
const BOUNCED_CODES = new Set(['21211', '21614', '30005', '30006']);
const OPTED_OUT_CODE = '21610';

// MessageStatus values, per "Message status values" in the Message resource
// reference (twilio.com/docs/messaging/api/message-resource): the first three
// come before Twilio hands the message on, `read` is delivered and seen, and
// `canceled` is a scheduled message stopped before it went.
const STATUS: Readonly<Record<string, StatusReport['status']>> = {
  accepted: 'queued',
  scheduled: 'queued',
  queued: 'queued',
  sending: 'sent',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'failed',
  failed: 'failed',
  canceled: 'failed',
};

/**
 * A status callback, as "Track the Message Status of Outbound Messages"
 * (twilio.com/docs/messaging/guides/track-outbound-message-status) describes
 * it: MessageSid and MessageStatus always, ErrorCode when the message failed
 * or was undelivered, From once a sender is chosen. `outboxId` is Parley's
 * own id, read from the callback URL by the route. A string names what is
 * wrong with the request.
 */
export function parseStatusCallback(params: URLSearchParams, outboxId: string | null): StatusReport | string {
  // SmsSid / SmsStatus are the older names Twilio still sends alongside.
  const providerId = params.get('MessageSid') || params.get('SmsSid');
  if (!providerId) return 'the status callback has no MessageSid';
  const twilioStatus = params.get('MessageStatus') || params.get('SmsStatus');
  if (!twilioStatus) return 'the status callback has no MessageStatus';
  const mapped = STATUS[twilioStatus];
  if (!mapped) return `the status callback has MessageStatus "${twilioStatus}", which is not the status of an outbound message`;

  const errorCode = params.get('ErrorCode');
  const code = errorCode && errorCode !== '0' ? errorCode : null;
  const failed = mapped === 'failed';
  const status = failed && code === OPTED_OUT_CODE ? 'opted_out' : mapped;
  return {
    providerId,
    outboxId,
    status,
    reason: failed ? (code ? twilioErrorReason(code) : noCodeReason(twilioStatus)) : null,
    code: failed ? code : null,
    sender: params.get('From') || null,
    blockAddress: !failed || !code ? null : code === OPTED_OUT_CODE ? 'complained' : BOUNCED_CODES.has(code) ? 'bounced' : null,
  };
}

function noCodeReason(twilioStatus: string): string {
  if (twilioStatus === 'canceled') return 'Canceled before it was sent';
  if (twilioStatus === 'undelivered') return 'Not delivered (Twilio gave no reason)';
  return 'Twilio could not send it (no reason given)';
}

/** An SMS someone sent to one of the account's numbers. */
export interface InboundSms {
  accountSid: string;
  messageSid: string;
  /** The sender's number, E.164. */
  from: string;
  /** The account's number (or short code) it was sent to. */
  to: string;
  /** The text; empty for a picture message without one. */
  body: string;
  /** How many media files (MMS) came with it. */
  media: number;
}

/**
 * An inbound message webhook, as "Twilio's request to your incoming message
 * Webhook URL" (twilio.com/docs/messaging/guides/webhook-request) describes
 * it: MessageSid, AccountSid, From, To, Body and NumMedia among others. A
 * string names what is wrong with the request.
 */
export function parseInboundSms(params: URLSearchParams): InboundSms | string {
  const messageSid = params.get('MessageSid') || params.get('SmsMessageSid') || params.get('SmsSid');
  if (!messageSid) return 'the inbound message has no MessageSid';
  const accountSid = params.get('AccountSid');
  if (!accountSid) return 'the inbound message has no AccountSid';
  const from = params.get('From');
  if (!from) return 'the inbound message has no From';
  const to = params.get('To');
  if (!to) return 'the inbound message has no To';
  const body = params.get('Body');
  if (body === null) return 'the inbound message has no Body';
  const numMedia = params.get('NumMedia') ?? '0';
  if (!/^\d{1,3}$/.test(numMedia)) return `the inbound message has NumMedia "${numMedia}", which is not a count`;
  return { accountSid, messageSid, from, to, body, media: Number(numMedia) };
}

/**
 * The answer to an inbound webhook: TwiML with one reply message, or an
 * empty <Response/> for no reply (twilio.com/docs/messaging/twiml). The text
 * is escaped, and characters XML 1.0 cannot carry are dropped.
 */
export function twiml(message: string | null): string {
  const declaration = '<?xml version="1.0" encoding="UTF-8"?>';
  if (message === null) return `${declaration}<Response/>`;
  return `${declaration}<Response><Message>${escapeXml(message)}</Message></Response>`;
}

function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
