// Dev-only pages (DEV_ROUTES=true, set by `npm start` and tests): the local
// outbox, where invitations land instead of a real SMS or email provider.
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import { recentOutbox } from '../directory/outbox';
import { devOnly } from './dev-only';
import { Layout } from './layout';

export const devPages = new Hono<AppEnv>();
devPages.use('/dev/*', devOnly);

devPages.get('/dev/outbox.json', async (c) => c.json({ messages: await recentOutbox(c.env.DB, c.req.query('session')) }));

devPages.get('/dev/outbox', async (c) => {
  const rows = await recentOutbox(c.env.DB, c.req.query('session'));
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
