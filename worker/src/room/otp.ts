// One-time codes (SPEC §5, issue 13): a participant proves they hold a second
// channel before a device is bound to their link — when the org requires it
// to enter, and always when a new device takes over a single-device room.
//
// The code goes by the channel the invitation did not use (an email
// invitation → code by SMS, and the other way round; by email when the admin
// turned SMS off), through the outbox like every message. The room keeps only
// a hash of it (SHA-256 over a domain prefix, the participant and the code),
// plus the code sealed with the secrets key while the admin lets agents see
// codes, so an agent can read it out to a customer on the phone. Nothing else
// — events, logs, CRM changes, error messages — ever holds a code.
//
// The numbers, chosen so a person never meets them and a guesser gains nothing:
// - a code lives 10 minutes and is good once;
// - 5 wrong codes lock the link for 15 minutes, and the count outlives the
//   code it was made on (asking for a new code buys no guesses); every try also
//   counts against the `otp` rate limiter (api/rate-limit.ts, 5 a minute per
//   participant) before anything is compared;
// - a new code at most every 30 seconds, and at most 5 in an hour: enough for a
//   message that was slow or lost, not enough to flood a phone or an inbox.
import { now } from '../clock';
import { checkOtpAttempt } from '../api/rate-limit';
import { sealSecret, openSecret } from '../auth/secret-box';
import { sha256Hex, timingSafeEqual } from '../auth/crypto';
import type { Settings } from '../domain/settings';
import { fail, notFound, ok, type Failure, type Result } from '../errors';
import { otpMessage } from '../notify/otp-message';
import { enqueueMessages } from '../notify/outbox';
import { brandEmail } from '../notify/email/branded-email';
import { agentKey, participantKey, type AgentActor } from './actors';
import type { RoomContext } from './context';
import { queuedDelivery } from './deliveries';
import type { OtpRow, ParticipantRow } from './store';
import { localeOf } from '../i18n/locales';

export type OtpChannel = 'sms' | 'email';
/** Why a code is asked for: to enter (the org requires it), or for a new device to take over a single-device room. */
export type OtpPurpose = 'enter' | 'takeover';
/** How a participant proved themselves, as participants.auth_status records it. */
export type OtpMethod = 'otp_sms' | 'otp_email';

export const OTP_LIFE_MS = 10 * 60_000;
export const OTP_MAX_FAILURES = 5;
export const OTP_LOCK_MS = 15 * 60_000;
/** The shortest wait between two codes for one participant. */
export const OTP_RESEND_GAP_MS = 30_000;
/** Codes one participant may be sent in an hour. */
export const OTP_SENDS_PER_HOUR = 5;
/** Pressing "Open my secure room" again within this reuses the code just sent rather than send another. */
const REUSE_WITHIN_MS = 60_000;

/** The contact details a code's channel is chosen from: a participant row, or one being added. */
export interface OtpContact {
  name: string;
  email?: string | null | undefined;
  phone?: string | null | undefined;
  /** The channel the invitation goes by. */
  channel: OtpChannel;
}

/** Where a code goes: the other channel than the invitation's, or email when SMS is off. */
export function otpChannelFor(inviteChannel: OtpChannel, settings: Settings): OtpChannel {
  if (!settings.session.smsEnabled) return 'email';
  return inviteChannel === 'email' ? 'sms' : 'email';
}

/**
 * Null when this participant can be sent a code (or none is required);
 * otherwise the sentence saying what is missing, naming them, for the caller
 * to put after the field it names ("participants.Cosigner: Jane Doe needs a
 * phone number for the one-time code (the invitation goes by email)").
 * `always`: asked for a takeover, which needs a code whether or not the org
 * requires one to enter.
 */
export function otpChannelProblem(p: OtpContact, settings: Settings, opts: { always?: boolean } = {}): string | null {
  if (!settings.session.otpRequired && !opts.always) return null;
  const channel = otpChannelFor(p.channel, settings);
  if (channel === 'sms' ? p.phone : p.email) return null;
  const why = !settings.session.smsEnabled ? 'SMS is turned off, so codes go by email' : `the invitation goes by ${p.channel === 'email' ? 'email' : 'SMS'}`;
  return `${p.name} needs ${channel === 'sms' ? 'a phone number' : 'an email address'} for the one-time code (${why})`;
}

/** The contact of a stored participant, as otpChannelProblem reads it. */
export const otpContactOf = (p: ParticipantRow): OtpContact => ({ name: p.name, email: p.email, phone: p.phone, channel: p.invite_channel });

/**
 * How a participant was authenticated, for audit trails and the certificate
 * page: by a one-time code on which channel and when, else by their personal
 * link alone.
 */
export function participantAuthMethod(p: Pick<ParticipantRow, 'auth_status' | 'authenticated_at'>): string {
  if ((p.auth_status === 'otp_sms' || p.auth_status === 'otp_email') && p.authenticated_at !== null) {
    return `one-time code by ${p.auth_status === 'otp_sms' ? 'SMS' : 'email'} at ${utc(p.authenticated_at)}`;
  }
  return 'personal invitation link';
}

/** An address shown on the code page: enough for its owner to recognise, not enough to give it away ("•••• 1234", "j•••@example.com"). */
export function maskAddress(channel: OtpChannel, address: string): string {
  if (channel === 'sms') return `•••• ${address.replace(/\D/g, '').slice(-4)}`;
  const at = address.lastIndexOf('@');
  return at < 1 ? '•••' : `${address[0]}•••${address.slice(at)}`;
}

/** A code sent: where it went (masked) and until when it is good. Never the code. */
export interface OtpSent {
  channel: OtpChannel;
  to: string;
  expiresAt: number;
}

/** The agent's view of a live code (only while the admin allows it). */
export interface OtpAgentView {
  code: string;
  channel: OtpChannel;
  sentAt: string;
  expiresAt: string;
}

export class Otp {
  constructor(private readonly ctx: RoomContext) {}

  /**
   * Send the participant a fresh code, replacing any earlier one. With
   * `reuseRecent`, a live code of the same purpose sent less than a minute ago
   * is reused instead (a second press of the button, a reload).
   */
  async send(participantId: string, purpose: OtpPurpose, opts: { reuseRecent: boolean }): Promise<Result<OtpSent>> {
    const { env, store, log, views, directory } = this.ctx;
    const s = store.session();
    const p = s && store.participant(participantId);
    if (!s || !p || p.forgotten_at !== null) return notFound('participant');
    const settings = await directory.settings();
    const at = now();
    const row = store.otp(p.id);
    const locked = lockedRefusal(row, at);
    if (locked) return locked;
    const channel = otpChannelFor(p.invite_channel, settings);
    const address = channel === 'sms' ? p.phone : p.email;
    if (!address) return fail(422, 'otp_channel_missing', `participant: ${otpChannelProblem(otpContactOf(p), settings, { always: true })}; ask the person who invited you to add it`);
    if (opts.reuseRecent && row?.code_hash && row.purpose === purpose && row.channel === channel && row.sent_at !== null && at - row.sent_at < REUSE_WITHIN_MS && row.expires_at! > at) {
      return ok({ channel, to: maskAddress(channel, address), expiresAt: row.expires_at! });
    }
    if (row?.sent_at != null && at - row.sent_at < OTP_RESEND_GAP_MS) {
      const wait = Math.ceil((OTP_RESEND_GAP_MS - (at - row.sent_at)) / 1000);
      return { ...fail(429, 'otp_too_soon', `a code was sent moments ago; wait ${wait} seconds before asking for a new one`), details: { seconds: wait } };
    }
    if (store.otpSendsSince(p.id, at - 3_600_000) >= OTP_SENDS_PER_HOUR) {
      return fail(429, 'otp_send_limit', `${OTP_SENDS_PER_HOUR} codes were sent in the last hour; wait a while before asking for another`);
    }

    const code = newCode();
    const codeHash = await hashCode(p.id, code);
    // Sealed only while agents may see codes: turning the setting off leaves nothing to read from the next code on.
    const sealed = settings.session.agentMaySeeOtp ? await sealSecret(env, code, sealContext(s.id, p.id)) : null;
    const names = await directory.names();
    const brand = await directory.brand();
    const message = brandEmail(otpMessage({
      id: `msg_${p.id}_otp${at}_${channel}`,
      orgId: s.org_id,
      sessionId: s.id,
      participantId: p.id,
      channel,
      recipient: address,
      orgName: names.orgName,
      code,
      lifeMinutes: OTP_LIFE_MS / 60_000,
      language: localeOf(p.language),
    }), brand, env.PUBLIC_URL, p.language);
    await enqueueMessages(env, [message], at);
    log.commit(() => {
      store.saveOtpCode({ participant_id: p.id, code_hash: codeHash, sealed_code: sealed, channel, purpose, sent_at: at, expires_at: at + OTP_LIFE_MS });
      store.saveDelivery(queuedDelivery(p.id, message, at));
      log.emit('participant.otp_sent', participantKey(p.id), 'agents', { participant: views.participant(p.id), channel, purpose });
    });
    this.ctx.publisher.soon();
    return ok({ channel, to: maskAddress(channel, address), expiresAt: at + OTP_LIFE_MS });
  }

  /** Where the participant's current code went (masked), if one is live: the code page says it again after a wrong try. */
  pending(participantId: string): OtpSent | null {
    const row = this.ctx.store.otp(participantId);
    const p = this.ctx.store.participant(participantId);
    if (!row?.code_hash || !row.channel || !p || row.expires_at! <= now()) return null;
    const address = row.channel === 'sms' ? p.phone : p.email;
    return address ? { channel: row.channel, to: maskAddress(row.channel, address), expiresAt: row.expires_at! } : null;
  }

  /**
   * Check a code. Refusals, in order: a locked link, the rate limiter, no code
   * waiting (never sent, or already used), an expired code, a wrong one (which
   * counts towards the lock). Right: the code is spent at once (two tries
   * racing with it cannot both pass) and the method it proves is answered; the
   * caller records it with `authenticated` inside the change that lets the
   * device in.
   */
  async check(participantId: string, given: string): Promise<Result<OtpMethod>> {
    const { env, store, log, views } = this.ctx;
    const code = given.replace(/\s/g, '');
    if (!/^\d{6}$/.test(code)) return fail(422, 'otp_format', 'code: enter the 6 digits of the code we sent you');
    const at = now();
    const lockedBefore = lockedRefusal(store.otp(participantId), at);
    if (lockedBefore) return lockedBefore;
    const limited = await checkOtpAttempt(env, participantId);
    if (limited) return fail(429, 'rate_limited', limited.message);
    const givenHash = await hashCode(participantId, code);
    // Read after the waits: another try may have used, replaced or locked the code meanwhile. From here on nothing waits.
    const row = store.otp(participantId);
    const locked = lockedRefusal(row, at);
    if (locked) return locked;
    if (!row?.code_hash || !row.channel) return fail(409, 'otp_missing', 'there is no code waiting to be checked: it was used already, or none was sent; ask for a new one');
    if (row.expires_at! <= at) {
      log.commit(() => store.clearOtpCode(participantId));
      return fail(410, 'otp_expired', 'the code has expired; ask for a new one');
    }
    if (timingSafeEqual(givenHash, row.code_hash)) {
      log.commit(() => {
        store.clearOtpCode(participantId);
        store.recordOtpFailure(participantId, 0, null);
      });
      return ok(row.channel === 'sms' ? 'otp_sms' : 'otp_email');
    }

    const failures = row.failures + 1;
    if (failures < OTP_MAX_FAILURES) {
      log.commit(() => store.recordOtpFailure(participantId, failures, null));
      const left = OTP_MAX_FAILURES - failures;
      return { ...fail(422, 'otp_wrong', `that code is not right; ${left} ${left === 1 ? 'try' : 'tries'} left before this link is locked for ${OTP_LOCK_MS / 60_000} minutes`), details: { left } };
    }
    // Locked: the code goes too, so the guesses made on it are worth nothing once the lock ends.
    const until = at + OTP_LOCK_MS;
    log.commit(() => {
      store.recordOtpFailure(participantId, 0, until);
      store.clearOtpCode(participantId);
      log.emit('participant.otp_locked', participantKey(participantId), 'agents', { participant: views.participant(participantId), until });
    });
    this.ctx.publisher.soon();
    return lockedRefusal(store.otp(participantId), at)!;
  }

  /** The participant proved themselves (check spent the code and forgave the guesses): how and when. Runs inside the change that lets the device in. */
  authenticated(participantId: string, method: OtpMethod, at: number): void {
    this.ctx.store.markAuthenticated(participantId, method, at);
  }

  /** An agent reads a participant's live code, if the admin allows it; the reading is in the event log. */
  async agentView(actor: AgentActor, participantId: string): Promise<Result<OtpAgentView>> {
    const { env, store, log, views, directory } = this.ctx;
    const s = await this.ctx.access.agentSession(actor);
    if (!s.ok) return s;
    const p = store.participant(participantId);
    if (!p) return notFound('participant');
    const settings = await directory.settings();
    if (!settings.session.agentMaySeeOtp) return fail(403, 'otp_hidden', "your admin does not let agents see participants' one-time codes");
    const row = store.otp(p.id);
    const at = now();
    if (!row?.code_hash || !row.sealed_code || !row.channel || row.expires_at! <= at) return fail(404, 'no_live_code', `${p.name} has no live one-time code to show`);
    const code = await openSecret(env, row.sealed_code, sealContext(s.value.id, p.id));
    log.commit(() => log.emit('participant.otp_viewed', agentKey(actor.agentId), 'agents', { participant: views.participant(p.id), channel: row.channel! }));
    this.ctx.publisher.soon();
    return ok({ code, channel: row.channel, sentAt: new Date(row.sent_at!).toISOString(), expiresAt: new Date(row.expires_at!).toISOString() });
  }
}

/** The refusal while a link is locked, saying until when; null when it is not. */
function lockedRefusal(row: OtpRow | null, at: number): Failure | null {
  if (!row?.locked_until || row.locked_until <= at) return null;
  return { ...fail(429, 'otp_locked', `too many wrong codes: this link is locked until ${utc(row.locked_until)}; then ask for a new code`), details: { until: new Date(row.locked_until).toISOString() } };
}

/** Six uniform digits from the CSPRNG: a 32-bit draw at or above the last whole million is drawn again, so no code is likelier than another. */
export function newCode(): string {
  const limit = Math.floor(0x1_0000_0000 / 1_000_000) * 1_000_000;
  const draw = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(draw);
    if (draw[0]! < limit) return String(draw[0]! % 1_000_000).padStart(6, '0');
  }
}

/** The stored form of a code: bound to its participant, so a hash copied to another row matches nothing. */
function hashCode(participantId: string, code: string): Promise<string> {
  return sha256Hex(`parley-otp:${participantId}:${code}`);
}

const sealContext = (sessionId: string, participantId: string) => `otp_codes.sealed_code:${sessionId}:${participantId}`;

/** "2026-11-22 10:24 UTC": unambiguous for anyone, anywhere. */
const utc = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
