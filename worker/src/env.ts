import type { SessionRoom } from './room/session-room';
import type { CrmMessage } from './crm/messages';
import type { OutboundMessage } from './notify/messages';

export interface Env {
  DB: D1Database;
  FILES: R2Bucket;
  SESSION_ROOM: DurableObjectNamespace<SessionRoom>;
  /** Write-back's queues, split by org (crm/writeback-queues.ts): crm-writeback, crm-writeback-1… */
  CRM_WRITEBACK: Queue<CrmMessage>;
  CRM_WRITEBACK_1?: Queue<CrmMessage>;
  CRM_WRITEBACK_2?: Queue<CrmMessage>;
  CRM_WRITEBACK_3?: Queue<CrmMessage>;
  /** How many of those queues write-back uses, 1 to 4; all when unset. */
  CRM_WRITEBACK_SHARDS?: string;
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
  /**
   * Parley's own provider accounts, serving every org that has not connected
   * its own (directory/messaging-providers.ts). Secrets (`wrangler secret put`);
   * without them, and without an org's own, messages wait as "held" in the
   * outbox (the local outbox page under `npm start`).
   * TWILIO_FROM_NUMBER (E.164) or TWILIO_MESSAGING_SERVICE_SID (MG…) for
   * destinations that take no alphanumeric sender name.
   */
  TWILIO_ACCOUNT_SID?: string;
  TWILIO_AUTH_TOKEN?: string;
  TWILIO_FROM_NUMBER?: string;
  TWILIO_MESSAGING_SERVICE_SID?: string;
  /** Twilio's REST API, https://api.twilio.com unless a local fake stands in. */
  TWILIO_API_BASE?: string;
  /** The email provider's (Resend) API key, the address mail comes from (on a domain verified there), and its webhook signing secret (whsec_…). */
  EMAIL_API_KEY?: string;
  EMAIL_FROM_ADDRESS?: string;
  EMAIL_WEBHOOK_SECRET?: string;
  /** The email provider's API, https://api.resend.com unless a local fake stands in. */
  EMAIL_API_BASE?: string;
  /**
   * Parley's HubSpot app (connectors/hubspot/app): its OAuth client id and
   * secret (the secret also signs every call HubSpot makes to Parley,
   * X-HubSpot-Signature-v3), and its app id. Secrets (`wrangler secret put`);
   * without them no HubSpot portal can connect.
   */
  HUBSPOT_CLIENT_ID?: string;
  HUBSPOT_CLIENT_SECRET?: string;
  HUBSPOT_APP_ID?: string;
  /** HubSpot's API, https://api.hubapi.com unless a local fake stands in. */
  HUBSPOT_API_BASE?: string;
  /** Where Stripe's API is (https://api.stripe.com when unset): a local stand-in in tests and development. */
  STRIPE_API_BASE?: string;
  /** Where the payment page loads Stripe.js (https://js.stripe.com/v3/ when unset): a local stand-in in the end-to-end tests. */
  STRIPE_JS_URL?: string;
  /** Cloudflare's rate limiters ([[ratelimits]] in wrangler.toml); api/rate-limit.ts says what each counts and why its numbers. */
  RATE_LIMIT_SHORT_CODES: RateLimit;
  RATE_LIMIT_ROOM_JOINS: RateLimit;
  RATE_LIMIT_VERIFY: RateLimit;
  RATE_LIMIT_FAILED_TOKENS: RateLimit;
  RATE_LIMIT_OTP: RateLimit;
}
