import type { SessionRoom } from './room/session-room';
import type { CrmMessage } from './crm/messages';
import type { OutboundMessage } from './notify/messages';

export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  SESSION_ROOM: DurableObjectNamespace<SessionRoom>;
  CRM_WRITEBACK: Queue<CrmMessage>;
  OUTBOUND_MESSAGES: Queue<OutboundMessage>;
  /** Base URL customers reach the Worker on; invitation links are built from it. */
  PUBLIC_URL: string;
  /** "true" only under `npm start` and tests: enables /dev/outbox. */
  DEV_ROUTES?: string;
  /** "off" switches the rate limits off, honoured only with DEV_ROUTES (the bench and e2e: many rooms from one address). */
  RATE_LIMITS?: string;
  /** The sealing certificate: a PKCS#12 file, base64 (`wrangler secret put`; a development one under `npm start` and tests). */
  SEAL_P12?: string;
  SEAL_P12_PASSWORD?: string;
  /**
   * 32 random bytes, base64: encrypts the secrets orgs hand Parley where D1 keeps them (auth/secret-box.ts).
   * `wrangler secret put`; a development one under `npm start` and tests. SECRETS_KEY_PREVIOUS: the key
   * being rotated out, still read.
   */
  SECRETS_KEY?: string;
  SECRETS_KEY_PREVIOUS?: string;
  /** Cloudflare's rate limiters ([[ratelimits]] in wrangler.toml); api/rate-limit.ts says what each counts and why its numbers. */
  RATE_LIMIT_SHORT_CODES: RateLimit;
  RATE_LIMIT_ROOM_JOINS: RateLimit;
  RATE_LIMIT_VERIFY: RateLimit;
  RATE_LIMIT_FAILED_TOKENS: RateLimit;
  RATE_LIMIT_OTP: RateLimit;
}
