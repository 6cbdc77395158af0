// The checks Twilio makes on "Create a Message resource" before it takes the
// message (twilio.com/docs/messaging/api/message-resource#create-a-message-resource),
// each answered with the error Twilio documents for it, plus the magic
// numbers of Twilio's test credentials (twilio.com/docs/iam/test-credentials):
// sending From or To one of them gets the error they stand for, so a client
// can be tested against every refusal without a real account.

import { refusal } from './errors.ts';

/** To: the error each magic destination number answers with. */
export const MAGIC_TO: Readonly<Record<string, { code: number; message: (n: string) => string }>> = {
  '+15005550001': { code: 21211, message: (n) => `The 'To' number ${n} is not a valid phone number.` },
  '+15005550002': { code: 21612, message: () => "The 'To' phone number is not currently reachable via SMS." },
  '+15005550003': { code: 21408, message: (n) => `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${n}.` },
  '+15005550004': { code: 21610, message: () => 'Attempt to send to unsubscribed recipient' },
  '+15005550009': { code: 21614, message: () => "'To' number is not a valid mobile number" },
};

/** From: the error each magic sender number answers with; +15005550006 is the one that works. */
export const MAGIC_FROM: Readonly<Record<string, { code: number; message: (n: string) => string }>> = {
  '+15005550001': { code: 21212, message: (n) => `The 'From' number ${n} is not a valid phone number, shortcode, or alphanumeric sender ID.` },
  '+15005550007': { code: 21606, message: () => "The 'From' phone number provided is not a valid, message-capable Twilio phone number for this destination/account." },
  '+15005550008': { code: 21611, message: () => "This 'From' number has exceeded the maximum number of queued messages" },
};

export const VALID_MAGIC_FROM = '+15005550006';

const E164 = /^\+[1-9]\d{6,14}$/;
/** An alphanumeric sender ID as the DestinationAlphaSender resource defines one: 1–11 of A–Z a–z 0–9 space + - _ &, not all digits. */
const ALPHA_SENDER = /^(?=.*[A-Za-z])[A-Za-z0-9 +\-_&]{1,11}$/;
const SERVICE_SID = /^MG[0-9a-fA-F]{32}$/;

export const isE164 = (s: string): boolean => E164.test(s);
export const isAlphaSender = (s: string): boolean => ALPHA_SENDER.test(s);

export interface CreateRequest {
  to: string;
  body: string;
  /** The From given, or null when the Messaging Service picks it. */
  from: string | null;
  messagingServiceSid: string | null;
  statusCallback: string | null;
}

export interface AccountView {
  /** The Messaging Services of the account and the numbers in each one's sender pool. */
  services: ReadonlyMap<string, readonly string[]>;
  /** Numbers that replied STOP to this account. */
  optedOut: ReadonlySet<string>;
}

/** The request read and checked, or Twilio's refusal. */
export function checkCreate(form: URLSearchParams, account: AccountView): CreateRequest | Response {
  const to = form.get('To');
  if (!to) return refusal(21604, "A 'To' phone number is required.");
  const body = form.get('Body') ?? '';
  if (body === '' && !form.get('MediaUrl') && !form.get('ContentSid')) return refusal(21602, 'Message body is required.');
  if (body.length > 1600) return refusal(21617, 'The concatenated message body exceeds the 1600 character limit.');

  const from = form.get('From') || null;
  const messagingServiceSid = form.get('MessagingServiceSid') || null;
  if (!from && !messagingServiceSid) return refusal(21603, "A 'From' phone number is required.");
  if (messagingServiceSid) {
    if (!SERVICE_SID.test(messagingServiceSid)) return refusal(21705, 'The Messaging Service is invalid');
    if (!account.services.has(messagingServiceSid)) return refusal(21701, `The Messaging Service ${messagingServiceSid} does not exist`);
  }
  if (from) {
    const magic = MAGIC_FROM[from];
    if (magic) return refusal(magic.code, magic.message(from));
    if (!isE164(from) && !isAlphaSender(from)) return refusal(21212, `The 'From' number ${from} is not a valid phone number, shortcode, or alphanumeric sender ID.`);
  }

  const magicTo = MAGIC_TO[to];
  if (magicTo) return refusal(magicTo.code, magicTo.message(to));
  if (!isE164(to)) return refusal(21211, `The 'To' number ${to} is not a valid phone number.`);
  if (account.optedOut.has(to)) return refusal(21610, 'Attempt to send to unsubscribed recipient');
  // North America (+1) takes no alphanumeric sender ID at all.
  if (from && isAlphaSender(from) && to.startsWith('+1')) {
    return refusal(21612, `The 'To' phone number: ${to}, is not currently reachable using the 'From' phone number: ${from} via SMS.`);
  }
  return { to, body, from, messagingServiceSid, statusCallback: form.get('StatusCallback') || null };
}

// GSM 03.38 basic character set and its extension table (each extension
// character takes two septets): what decides whether an SMS is 160 or 70
// characters per segment.
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

/** How many segments an SMS body takes: 160 GSM-7 septets (153 when split) or 70 UCS-2 characters (67 when split). */
export function segmentsOf(body: string): number {
  let septets = 0;
  let gsm = true;
  for (const ch of body) {
    if (GSM_BASIC.includes(ch)) septets += 1;
    else if (GSM_EXTENSION.includes(ch)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return septets <= 160 ? 1 : Math.ceil(septets / 153);
  const units = body.length; // UTF-16 code units, as UCS-2 counts them
  return units <= 70 ? 1 : Math.ceil(units / 67);
}
