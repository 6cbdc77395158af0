// The small rules every credential rests on, pinned in literal numbers: how
// long a sign-in lasts, what a room cookie, an org key and a participant link
// look like, the encodings and the constant-time compare, and how long
// authentication remembers a directory read. Pure, so the mutation runner
// (scripts/mutation.mjs) can use it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { signInLinkExpiry, workspaceExpiry } from '../../../worker/src/auth/sign-in-lifetime';
import { formatRoomCookie, parseRoomCookie, ROOM_COOKIE, ROOM_COOKIE_OPTIONS } from '../../../worker/src/auth/room-cookie';
import { crmKeyMatches, crmKeyOrg, newCrmKey } from '../../../worker/src/auth/crm-key';
import { fullLink, hashLinkSecret, looksLikeCode, looksLikeToken, mintParticipantLink, shortLink } from '../../../worker/src/auth/participant-link';
import { base64, base64url, fromBase64, fromBase64url, newId, randomBase62, sha256Hex, timingSafeEqual, toHex } from '../../../worker/src/auth/crypto';
import { forgetRemembered, remembered, type Remembered } from '../../../worker/src/auth/remembered';

const HOUR = 3600;
const DAY = 24 * HOUR;

describe('how long a workspace sign-in lasts', () => {
  const auth = 1_800_000_000;
  it('a cookie token lasts 12 hours, renewals never past 7 days after the sign-in', () => {
    expect(workspaceExpiry(auth, auth)).toBe(auth + 12 * HOUR);
    expect(workspaceExpiry(auth, auth + 7 * DAY - 13 * HOUR)).toBe(auth + 7 * DAY - HOUR);
    expect(workspaceExpiry(auth, auth + 7 * DAY - HOUR)).toBe(auth + 7 * DAY);
    expect(workspaceExpiry(auth, auth + 7 * DAY - 1)).toBe(auth + 7 * DAY);
    expect(workspaceExpiry(auth, auth + 7 * DAY)).toBeNull();
  });

  it('a sign-in link lasts 120 seconds, never past the same cap', () => {
    expect(signInLinkExpiry(auth, auth)).toBe(auth + 120);
    expect(signInLinkExpiry(auth, auth + 7 * DAY - 60)).toBe(auth + 7 * DAY);
    expect(signInLinkExpiry(auth, auth + 7 * DAY - 1)).toBe(auth + 7 * DAY);
    expect(signInLinkExpiry(auth, auth + 7 * DAY)).toBeNull();
  });
});

describe('the room cookie', () => {
  const cookie = { sessionId: 'ses_AAAAAAAAAAAAAAAA', participantId: 'par_BBBBBBBBBBBBBBBB', deviceToken: 'C'.repeat(43) };
  it('round-trips, and refuses anything but session.participant.43-character token', () => {
    const value = formatRoomCookie(cookie);
    expect(parseRoomCookie(value)).toEqual(cookie);
    expect(parseRoomCookie(undefined)).toBeNull();
    expect(parseRoomCookie('')).toBeNull();
    expect(parseRoomCookie(`${value}.extra`)).toBeNull();
    expect(parseRoomCookie(value.slice(0, -1))).toBeNull();
    expect(parseRoomCookie(`${value}C`)).toBeNull();
    expect(parseRoomCookie(formatRoomCookie({ ...cookie, sessionId: 'par_AAAAAAAAAAAAAAAA' }))).toBeNull();
    expect(parseRoomCookie(formatRoomCookie({ ...cookie, participantId: 'ses_BBBBBBBBBBBBBBBB' }))).toBeNull();
    expect(parseRoomCookie(formatRoomCookie({ ...cookie, deviceToken: `${'C'.repeat(42)}!` }))).toBeNull();
  });

  it('is at most 200 characters', () => {
    // The longest well-formed value is far shorter; the bound keeps garbage cheap.
    expect(parseRoomCookie(`${formatRoomCookie(cookie)}${'x'.repeat(200)}`)).toBeNull();
  });

  it('is a __Host- cookie: Secure, HttpOnly, Path=/, for 400 days', () => {
    expect(ROOM_COOKIE.startsWith('__Host-')).toBe(true);
    expect(ROOM_COOKIE_OPTIONS).toEqual({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/', maxAge: 400 * 86_400 });
  });
});

describe('the org key', () => {
  it('names its org, and matches only its own hash', async () => {
    const { key, hash } = await newCrmKey('org_AAAAAAAAAAAAAAAA');
    expect(key).toMatch(/^pk\.org_A{16}\.[A-Za-z0-9_-]{43}$/);
    expect(crmKeyOrg(key)).toBe('org_AAAAAAAAAAAAAAAA');
    expect(crmKeyOrg(`${key}x`)).toBeNull();
    expect(crmKeyOrg(key.replace('pk.', 'pk_'))).toBeNull();
    expect(await crmKeyMatches(key, hash)).toBe(true);
    expect(await crmKeyMatches(key, null)).toBe(false);
    expect(await crmKeyMatches(`${key.slice(0, -1)}A`, hash)).toBe(key.endsWith('A'));
  });
});

describe('participant links', () => {
  it('a 43-character token and a 22-character code, hashed with their own prefix', async () => {
    const link = await mintParticipantLink();
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(link.code).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(link.tokenHash).toBe(await sha256Hex(`parley-link:${link.token}`));
    expect(link.codeHash).toBe(await hashLinkSecret(link.code));
    expect(looksLikeToken(link.token)).toBe(true);
    expect(looksLikeToken(link.token.slice(1))).toBe(false);
    expect(looksLikeCode(link.code)).toBe(true);
    expect(looksLikeCode(`${link.code}a`)).toBe(false);
    expect(looksLikeCode(link.code.slice(1))).toBe(false);
    expect(fullLink('https://p.example/', 'T')).toBe('https://p.example/room/join/T');
    expect(shortLink('https://p.example', 'C')).toBe('https://p.example/r/C');
  });
});

describe('encodings and comparison', () => {
  it('base64url round-trips every length, and refuses what is not base64url', () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(fromBase64url(base64url(bytes))).toEqual(bytes);
      expect(fromBase64(base64(bytes))).toEqual(bytes);
    }
    const big = Uint8Array.from({ length: 70_000 }, (_, i) => i & 255);
    expect(fromBase64(base64(big))).toEqual(big);
    expect(fromBase64url('A')).toBeNull(); // a length of 1 mod 4
    expect(fromBase64url('AAAAA')).toBeNull();
    expect(fromBase64url('AA+A')).toBeNull();
    expect(fromBase64url('AA=A')).toBeNull();
    expect(fromBase64url('_-8')).toEqual(Uint8Array.from([0xff, 0xef]));
  });

  it('compares whole strings in constant time', () => {
    expect(timingSafeEqual('', '')).toBe(true);
    expect(timingSafeEqual('abc', 'abc')).toBe(true);
    expect(timingSafeEqual('abc', 'abd')).toBe(false);
    expect(timingSafeEqual('abc', 'ab')).toBe(false);
    expect(timingSafeEqual('ab', 'abc')).toBe(false);
    expect(timingSafeEqual('', 'a')).toBe(false);
    expect(timingSafeEqual('bbc', 'abc')).toBe(false);
  });

  it('random base62 drops bytes from 248 up, so no character is more likely than another', () => {
    // 248 = 4 × 62: the bytes below it map evenly onto the 62 characters.
    const pattern = [247, 248, 255, 0, 1, 2];
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      const bytes = array as unknown as Uint8Array;
      for (let i = 0; i < bytes.length; i++) bytes[i] = pattern[i % pattern.length]!;
      return array;
    });
    try {
      expect(randomBase62(3)).toBe('z01');
    } finally {
      spy.mockRestore();
    }
  });

  it('random ids are base62 of the asked length; hex is two digits a byte', () => {
    expect(randomBase62(40)).toMatch(/^[0-9A-Za-z]{40}$/);
    expect(newId('ses')).toMatch(/^ses_[0-9A-Za-z]{16}$/);
    // Every base62 character shows up: no modulo bias cut the alphabet short.
    expect(new Set(randomBase62(4000)).size).toBe(62);
    expect(toHex(Uint8Array.from([0, 15, 16, 255]))).toBe('000f10ff');
  });
});

describe('remembered directory reads', () => {
  afterEach(() => vi.useRealTimers());

  it('are reused for 5 seconds, read again after, and forgotten at once by prefix', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_000);
    const cache: Remembered<number> = new Map();
    let reads = 0;
    const load = async () => ++reads;
    expect(await remembered(cache, 'org_A:agt_1', load)).toBe(1);
    vi.setSystemTime(1_800_000_000_000 + 4_999);
    expect(await remembered(cache, 'org_A:agt_1', load)).toBe(1);
    vi.setSystemTime(1_800_000_000_000 + 5_000);
    expect(await remembered(cache, 'org_A:agt_1', load)).toBe(2);
    await remembered(cache, 'org_B:agt_2', load);
    forgetRemembered(cache, 'org_A:');
    expect([...cache.keys()]).toEqual(['org_B:agt_2']);
  });

  it('keep at most 1000 entries', async () => {
    const cache: Remembered<number> = new Map();
    for (let i = 0; i < 1000; i++) await remembered(cache, `k${i}`, async () => i);
    expect(cache.size).toBe(1000);
    await remembered(cache, 'one-more', async () => 0);
    expect(cache.size).toBe(1);
  });
});
