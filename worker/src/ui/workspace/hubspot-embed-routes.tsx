// /app/hubspot/sessions/:id — the session page, as the HubSpot card opens it
// in HubSpot's modal frame (hubspot-embed.ts says why it may be framed). The
// same page as /app/sessions/:id, live socket included.
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context';
import { page } from './access';
import { loadSession } from './data';
import { notFoundPage } from './routes';
import { SessionPage } from './session-page';

export const hubspotEmbedPages = new Hono<AppEnv>();

hubspotEmbedPages.get('/app/hubspot/sessions/:id', async (c) => {
  const agent = c.get('agent');
  const data = await loadSession(c.env, agent, c.req.param('id'));
  if (!data) return notFoundPage(c, agent);
  return page(c, <SessionPage agent={agent} data={data} />);
});
