// The placement pages under /app: a new ad hoc document for a session (any
// agent who may open the session) and a new template (admins only). Signed
// in by the workspace cookie; the page's script posts to the JSON API.
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../api/context';
import type { AgentRecord } from '../../directory/agents';
import { signedIn } from './auth';
import { loadSession } from './data';
import { WsNotice } from './layout';
import { PlacementPage } from './placement-page';
import { customerOf } from './session-page';

export const placementPages = new Hono<AppEnv>();

const HOW_TO_SIGN_IN = 'Open the workspace from the Parley panel in your CRM; when running Parley locally, open the workspace link that `npm start` prints.';

async function page(c: Context<AppEnv>, node: JSX.Element, status: 200 | 401 | 403 | 404 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${await node.toString()}`, status);
}

async function agentOr(c: Context<AppEnv>): Promise<{ agent: AgentRecord } | { response: Response }> {
  const who = await signedIn(c);
  if (who.ok) return { agent: who.agent };
  return { response: await page(c, <WsNotice title="Open the workspace from your CRM" message="You are not signed in to the Parley workspace." detail={HOW_TO_SIGN_IN} />, 401) };
}

placementPages.get('/app/sessions/:id/documents/new', async (c) => {
  const who = await agentOr(c);
  if ('response' in who) return who.response;
  const id = c.req.param('id');
  const data = await loadSession(c.env, who.agent, id);
  if (!data) return page(c, <WsNotice title="No such session" message="This session does not exist, or it is not yours to open." agent={who.agent} back />, 404);
  const customerName = customerOf(data.view)?.name ?? 'the customer';
  return page(c, <PlacementPage agent={who.agent} mode={{ kind: 'adhoc', sessionId: id, customerName }} />);
});

placementPages.get('/app/templates/new', async (c) => {
  const who = await agentOr(c);
  if ('response' in who) return who.response;
  if (who.agent.role !== 'admin') {
    return page(c, <WsNotice title="Only an admin can create templates" message="Templates are prepared by your org's admins. Ask one to add this template to Assets." agent={who.agent} back />, 403);
  }
  return page(c, <PlacementPage agent={who.agent} mode={{ kind: 'template' }} />);
});
