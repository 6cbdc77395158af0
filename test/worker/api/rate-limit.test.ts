// Rate limits (Cloudflare's rate limiting binding, simulated in workerd):
// each limited route hammered from one address past its limit answers 429
// with Retry-After and a message naming the limit; a real user's pace never
// meets it. The simulated windows are aligned to the clock, so a run that
// straddles a minute may get up to twice the limit through before the 429;
// each test sends at most 2 × limit + 1 requests, which always reaches it.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkOtpAttempt } from '../../../worker/src/api/rate-limit';
import { openApiDocument } from '../../../worker/src/app';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

/** A fresh client address per test, so no two tests (or runs) share a count. */
const newIp = () => `2001:db8::${crypto.randomUUID().slice(0, 4)}:${crypto.randomUUID().slice(0, 4)}`;

type Answer = { status: number; headers: Headers; text: string; json?: any };

/** Send until the first 429 (at most `max` requests): how many got through first, and the 429. */
async function hammer(send: (i: number) => Promise<Answer>, max: number) {
  for (let i = 0; i < max; i++) {
    const res = await send(i);
    if (res.status === 429) return { through: i, refused: res };
  }
  return { through: max, refused: null };
}

/**
 * Waits out the last 20 s of a minute, so that a test which checks what
 * follows the 429 (the same address still refused) runs inside one window:
 * on a slow machine the window could otherwise turn between the two.
 */
async function awayFromMinuteEdge(): Promise<void> {
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
}

/** A test that may wait out a minute's edge (up to 20 s) has that much more time. */
const EDGE_TIMEOUT_MS = 60_000;

const randomCode = () => Array.from(crypto.getRandomValues(new Uint8Array(22)), (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('');

describe('rate limits', () => {
  it('the Worker tests see every limiter bound from wrangler.toml', () => {
    for (const name of ['RATE_LIMIT_SHORT_CODES', 'RATE_LIMIT_ROOM_JOINS', 'RATE_LIMIT_VERIFY', 'RATE_LIMIT_FAILED_TOKENS', 'RATE_LIMIT_OTP'] as const) {
      expect(typeof env[name]?.limit, name).toBe('function');
    }
  });

  it('the limited API routes declare the 429 and its Retry-After in the OpenAPI document', () => {
    const doc = openApiDocument('https://parley.test') as any;
    for (const [path, method] of [['/api/verify', 'post'], ['/api/v1/sessions', 'get'], ['/api/v1/sessions', 'post']] as const) {
      const declared = doc.paths[path][method].responses['429'];
      expect(declared, `${method} ${path}`).toBeDefined();
      expect(Object.keys(declared.headers ?? {})).toContain('Retry-After');
    }
  });

  it('/api/verify: 20 a minute per address, then 429 naming the limit; another address still gets through', async () => {
    const ip = newIp();
    const verify = (from: string) => {
      const form = new FormData();
      form.append('file', new File([new Uint8Array([37, 80, 68, 70, 45, 49])], 'x.pdf'));
      return call('POST', '/api/verify', { body: form, headers: { 'CF-Connecting-IP': from } });
    };
    const { through, refused } = await hammer(() => verify(ip), 41);
    expect(through).toBeGreaterThanOrEqual(20);
    expect(refused!.headers.get('Retry-After')).toBe('60');
    expect(refused!.json.error.code).toBe('rate_limited');
    expect(refused!.json.error.message).toContain('documents checked');
    expect((await verify(newIp())).status).toBe(200);
  });

  it('/r/:code: 30 a minute per address, guessed codes included, then a 429 page; the real code from that address waits too', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Sam Sms', phone: '+14155550123' });
    const code = (await outboxFor(s.session.id)).map((m) => /\/r\/([0-9A-Za-z]{22})/.exec(`${m.link} ${m.body}`)?.[1]).find(Boolean)!;
    const ip = newIp();
    const b = new Browser();
    await awayFromMinuteEdge();
    const { through, refused } = await hammer(() => b.request('GET', `/r/${randomCode()}`, undefined, { 'CF-Connecting-IP': ip }), 61);
    expect(through).toBeGreaterThanOrEqual(30);
    expect(refused!.headers.get('Retry-After')).toBe('60');
    expect(refused!.headers.get('Content-Type')).toContain('text/html');
    // In the visitor's words (their browser's language), never the limiter's internal name.
    expect(refused!.text).toContain('<h1>Too many tries</h1>');
    expect(refused!.text).not.toContain('short links opened');
    expect((await b.request('GET', `/r/${code}`, undefined, { 'CF-Connecting-IP': ip })).status).toBe(429);
    expect((await b.request('POST', `/r/${code}`, undefined, { 'CF-Connecting-IP': ip })).status).toBe(429);
    expect((await b.request('GET', `/r/${code}`, undefined, { 'CF-Connecting-IP': newIp() })).status).toBe(200);
   }, EDGE_TIMEOUT_MS);

  it('/room/join/:token: the page and the press count, 30 a minute per address, then a 429 page', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora Customer', email: `rl-${crypto.randomUUID()}@example.com` });
    const path = new URL((await outboxFor(s.session.id))[0]!.link).pathname;
    const ip = newIp();
    const { through, refused } = await hammer(
      (i) => new Browser().request(i % 2 ? 'POST' : 'GET', path, undefined, { 'CF-Connecting-IP': ip, Origin: 'https://parley.test' }),
      61,
    );
    expect(through).toBeGreaterThanOrEqual(30);
    expect(refused!.status).toBe(429);
    expect(refused!.headers.get('Retry-After')).toBe('60');
    expect(refused!.headers.get('Set-Cookie')).toBeNull();
    expect(refused!.text).toContain('<h1>Too many tries</h1>');
  });

  it('failed agent checks: 20 failures a minute per address, then 429; a valid token from that address still works', async () => {
    const org = await makeOrg();
    const ip = newIp();
    const bad = `${org.alice.token.slice(0, -2)}xx`;
    await awayFromMinuteEdge();
    const { through, refused } = await hammer(() => call('GET', '/api/v1/sessions', { token: bad, headers: { 'CF-Connecting-IP': ip } }), 41);
    expect(through).toBeGreaterThanOrEqual(20);
    expect(refused!.headers.get('Retry-After')).toBe('60');
    expect(refused!.json.error.code).toBe('rate_limited');
    expect(refused!.json.error.message).toContain('failed sign-ins');
    // Only failures count and only failures are refused: a valid caller sharing the address is never locked out.
    expect((await call('GET', '/api/v1/sessions', { token: org.alice.token, headers: { 'CF-Connecting-IP': ip } })).status).toBe(200);
    // A wrong org key is a failed check too.
    expect((await call('GET', '/api/v1/sessions', { headers: { 'X-Parley-Key': 'not-a-key', 'CF-Connecting-IP': ip } })).status).toBe(429);
   }, EDGE_TIMEOUT_MS);

  it('wrong org keys count on their own as failed checks', async () => {
    const ip = newIp();
    const { through, refused } = await hammer(() => call('GET', '/api/v1/sessions', { headers: { 'X-Parley-Key': 'not-a-key', 'CF-Connecting-IP': ip } }), 41);
    expect(through).toBeGreaterThanOrEqual(20);
    expect(refused!.headers.get('Retry-After')).toBe('60');
  });

  it('a request from inside (no CF-Connecting-IP, which Cloudflare sets on every request from outside) is not limited', async () => {
    for (let i = 0; i < 41; i++) expect((await call('GET', '/api/v1/sessions', { token: 'garbage' })).status).toBe(401);
  });

  it('one-time code attempts (the helper the OTP check will call): 5 a minute per participant, whatever the address', async () => {
    const participant = `par_${crypto.randomUUID()}`;
    let through = 0;
    let refused = null;
    for (; through < 11; through++) {
      refused = await checkOtpAttempt(env, participant);
      if (refused) break;
    }
    expect(through).toBeGreaterThanOrEqual(5);
    expect(refused).toMatchObject({ limit: 'otp', retryAfter: 60 });
    expect(refused!.message).toContain('one-time code attempts');
    expect(await checkOtpAttempt(env, `par_${crypto.randomUUID()}`)).toBeNull();
  });
});
