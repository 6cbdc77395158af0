// Rate limits, counted by Cloudflare's rate limiting binding ([[ratelimits]]
// in wrangler.toml; wrangler dev and the Worker tests simulate it). Every
// secret these routes check is unguessable (link tokens 256 bits, short codes
// ≈131 bits, signed agent tokens), so the limits are not what keeps a secret
// safe: they bound what one client can make Parley do (lookups, hashing of
// uploads, signature checks) and slow down anyone trying anyway. A limited
// request gets 429 with Retry-After and a message naming the limit.
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { errorSchema } from '../contract/errors';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { logError, reasonOf } from '../log';
import type { AppEnv } from './context';

/** The names of the Env's rate limiters. */
type Binding = { [K in keyof Env]-?: Env[K] extends RateLimit ? K : never }[keyof Env];

interface Limit {
  binding: Binding;
  /** Seconds: the binding's own period (wrangler.toml `simple.period`, 10 or 60), sent as Retry-After. */
  period: 10 | 60;
  /** How the 429 names the limit. */
  name: string;
}

/**
 * The limits. How many per period is set in wrangler.toml beside each binding
 * (the binding does not tell the Worker); the period here must match it. The
 * numbers are chosen so no real person ever meets them:
 * - short codes (/r/:code) and room joins (/room/join/:token): 30 a minute per
 *   address, each page and each button press counting one. A person opens their
 *   link a few times a day; even a family or office behind one address stays far
 *   below. Keyed by address only: adding the code would give every guessed code
 *   a fresh allowance.
 * - /api/verify: 20 a minute per address. A person checks one PDF at a time
 *   through a form; each check uploads and hashes up to a whole document.
 * - failed agent checks: 20 a minute per address. Only failures count, and only
 *   failures are refused: a client with a stale token fails a handful of times,
 *   and a valid caller sharing the address (an office, a CRM's servers) is never
 *   locked out by someone else's bad tokens.
 * - one-time codes (OTP, issue 13): 5 attempts a minute per participant, keyed by
 *   the participant being verified, not the address, so changing addresses gives
 *   a guesser no more tries. A person mistypes a code once or twice.
 */
export const LIMITS = {
  shortCodes: { binding: 'RATE_LIMIT_SHORT_CODES', period: 60, name: 'short links opened' },
  roomJoins: { binding: 'RATE_LIMIT_ROOM_JOINS', period: 60, name: 'invitation links opened' },
  verify: { binding: 'RATE_LIMIT_VERIFY', period: 60, name: 'documents checked' },
  failedAgentChecks: { binding: 'RATE_LIMIT_FAILED_TOKENS', period: 60, name: 'failed sign-ins' },
  otp: { binding: 'RATE_LIMIT_OTP', period: 60, name: 'one-time code attempts' },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** The 429 a limited API route declares in its OpenAPI responses. */
export const rateLimitResponses = {
  429: {
    description: 'Too many requests, or too many failed sign-ins, from this address (the message names the limit); try again after Retry-After seconds',
    headers: z.object({ 'Retry-After': z.string().openapi({ description: 'Seconds to wait before trying again', example: '60' }) }),
    content: { 'application/json': { schema: errorSchema } },
  },
} as const;

/** A request over its limit: what the 429 says. */
export interface RateLimited {
  limit: LimitName;
  /** Seconds to wait: the limit's period. */
  retryAfter: number;
  message: string;
}

/**
 * The client's address. Cloudflare sets CF-Connecting-IP on every request from
 * the internet (a client cannot remove or forge it), and so does wrangler dev;
 * only calls from inside (tests, other Workers) arrive without it, and those
 * are not limited.
 */
export function clientIp(c: Context<AppEnv>): string | null {
  return c.req.header('CF-Connecting-IP') ?? null;
}

/**
 * Count one request against a limit: null while within it, else what to answer.
 * For code that is not a middleware (the agent check, the OTP check). A limiter
 * that fails lets the request through: limits bound cost, they guard no secret.
 */
export async function checkLimit(env: Env, limit: LimitName, key: string | null): Promise<RateLimited | null> {
  if (key === null || unlimitedForMeasuring(env)) return null;
  const { binding, period, name } = LIMITS[limit];
  try {
    const { success } = await env[binding].limit({ key });
    if (success) return null;
  } catch (err) {
    logError('rate_limit_unavailable', { limit, reason: reasonOf(err) });
    return null;
  }
  return { limit, retryAfter: period, message: `rate limit "${name}": too many from your address; try again in ${period} seconds` };
}

/**
 * The bench enters hundreds of rooms from one address in a minute, as no
 * person does: it measures Parley's own speed with RATE_LIMITS=off, which only
 * a development server (DEV_ROUTES) honours.
 */
function unlimitedForMeasuring(env: Env): boolean {
  return env.DEV_ROUTES === 'true' && env.RATE_LIMITS === 'off';
}

/** One attempt at a participant's one-time code (issue 13's OTP check calls this before comparing the code). */
export async function checkOtpAttempt(env: Env, participantId: string): Promise<RateLimited | null> {
  const refused = await checkLimit(env, 'otp', participantId);
  return refused && { ...refused, message: `rate limit "${LIMITS.otp.name}": too many attempts at this code; try again in ${refused.retryAfter} seconds` };
}

/** Throw the JSON 429 (the app's error handler renders it; Retry-After is set on the answer first). */
export function throwRateLimited(c: Context<AppEnv>, refused: RateLimited): never {
  c.header('Retry-After', String(refused.retryAfter));
  throw new ApiError(429, 'rate_limited', refused.message);
}

/**
 * A middleware counting every request it sees against a limit, keyed by the
 * client's address unless told otherwise. Over the limit: the JSON 429, or
 * what `refuse` answers (the HTML routes answer a page).
 */
export function rateLimit(limit: LimitName, opts: { key?: (c: Context<AppEnv>) => string | null; refuse?: (c: Context<AppEnv>, refused: RateLimited) => Response | Promise<Response> } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const refused = await checkLimit(c.env, limit, (opts.key ?? clientIp)(c));
    if (refused) {
      if (!opts.refuse) throwRateLimited(c, refused);
      c.header('Retry-After', String(refused.retryAfter));
      return opts.refuse(c, refused);
    }
    await next();
  });
}

/**
 * After an agent credential check (agent-auth.ts: a token, or the org key)
 * failed with `err`: a 401 is counted against the address's allowance of
 * failures, and over it the 429 replaces the 401; anything else is thrown as
 * it is. Called only on failure, so successful calls are never counted nor refused.
 */
export async function countFailedAgentCheck(c: Context<AppEnv>, err: unknown): Promise<never> {
  if (err instanceof ApiError && err.status === 401) {
    const refused = await checkLimit(c.env, 'failedAgentChecks', clientIp(c));
    if (refused) throwRateLimited(c, refused);
  }
  throw err;
}
