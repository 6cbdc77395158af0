// What `/` answers: where to go from here, instead of a bare 404. Agents
// reach the workspace from their CRM or a sign-in link, developers want the
// API's reference, and a local Parley (DEV_ROUTES) has the outbox where
// invitations land. Customers never come here: their link opens the room.
import { Hono } from 'hono';
import type { AppEnv } from '../api/context';
import { Layout } from './layout';

export const homePage = new Hono<AppEnv>();

homePage.get('/', (c) => {
  const local = c.env.DEV_ROUTES === 'true';
  return c.html(
    <Layout title="Parley">
      <main class="notice" role="main">
        <h1>Parley</h1>
        <p>A secure room where an agent and their customer sign, share and talk, with every step written back to the CRM.</p>
        <ul>
          <li>
            <a href="/app">Agent workspace</a> — open it from Salesforce, HubSpot or your sign-in link.
          </li>
          <li>
            <a href="/api/docs">API reference</a> (<a href="/api/openapi.json">OpenAPI document</a>)
          </li>
          {local ? (
            <li>
              <a href="/dev/outbox">Outbox</a> — the texts and emails this local Parley would have sent, with their links.
            </li>
          ) : null}
        </ul>
        <p class="muted">Customers: open the link in your invitation to enter your room.</p>
      </main>
    </Layout>,
  );
});
