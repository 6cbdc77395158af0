// Who may open the workspace's pages (/app), as middleware attached to the
// paths it guards: the workspace cookie's agent for every page (else the
// page saying how to sign in, 401), an admin for the admin pages (else 403),
// and, for the files pages link to, a request from inside Parley (a
// cross-site request gets nothing, whatever cookie it carries).
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../api/context';
import type { AgentRecord } from '../../directory/agents';
import { AdminOnly } from './admin-layout';
import { signedIn, type SignedOutReason } from './auth';
import { WsNotice } from './layout';

/** A full page: standards mode, never cached (it shows one agent's data). */
export async function page(c: Context<AppEnv>, node: JSX.Element, status: 200 | 401 | 403 | 404 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${await node.toString()}`, status);
}

type SignedOut = SignedOutReason;
const SIGNED_OUT: Record<SignedOut, { title: string; message: string }> = {
  missing: { title: 'Open the workspace from your CRM', message: 'You are not signed in to the Parley workspace.' },
  invalid: { title: 'This sign-in link is not valid', message: 'The link you opened does not hold a valid agent token.' },
  expired: { title: 'This sign-in link has expired', message: 'Agent tokens are short-lived, and this one has run out.' },
  not_sign_in: { title: 'This link cannot open the workspace', message: 'The token in it is not a sign-in link: only a link made for signing in opens the workspace.' },
  revoked: { title: 'This sign-in has ended', message: 'It was signed out, or an admin has since taken back the tokens it came from.' },
  deactivated: { title: 'Your Parley account is deactivated', message: 'An admin of your org has deactivated it; ask them to reactivate it.' },
  too_old: { title: 'Sign in again', message: 'A workspace sign-in lasts at most 7 days, renewals included, and this one began longer ago.' },
};
export const HOW_TO_SIGN_IN = 'Open the workspace from the Parley panel in your CRM; when running Parley locally, open the workspace link that `npm start` prints.';

export function signedOutPage(c: Context<AppEnv>, reason: SignedOut) {
  const text = SIGNED_OUT[reason];
  return page(c, <WsNotice title={text.title} message={text.message} detail={HOW_TO_SIGN_IN} />, 401);
}

/** Every /app page but signing in and out: the agent of the workspace cookie. */
export const workspaceAgent = createMiddleware<AppEnv>(async (c, next) => {
  const who = await signedIn(c);
  // A cookie that does not hold a valid token is, for the reader, no sign-in at all.
  if (!who.ok) return signedOutPage(c, who.reason === 'invalid' ? 'missing' : who.reason);
  c.set('agent', who.agent);
  await next();
});

/** Pages for admins only; `refusal` says why in the page's own words. */
export function workspaceAdmin(refusal: (agent: AgentRecord) => JSX.Element = (agent) => <AdminOnly agent={agent} />) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const agent = c.get('agent');
    if (agent.role !== 'admin') return page(c, refusal(agent), 403);
    await next();
  });
}

/** Files the pages link to (a link cannot carry the API's header): only for links followed inside Parley. */
export const fromInsideParley = createMiddleware<AppEnv>(async (c, next) => {
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return c.text('Open this from the Parley workspace.', 403);
  await next();
});
