// Dev-only pages (DEV_ROUTES=true, set by `npm start` and tests): the local
// outbox, where invitations land instead of a real SMS or email provider, and
// the sealing of secrets an old local store kept in plaintext.
// Rows keep their message sealed: these pages open them with the Worker's own
// SECRETS_KEY (under `npm start`, the development key in .dev.vars).
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import type { SecretKeys } from '../auth/secret-box';
import { recentOutbox, type OutboxRow } from '../directory/outbox';
import { sealPlaintextSecrets } from '../directory/plaintext-secrets';
import type { Env } from '../env';
import { reasonOf } from '../log';
import { openOutboxMessage, type MessageContent } from '../notify/outbox';
import { devOnly } from './dev-only';
import { Layout } from './layout';

export const devPages = new Hono<AppEnv>();
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

devPages.get('/dev/outbox', async (c) => {
  const rows = await outboxEntries(c.env, c.req.query('session'));
  return c.html(
    <Layout title="Parley outbox (local)">
      <main>
        <h1>Outbox (local development)</h1>
        <p class="muted">Messages Parley would send by SMS or email. Newest first; JSON at /dev/outbox.json.</p>
        <table>
          <thead>
            <tr>
              <th scope="col">When (UTC)</th>
              <th scope="col">To</th>
              <th scope="col">Message</th>
              <th scope="col">Link</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr>
                <td>{new Date(m.created_at).toISOString().replace('T', ' ').slice(0, 19)}</td>
                <td>
                  {m.channel}: {m.recipient ?? m.participant_id}
                </td>
                <td>
                  {m.subject ? <strong>{m.subject}</strong> : null}
                  {m.body !== null ? <div>{m.body}</div> : <div class="muted">{m.note}</div>}
                </td>
                <td>
                  {m.link ? (
                    <a href={m.link}>
                      <code>{m.link}</code>
                    </a>
                  ) : null}
                </td>
                <td>
                  {m.status}
                  {m.last_error ? <div class="muted">{m.last_error}</div> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </main>
    </Layout>,
  );
});
