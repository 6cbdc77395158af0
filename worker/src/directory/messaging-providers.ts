// An org's own SMS and email provider accounts (migration 0009). Tokens,
// keys and webhook secrets are sealed (auth/secret-box.ts) and bound to their
// column and org; the Twilio account SID and the from number/address are not
// secrets. An org without its own account is served by Parley's (the TWILIO_*
// and EMAIL_* secrets): notify/senders.ts decides.
import { openSecret, sealSecret, type SecretStore } from '../auth/secret-box';

export interface OrgTwilioAccount {
  accountSid: string;
  authToken: string;
  fromNumber: string | null;
  messagingServiceSid: string | null;
}

export interface OrgEmailAccount {
  apiKey: string;
  fromAddress: string;
  /** The secret the provider signs this org's webhooks with; null until the admin sets it (webhooks are refused until then). */
  webhookSecret: string | null;
}

export interface OrgMessagingProviders {
  twilio: OrgTwilioAccount | null;
  email: OrgEmailAccount | null;
  updatedAt: number | null;
}

interface Row {
  org_id: string;
  twilio_account_sid: string | null;
  twilio_auth_token: string | null;
  twilio_from_number: string | null;
  twilio_messaging_service_sid: string | null;
  email_api_key: string | null;
  email_from_address: string | null;
  email_webhook_secret: string | null;
  updated_at: number;
}

const context = (column: keyof Row, orgId: string) => `messaging_providers.${column}:${orgId}`;

async function openRow(env: SecretStore, row: Row): Promise<OrgMessagingProviders> {
  const open = (column: keyof Row) => {
    const value = row[column];
    return typeof value === 'string' ? openSecret(env, value, context(column, row.org_id)) : Promise.resolve(null);
  };
  const [authToken, apiKey, webhookSecret] = await Promise.all([open('twilio_auth_token'), open('email_api_key'), open('email_webhook_secret')]);
  return {
    twilio:
      row.twilio_account_sid && authToken
        ? { accountSid: row.twilio_account_sid, authToken, fromNumber: row.twilio_from_number, messagingServiceSid: row.twilio_messaging_service_sid }
        : null,
    email: apiKey && row.email_from_address ? { apiKey, fromAddress: row.email_from_address, webhookSecret } : null,
    updatedAt: row.updated_at,
  };
}

/** What an org connected, as its admins see it: nothing secret, and nothing opened (a key that no longer opens them hides nothing here). */
export interface MessagingProvidersOnFile {
  twilio: { accountSid: string; fromNumber: string | null; messagingServiceSid: string | null } | null;
  email: { fromAddress: string; webhookSecretSet: boolean } | null;
}

export async function describeMessagingProviders(db: D1Database, orgId: string): Promise<MessagingProvidersOnFile> {
  const row = await db.prepare('SELECT * FROM messaging_providers WHERE org_id = ?').bind(orgId).first<Row>();
  return {
    twilio:
      row?.twilio_account_sid && row.twilio_auth_token
        ? { accountSid: row.twilio_account_sid, fromNumber: row.twilio_from_number, messagingServiceSid: row.twilio_messaging_service_sid }
        : null,
    email: row?.email_api_key && row.email_from_address ? { fromAddress: row.email_from_address, webhookSecretSet: row.email_webhook_secret !== null } : null,
  };
}

export async function findMessagingProviders(env: SecretStore, orgId: string): Promise<OrgMessagingProviders> {
  const row = await env.DB.prepare('SELECT * FROM messaging_providers WHERE org_id = ?').bind(orgId).first<Row>();
  return row ? openRow(env, row) : { twilio: null, email: null, updatedAt: null };
}

/** The orgs whose own Twilio account this is (normally one), with their opened account. */
export async function orgsWithTwilioAccount(env: SecretStore, accountSid: string): Promise<{ orgId: string; twilio: OrgTwilioAccount }[]> {
  const { results } = await env.DB.prepare('SELECT * FROM messaging_providers WHERE twilio_account_sid = ?').bind(accountSid).all<Row>();
  const out: { orgId: string; twilio: OrgTwilioAccount }[] = [];
  for (const row of results) {
    const { twilio } = await openRow(env, row);
    if (twilio) out.push({ orgId: row.org_id, twilio });
  }
  return out;
}

/**
 * Save an org's accounts. `null` removes that provider (Parley's serves the
 * org again); a secret left undefined keeps the one stored.
 */
export async function saveMessagingProviders(
  env: SecretStore,
  orgId: string,
  change: {
    twilio?: (Omit<OrgTwilioAccount, 'authToken'> & { authToken?: string | undefined }) | null;
    email?: (Omit<OrgEmailAccount, 'apiKey' | 'webhookSecret'> & { apiKey?: string | undefined; webhookSecret?: string | null | undefined }) | null;
  },
  at: number,
): Promise<void> {
  const current = await env.DB.prepare('SELECT * FROM messaging_providers WHERE org_id = ?').bind(orgId).first<Row>();
  const next: Row = current ?? {
    org_id: orgId,
    twilio_account_sid: null,
    twilio_auth_token: null,
    twilio_from_number: null,
    twilio_messaging_service_sid: null,
    email_api_key: null,
    email_from_address: null,
    email_webhook_secret: null,
    updated_at: at,
  };
  const seal = (column: keyof Row, value: string) => sealSecret(env, value, context(column, orgId));
  if (change.twilio === null) Object.assign(next, { twilio_account_sid: null, twilio_auth_token: null, twilio_from_number: null, twilio_messaging_service_sid: null });
  else if (change.twilio) {
    // A token belongs to its account: a new account SID without a new token keeps nothing.
    const sameAccount = next.twilio_account_sid === change.twilio.accountSid;
    next.twilio_auth_token = change.twilio.authToken !== undefined ? await seal('twilio_auth_token', change.twilio.authToken) : sameAccount ? next.twilio_auth_token : null;
    next.twilio_account_sid = change.twilio.accountSid;
    next.twilio_from_number = change.twilio.fromNumber;
    next.twilio_messaging_service_sid = change.twilio.messagingServiceSid;
  }
  if (change.email === null) Object.assign(next, { email_api_key: null, email_from_address: null, email_webhook_secret: null });
  else if (change.email) {
    if (change.email.apiKey !== undefined) next.email_api_key = await seal('email_api_key', change.email.apiKey);
    if (change.email.webhookSecret !== undefined) next.email_webhook_secret = change.email.webhookSecret === null ? null : await seal('email_webhook_secret', change.email.webhookSecret);
    next.email_from_address = change.email.fromAddress;
  }
  next.updated_at = at;
  await env.DB.prepare(
    `INSERT INTO messaging_providers (org_id, twilio_account_sid, twilio_auth_token, twilio_from_number, twilio_messaging_service_sid, email_api_key, email_from_address, email_webhook_secret, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id) DO UPDATE SET twilio_account_sid = excluded.twilio_account_sid, twilio_auth_token = excluded.twilio_auth_token,
       twilio_from_number = excluded.twilio_from_number, twilio_messaging_service_sid = excluded.twilio_messaging_service_sid,
       email_api_key = excluded.email_api_key, email_from_address = excluded.email_from_address,
       email_webhook_secret = excluded.email_webhook_secret, updated_at = excluded.updated_at`,
  )
    .bind(
      orgId,
      next.twilio_account_sid,
      next.twilio_auth_token,
      next.twilio_from_number,
      next.twilio_messaging_service_sid,
      next.email_api_key,
      next.email_from_address,
      next.email_webhook_secret,
      at,
    )
    .run();
}
