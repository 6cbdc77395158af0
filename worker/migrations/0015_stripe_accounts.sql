-- An org's Stripe account for payments in the room (issue 16): the secret key
-- and the webhook's signing secret sealed (auth/secret-box.ts, bound to their
-- column and org), the publishable key (public: the payment page sends it to
-- the browser), an optional Stripe Connect account the org's payments go to,
-- and the admin's limits: the currencies taken and the amounts allowed, in
-- major units (125.5 = 125.50, the same figure whatever the currency).
CREATE TABLE stripe_accounts (
  org_id TEXT PRIMARY KEY,
  secret_key TEXT NOT NULL,
  webhook_secret TEXT NOT NULL,
  publishable_key TEXT NOT NULL,
  connect_account_id TEXT,
  currencies TEXT NOT NULL,
  min_amount REAL NOT NULL,
  max_amount REAL NOT NULL,
  updated_at INTEGER NOT NULL
);
