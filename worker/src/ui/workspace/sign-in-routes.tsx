// Signing in to the agent workspace and out of it: /app/sign-in exchanges a
// sign-in link's token (from the CRM, or the link `npm start` prints) for the
// workspace's own HttpOnly cookie; /app/sign-out revokes that cookie's token
// and clears it. These are the /app pages open to someone not signed in.
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context';
import { mintAgentToken } from '../../auth/mint-agent-token';
import { workspaceExpiry } from '../../auth/sign-in-lifetime';
import { now } from '../../clock';
import { idPattern } from '../../contract/ids';
import { HOW_TO_SIGN_IN, page, signedOutPage } from './access';
import { checkSignInLink, clearAgentCookie, revokeWorkspaceCookie, setAgentCookie } from './auth';
import { EMBED_PAGE } from './hubspot-embed';
import { WsNotice } from './layout';

/** Where a sign-in link may lead: the workspace, one session's page, or that page inside HubSpot's frame (never off-site). */
const NEXT_PAGE = new RegExp(`^/app(/sessions/${idPattern('session')})?$`);
const isNextPage = (next: string | undefined): next is string => next !== undefined && (NEXT_PAGE.test(next) || EMBED_PAGE.test(next));

export const signInPages = new Hono<AppEnv>();

signInPages.get('/app/sign-in', async (c) => {
  c.header('Referrer-Policy', 'no-referrer');
  const check = await checkSignInLink(c.env, c.req.query('token'));
  if (!check.ok) return signedOutPage(c, check.reason === 'missing' ? 'invalid' : check.reason);
  // The link's token is short-lived and may have been logged on its way
  // here: the cookie gets a token of its own, for a working day, but never
  // past the cap counted from when this sign-in began (a renewal keeps that).
  const { org, sub, auth } = check.claims;
  const exp = workspaceExpiry(auth, Math.floor(now() / 1000));
  if (exp === null) return signedOutPage(c, 'too_old');
  const minted = await mintAgentToken(c.env, { orgId: org, agentId: sub, use: 'workspace', exp, auth });
  if (!minted.ok) return signedOutPage(c, minted.reason === 'deactivated' ? 'deactivated' : 'invalid');
  // A CRM panel may open one session directly: ?next=/app/sessions/ses_… (or, from HubSpot's frame, /app/hubspot/sessions/ses_…).
  const next = c.req.query('next');
  setAgentCookie(c, minted.token, exp, isNextPage(next) && EMBED_PAGE.test(next));
  c.header('Cache-Control', 'no-store');
  return c.redirect(isNextPage(next) ? next : '/app', 303);
});

signInPages.post('/app/sign-out', async (c) => {
  await revokeWorkspaceCookie(c);
  clearAgentCookie(c);
  return c.redirect('/app/signed-out', 303);
});

signInPages.get('/app/signed-out', (c) => page(c, <WsNotice title="Signed out" message="You have signed out of the Parley workspace." detail={HOW_TO_SIGN_IN} />));

signInPages.get('/app/', (c) => c.redirect('/app', 301));
