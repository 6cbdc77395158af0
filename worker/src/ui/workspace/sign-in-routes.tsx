// Signing in to the agent workspace and out of it: /app/sign-in exchanges a
// token link (from the CRM, or the link `npm start` prints) for the
// workspace's own HttpOnly cookie; /app/sign-out clears it. These are the
// /app pages open to someone not signed in.
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context';
import { signAgentToken } from '../../auth/agent-token';
import { now } from '../../clock';
import { idPattern } from '../../contract/ids';
import { findOrgSecret } from '../../directory/agents';
import { HOW_TO_SIGN_IN, page, signedOutPage } from './access';
import { checkToken, clearAgentCookie, setAgentCookie } from './auth';
import { WsNotice } from './layout';

/** Where a sign-in link may lead: the workspace, or one session's page (never off-site). */
const NEXT_PAGE = new RegExp(`^/app(/sessions/${idPattern('session')})?$`);

export const signInPages = new Hono<AppEnv>();

/** How long a workspace sign-in lasts. */
const WORKSPACE_SESSION_S = 12 * 3600;

signInPages.get('/app/sign-in', async (c) => {
  c.header('Referrer-Policy', 'no-referrer');
  const check = await checkToken(c.env, c.req.query('token'));
  if (!check.ok) return signedOutPage(c, check.reason === 'missing' ? 'invalid' : check.reason);
  // The link's token may be short-lived and may have been logged on its way
  // here: the cookie gets a fresh token of its own, for a working day.
  const secret = await findOrgSecret(c.env, check.agent.orgId);
  if (!secret) return signedOutPage(c, 'invalid');
  const exp = Math.floor(now() / 1000) + WORKSPACE_SESSION_S;
  setAgentCookie(c, await signAgentToken({ org: check.agent.orgId, sub: check.agent.id, exp }, secret), exp);
  c.header('Cache-Control', 'no-store');
  // A CRM panel may open one session directly: ?next=/app/sessions/ses_…
  const next = c.req.query('next');
  return c.redirect(next && NEXT_PAGE.test(next) ? next : '/app', 303);
});

signInPages.post('/app/sign-out', (c) => {
  clearAgentCookie(c);
  return c.redirect('/app/signed-out', 303);
});

signInPages.get('/app/signed-out', (c) => page(c, <WsNotice title="Signed out" message="You have signed out of the Parley workspace." detail={HOW_TO_SIGN_IN} />));

signInPages.get('/app/', (c) => c.redirect('/app', 301));
