// Dev-only pages (DEV_ROUTES=true, set by `npm start` and tests): the local
// outbox, where invitations land instead of a real SMS or email provider.
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import type { OutboxRow } from '../notify/outbox';
import { Layout } from './layout';

export const devPages = new Hono<AppEnv>();

devPages.use('*', async (c, next) => {
  if (c.env.DEV_ROUTES !== 'true') return c.notFound();
  await next();
});

async function recent(db: D1Database, sessionId: string | undefined) {
  const sql = sessionId
    ? 'SELECT * FROM outbox WHERE session_id = ? ORDER BY created_at DESC, id LIMIT 200'
    : 'SELECT * FROM outbox ORDER BY created_at DESC, id LIMIT 200';
  const stmt = sessionId ? db.prepare(sql).bind(sessionId) : db.prepare(sql);
  return (await stmt.all<OutboxRow>()).results;
}

devPages.get('/dev/outbox.json', async (c) => c.json({ messages: await recent(c.env.DB, c.req.query('session')) }));

devPages.get('/dev/outbox', async (c) => {
  const rows = await recent(c.env.DB, c.req.query('session'));
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
                  {m.channel}: {m.recipient}
                </td>
                <td>
                  {m.subject ? <strong>{m.subject}</strong> : null}
                  <div>{m.body}</div>
                </td>
                <td>
                  <a href={m.link}>
                    <code>{m.link}</code>
                  </a>
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
