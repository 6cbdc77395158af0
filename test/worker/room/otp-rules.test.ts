// The pure rules of one-time codes (room/otp.ts): which channel a code takes,
// what is missing when it cannot be sent (the sentence the participant list
// and the invitations refuse with), the masked address on the code page, the
// method on the record, and the codes themselves.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../worker/src/domain/settings';
import { maskAddress, newCode, otpChannelFor, otpChannelProblem, participantAuthMethod } from '../../../worker/src/room/otp';

const settings = (session: Partial<Settings['session']>): Settings => ({ ...DEFAULT_SETTINGS, session: { ...DEFAULT_SETTINGS.session, ...session } });
const OTP = settings({ otpRequired: true });
const OTP_NO_SMS = settings({ otpRequired: true, smsEnabled: false });

describe('the channel of a code', () => {
  it('is the other one than the invitation, or email when SMS is off', () => {
    expect(otpChannelFor('email', OTP)).toBe('sms');
    expect(otpChannelFor('sms', OTP)).toBe('email');
    expect(otpChannelFor('email', OTP_NO_SMS)).toBe('email');
  });

  it('names the participant and what they lack, only when a code is required (or asked for a takeover)', () => {
    const jane = { name: 'Jane Doe', email: 'jane@example.com', phone: null, channel: 'email' as const };
    expect(otpChannelProblem(jane, OTP)).toBe('Jane Doe needs a phone number for the one-time code (the invitation goes by email)');
    expect(otpChannelProblem({ name: 'Sam', phone: '+14155550199', channel: 'sms' }, OTP)).toBe('Sam needs an email address for the one-time code (the invitation goes by SMS)');
    expect(otpChannelProblem({ ...jane, phone: '+14155550199' }, OTP)).toBeNull();
    expect(otpChannelProblem(jane, settings({}))).toBeNull();
    expect(otpChannelProblem(jane, settings({}), { always: true })).toMatch(/^Jane Doe needs a phone number/);
    // SMS off: the email the invitation goes to carries the code too.
    expect(otpChannelProblem(jane, OTP_NO_SMS)).toBeNull();
  });
});

describe('what the person and the record are shown', () => {
  it('masks the address: the last four digits of a phone, the first letter and domain of an email', () => {
    expect(maskAddress('sms', '+1 (415) 555-0123')).toBe('•••• 0123');
    expect(maskAddress('email', 'jane.doe@example.com')).toBe('j•••@example.com');
  });

  it('names the method and its UTC time, or the invitation link alone', () => {
    expect(participantAuthMethod({ auth_status: 'otp_sms', authenticated_at: Date.UTC(2026, 10, 22, 10, 24, 31) })).toBe('one-time code by SMS at 2026-11-22 10:24 UTC');
    expect(participantAuthMethod({ auth_status: 'otp_email', authenticated_at: Date.UTC(2026, 10, 22, 10, 24) })).toBe('one-time code by email at 2026-11-22 10:24 UTC');
    expect(participantAuthMethod({ auth_status: 'none', authenticated_at: null })).toBe('personal invitation link');
  });
});

describe('codes', () => {
  it('are six digits, leading zeros kept, spread over every digit', () => {
    const codes = Array.from({ length: 2000 }, newCode);
    for (const c of codes) expect(c).toMatch(/^\d{6}$/);
    // Each digit 0–9 turns up in the first place: no digit is left out (a modulo slip would bias, a format slip would drop zeros).
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
    expect(new Set(codes).size).toBeGreaterThan(1990);
  });
});
