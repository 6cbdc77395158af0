// Dev-only pages (DEV_ROUTES=true, set by `npm start` and tests): the local
// outbox, where invitations land instead of a real SMS or email provider (as
// JSON for scripts and tests, and as a page: dev-outbox-page.tsx), and
// the sealing of secrets an old local store kept in plaintext.
// Rows keep their message sealed: these pages open them with the Worker's own
// SECRETS_KEY (under `npm start`, the development key in .dev.vars).
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import type { SecretKeys } from '../auth/secret-box';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { findOrgName } from '../directory/orgs';
import { recentOutbox, type OutboxRow } from '../directory/outbox';
import { sealPlaintextSecrets } from '../directory/plaintext-secrets';
import type { Env } from '../env';
import { reasonOf } from '../log';
import { messagingProvidersView } from '../notify/messaging-view';
import { openOutboxMessage, type MessageContent } from '../notify/outbox';
import { devOnly } from './dev-only';
import { OutboxPage, type OutboxView } from './dev-outbox-page';

export const devPages = new Hono<AppEnv>();
/** The outbox page: it shows emails in srcdoc iframes, which need a policy of their own (app.tsx). */
export const OUTBOX_PAGE = '/dev/outbox';
devPages.use('/dev/*', devOnly);

type OutboxEntry = Omit<OutboxRow, 'sealed'> & { [K in keyof MessageContent]: MessageContent[K] | null } & { note: string | null };

/** A row as the pages show it: opened, or with a note saying why there is nothing to show. */
async function outboxEntry(keys: SecretKeys, row: OutboxRow): Promise<OutboxEntry> {
  const { sealed, ...record } = row;
  const none = { recipient: null, subject: null, body: null, link: null };
  if (sealed === null) return { ...record, ...none, note: `${row.status}: its text and link are no longer kept` };
  try {
    const { recipient, subject, body, link } = await openOutboxMessage(keys, row);
    return { ...record, recipient, subject, body, link, note: null };
  } catch (err) {
    return { ...record, ...none, note: `cannot be opened with this SECRETS_KEY: ${reasonOf(err)}` };
  }
}

async function outboxEntries(env: Env, sessionId: string | undefined): Promise<OutboxEntry[]> {
  const rows = await recentOutbox(env.DB, sessionId);
  return Promise.all(rows.map((r) => outboxEntry(env, r)));
}

// `npm start` calls this before the demo seed: a local store from before
// secrets were sealed still opens (directory/plaintext-secrets.ts).
devPages.post('/dev/seal-plaintext-secrets', async (c) => c.json({ sealed: await sealPlaintextSecrets(c.env) }));

devPages.get('/dev/outbox.json', async (c) => c.json({ messages: await outboxEntries(c.env, c.req.query('session')) }));

devPages.get(OUTBOX_PAGE, async (c) => {
  const entries = await outboxEntries(c.env, c.req.query('session'));
  const senders = new Map<string, Promise<OrgSenders>>();
  const sendersOf = (orgId: string) => {
    let found = senders.get(orgId);
    if (!found) senders.set(orgId, (found = orgSenders(c.env, orgId)));
    return found;
  };
  const messages = await Promise.all(
    entries.map(async (m): Promise<OutboxView> => {
      const from = await sendersOf(m.org_id);
      return {
        id: m.id,
        channel: m.channel,
        kind: m.kind,
        status: m.status,
        createdAt: m.created_at,
        lastError: m.last_error,
        // What the provider reported it went out as, once it took it; else what it would be sent as.
        from: m.channel === 'email' ? (m.sender ? `${from.emailName} <${m.sender}>` : from.email) : (m.sender ?? from.sms),
        to: m.recipient ?? m.participant_id,
        subject: m.subject,
        body: m.body,
        link: m.link,
        note: m.note,
      };
    }),
  );
  return c.html(<OutboxPage messages={messages} />);
});

interface OrgSenders {
  emailName: string;
  /** The From line of the org's emails. */
  email: string;
  /** The sender of the org's texts: its number, else its sender name. */
  sms: string;
}

/** Who an org's messages come from, as the senders (notify/senders.ts) would send them; nothing secret is opened. */
async function orgSenders(env: Env, orgId: string): Promise<OrgSenders> {
  const [settings, orgName, providers] = await Promise.all([orgNotificationSettings(env.DB, orgId), findOrgName(env.DB, orgId), messagingProvidersView(env, orgId)]);
  const emailName = settings.general.emailSenderName ?? orgName ?? 'Parley';
  const address = providers.email.fromAddress ?? 'no email provider connected';
  return { emailName, email: `${emailName} <${address}>`, sms: providers.sms.fromNumber ?? settings.general.smsSenderName };
}
