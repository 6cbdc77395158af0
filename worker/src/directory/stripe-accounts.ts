// An org's Stripe account (migration 0015): the keys payments are taken
// with, and the limits its admins set. The secret key and the webhook secret
// are sealed (auth/secret-box.ts) and bound to their column and org; the
// publishable key and the Connect account id are not secrets.
import { openSecret, sealSecret, type SecretStore } from '../auth/secret-box';
import type { PaymentLimits } from '../domain/payment';

export interface StripeAccount extends PaymentLimits {
  secretKey: string;
  webhookSecret: string;
  publishableKey: string;
  /** Stripe Connect: the connected account payments are made on (Stripe-Account header); null: the key's own account. */
  connectAccountId: string | null;
  updatedAt: number;
}

/** What admins see: nothing secret. */
export type StripeAccountOnFile = Omit<StripeAccount, 'secretKey' | 'webhookSecret'> & { mode: 'test' | 'live' };

interface Row {
  org_id: string;
  secret_key: string;
  webhook_secret: string;
  publishable_key: string;
  connect_account_id: string | null;
  currencies: string;
  min_amount: number;
  max_amount: number;
  updated_at: number;
}

const context = (column: 'secret_key' | 'webhook_secret', orgId: string) => `stripe_accounts.${column}:${orgId}`;

/** Everything but the secrets. */
const publicPart = (row: Row): Omit<StripeAccount, 'secretKey' | 'webhookSecret'> => ({
  publishableKey: row.publishable_key,
  connectAccountId: row.connect_account_id,
  currencies: JSON.parse(row.currencies) as string[],
  minAmount: row.min_amount,
  maxAmount: row.max_amount,
  updatedAt: row.updated_at,
});

const rowOf = (db: D1Database, orgId: string) => db.prepare('SELECT * FROM stripe_accounts WHERE org_id = ?').bind(orgId).first<Row>();

export async function findStripeAccount(env: SecretStore, orgId: string): Promise<StripeAccount | null> {
  const row = await rowOf(env.DB, orgId);
  if (!row) return null;
  const [secretKey, webhookSecret] = await Promise.all([openSecret(env, row.secret_key, context('secret_key', orgId)), openSecret(env, row.webhook_secret, context('webhook_secret', orgId))]);
  return { secretKey, webhookSecret, ...publicPart(row) };
}

/** The account as admins see it (no secret opened, so a rotated key hides nothing here). */
export async function describeStripeAccount(db: D1Database, orgId: string): Promise<StripeAccountOnFile | null> {
  const row = await rowOf(db, orgId);
  if (!row) return null;
  return {
    ...publicPart(row),
    // The publishable key says the mode (its secret key is of the same mode: the admin route checks they match).
    mode: row.publishable_key.startsWith('pk_live_') ? 'live' : 'test',
  };
}

/** Save the account; a secret left undefined keeps the one stored (an admin changing limits need not paste the keys again). */
export async function saveStripeAccount(
  env: SecretStore,
  orgId: string,
  change: Omit<StripeAccount, 'secretKey' | 'webhookSecret' | 'updatedAt'> & { secretKey?: string | undefined; webhookSecret?: string | undefined },
  at: number,
): Promise<'saved' | 'keys_required'> {
  const current = await rowOf(env.DB, orgId);
  const secretKey = change.secretKey !== undefined ? await sealSecret(env, change.secretKey, context('secret_key', orgId)) : current?.secret_key;
  const webhookSecret = change.webhookSecret !== undefined ? await sealSecret(env, change.webhookSecret, context('webhook_secret', orgId)) : current?.webhook_secret;
  if (!secretKey || !webhookSecret) return 'keys_required';
  await env.DB.prepare(
    `INSERT INTO stripe_accounts (org_id, secret_key, webhook_secret, publishable_key, connect_account_id, currencies, min_amount, max_amount, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id) DO UPDATE SET secret_key = excluded.secret_key, webhook_secret = excluded.webhook_secret, publishable_key = excluded.publishable_key,
       connect_account_id = excluded.connect_account_id, currencies = excluded.currencies, min_amount = excluded.min_amount, max_amount = excluded.max_amount, updated_at = excluded.updated_at`,
  )
    .bind(orgId, secretKey, webhookSecret, change.publishableKey, change.connectAccountId, JSON.stringify(change.currencies), change.minAmount, change.maxAmount, at)
    .run();
  return 'saved';
}

export async function removeStripeAccount(db: D1Database, orgId: string): Promise<void> {
  await db.prepare('DELETE FROM stripe_accounts WHERE org_id = ?').bind(orgId).run();
}
