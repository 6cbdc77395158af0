// The agent workspace under /app: sign-in by token link (from the CRM, or
// the link `npm start` prints), the sessions list, one session, the agent's
// document form, and the PDFs and files those pages link to. Pages read what
// they show straight from D1 and the SessionRoom; every change goes through
// the JSON API from the workspace script (cookie + X-Parley-App: 1).
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../api/context';
import { agentActor } from '../../api/session-access';
import { evidence } from '../../api/evidence';
import { fileResponse } from '../../api/uploads';
import type { DocumentItemView } from '../../contract/documents';
import { checkToken, clearAgentCookie, setAgentCookie, signedIn, type SignIn } from './auth';
import { findOrgSecret, type AgentRecord } from '../../directory/agents';
import { signAgentToken } from '../../auth/agent-token';
import { now } from '../../clock';
import { listSessions, loadSession, sessionStub } from './data';
import { DocumentPage } from './document-page';
import { WsNotice } from './layout';
import { ListPage } from './list-page';
import { SessionLive, SessionPage, customerOf } from './session-page';

export const workspacePages = new Hono<AppEnv>();

const SESSION_ID = /^ses_[0-9A-Za-z]{16}$/;
/** How long a workspace sign-in lasts. */
const WORKSPACE_SESSION_S = 12 * 3600;
const ITEM_ID = /^itm_[0-9A-Za-z]{16}$/;
const FILE_ID = /^fil_[0-9A-Za-z]{16}$/;

/** A full page: standards mode, never cached (it shows one agent's data). */
async function page(c: Context<AppEnv>, node: JSX.Element, status: 200 | 401 | 403 | 404 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${await node.toString()}`, status);
}

const SIGNED_OUT: Record<Exclude<SignIn, { ok: true }>['reason'], { title: string; message: string }> = {
  missing: { title: 'Open the workspace from your CRM', message: 'You are not signed in to the Parley workspace.' },
  invalid: { title: 'This sign-in link is not valid', message: 'The link you opened does not hold a valid agent token.' },
  expired: { title: 'This sign-in link has expired', message: 'Agent tokens are short-lived, and this one has run out.' },
  scoped: { title: 'This link cannot open the workspace', message: 'The token in it only opens the live view of one session.' },
};
const HOW_TO_SIGN_IN = 'Open the workspace from the Parley panel in your CRM; when running Parley locally, open the workspace link that `npm start` prints.';

function signedOutPage(c: Context<AppEnv>, reason: Exclude<SignIn, { ok: true }>['reason']) {
  const text = SIGNED_OUT[reason];
  return page(c, <WsNotice title={text.title} message={text.message} detail={HOW_TO_SIGN_IN} />, 401);
}

/** The signed-in agent, or the page explaining how to sign in. */
async function agentOr(c: Context<AppEnv>): Promise<{ agent: AgentRecord } | { response: Response }> {
  const who = await signedIn(c);
  if (!who.ok) return { response: await signedOutPage(c, who.reason === 'invalid' ? 'missing' : who.reason) };
  return { agent: who.agent };
}

// ─────────────────────────────── signing in and out ───────────────────────────────

workspacePages.get('/app/sign-in', async (c) => {
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
  return c.redirect(next && /^\/app(\/sessions\/ses_[0-9A-Za-z]{16})?$/.test(next) ? next : '/app', 303);
});

workspacePages.post('/app/sign-out', (c) => {
  clearAgentCookie(c);
  return c.redirect('/app/signed-out', 303);
});

workspacePages.get('/app/signed-out', (c) => page(c, <WsNotice title="Signed out" message="You have signed out of the Parley workspace." detail={HOW_TO_SIGN_IN} />));

// ─────────────────────────────────── pages ───────────────────────────────────

workspacePages.get('/app/', (c) => c.redirect('/app', 301));

workspacePages.get('/app', async (c) => {
  const who = await agentOr(c);
  if ('response' in who) return who.response;
  const list = await listSessions(c.env.DB, who.agent, { scope: c.req.query('scope'), q: c.req.query('q'), status: c.req.query('status') });
  return page(c, <ListPage agent={who.agent} list={list} />);
});

function notFoundPage(c: Context<AppEnv>, agent: AgentRecord, what = 'session') {
  return page(c, <WsNotice title={`No such ${what}`} message={`This ${what} does not exist, or it is not yours to open.`} agent={agent} back />, 404);
}

workspacePages.get('/app/sessions/:id', async (c) => {
  const who = await agentOr(c);
  if ('response' in who) return who.response;
  const data = await loadSession(c.env, who.agent, c.req.param('id'));
  if (!data) return notFoundPage(c, who.agent);
  return page(c, <SessionPage agent={who.agent} data={data} />);
});

// The live parts of the session page, fetched again by the script on every event.
workspacePages.get('/app/sessions/:id/live', async (c) => {
  const who = await signedIn(c);
  c.header('Cache-Control', 'no-store');
  if (!who.ok) return c.text('signed out', 401);
  const data = await loadSession(c.env, who.agent, c.req.param('id'));
  if (!data) return c.text('not found', 404);
  return c.html(<SessionLive agent={who.agent} data={data} />);
});

workspacePages.get('/app/sessions/:id/documents/:itemId', async (c) => {
  const who = await agentOr(c);
  if ('response' in who) return who.response;
  const { id, itemId } = c.req.param();
  const data = SESSION_ID.test(id) && ITEM_ID.test(itemId) ? await loadSession(c.env, who.agent, id) : null;
  const doc = data?.documents.get(itemId);
  if (!data || !doc) return notFoundPage(c, who.agent, 'document');
  return page(c, <DocumentPage agent={who.agent} sessionId={id} customerName={customerOf(data.view)?.name ?? 'the customer'} doc={doc as DocumentItemView} />);
});

// ───────────────────────── files the pages link to ─────────────────────────
// Links cannot send X-Parley-App, so the PDF and chat files are served here
// with the cookie, through the same SessionRoom calls as the API. Only for
// links followed inside the workspace: a cross-site request gets nothing.

workspacePages.get('/app/sessions/:id/documents/:itemId/pdf', async (c) => {
  const who = await fileCaller(c);
  if ('response' in who) return who.response;
  const { id, itemId } = c.req.param();
  if (!SESSION_ID.test(id) || !ITEM_ID.test(itemId)) return c.text('Not found', 404);
  const r = await sessionStub(c.env, id).documentPdf(agentActor(who.agent), itemId, evidence(c));
  if (!r.ok) return c.text(r.status === 404 ? 'Not found' : r.message, r.status === 404 ? 404 : 409);
  const res = await fileResponse(c.env.FILES, { ...r.value, type: 'application/pdf' });
  if (c.req.query('download') !== undefined) return res;
  // Preview: the browser shows it in place.
  const headers = new Headers(res.headers);
  headers.set('Content-Disposition', headers.get('Content-Disposition')!.replace(/^attachment/, 'inline'));
  return new Response(res.body, { status: res.status, headers });
});

workspacePages.get('/app/sessions/:id/files/:fileId', async (c) => {
  const who = await fileCaller(c);
  if ('response' in who) return who.response;
  const { id, fileId } = c.req.param();
  if (!SESSION_ID.test(id) || !FILE_ID.test(fileId)) return c.text('Not found', 404);
  const r = await sessionStub(c.env, id).file(agentActor(who.agent), fileId);
  if (!r.ok) return c.text('Not found', 404);
  return fileResponse(c.env.FILES, r.value);
});

async function fileCaller(c: Context<AppEnv>): Promise<{ agent: AgentRecord } | { response: Response }> {
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return { response: c.text('Open this from the Parley workspace.', 403) };
  const who = await signedIn(c);
  if (!who.ok) return { response: c.text('Sign in to the Parley workspace first.', 401) };
  return { agent: who.agent };
}
