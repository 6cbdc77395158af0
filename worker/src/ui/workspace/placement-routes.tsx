// The placement pages under /app: a new ad hoc document for a session (any
// agent who may open the session) and a new template (admins only). The
// page's script posts to the JSON API.
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context';
import { page, workspaceAdmin } from './access';
import { WsNotice } from './layout';
import { loadSession } from './data';
import { PlacementPage } from './placement-page';
import { notFoundPage } from './routes';
import { customerOf } from './session-page';

export const placementPages = new Hono<AppEnv>();

placementPages.get('/app/sessions/:id/documents/new', async (c) => {
  const agent = c.get('agent');
  const id = c.req.param('id');
  const data = await loadSession(c.env, agent, id);
  if (!data) return notFoundPage(c, agent);
  const customerName = customerOf(data.view)?.name ?? 'the customer';
  return page(c, <PlacementPage agent={agent} mode={{ kind: 'adhoc', sessionId: id, customerName }} />);
});

const onlyAdminsMakeTemplates = workspaceAdmin((agent) => (
  <WsNotice title="Only an admin can create templates" message="Templates are prepared by your org's admins. Ask one to add this template to Assets." agent={agent} back />
));

placementPages.get('/app/templates/new', onlyAdminsMakeTemplates, (c) => page(c, <PlacementPage agent={c.get('agent')} mode={{ kind: 'template' }} />));
