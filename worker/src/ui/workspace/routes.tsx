// The agent workspace under /app: the sessions list, one session, the
// address book, the agent's document form, and the PDFs and files those
// pages link to. The signed-in agent comes from the workspace cookie
// (access.tsx, attached to /app/* in app.tsx). Pages read what they show
// through the services the API uses; every change goes through the JSON
// API from the workspace script (cookie + X-Parley-App: 1).
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../../api/context';
import { agentActor } from '../../api/session-access';
import { evidence } from '../../api/evidence';
import { fileResponse, shownInPlace } from '../../api/uploads';
import { drawnImageResponse } from '../../api/drawn-image';
import { isId, fieldIdSchema } from '../../contract/ids';
import type { AgentRecord } from '../../directory/agents';
import { fromInsideParley, page } from './access';
import { sessionRoom } from '../../room/address';
import { loadSession, sessionList } from './data';
import { DocumentPage } from './document-page';
import { ReviewPage } from './review-page';
import { WsNotice } from './layout';
import { ListPage } from './list-page';
import { SessionLive, SessionPage, customerOf } from './session-page';
import { AddressBookPage, addressBook } from './address-book-page';

export const workspacePages = new Hono<AppEnv>();

export function notFoundPage(c: Context<AppEnv>, agent: AgentRecord, what = 'session') {
  return page(c, <WsNotice title={`No such ${what}`} message={`This ${what} does not exist, or it is not yours to open.`} agent={agent} back />, 404);
}

workspacePages.get('/app', async (c) => {
  const agent = c.get('agent');
  const list = await sessionList(c.env.DB, agent, { scope: c.req.query('scope'), q: c.req.query('q'), status: c.req.query('status') });
  return page(c, <ListPage agent={agent} list={list} />);
});

workspacePages.get('/app/sessions/:id', async (c) => {
  const agent = c.get('agent');
  const data = await loadSession(c.env, agent, c.req.param('id'));
  if (!data) return notFoundPage(c, agent);
  return page(c, <SessionPage agent={agent} data={data} />);
});

// The live parts of the session page, fetched again by the script on every event.
workspacePages.get('/app/sessions/:id/live', async (c) => {
  c.header('Cache-Control', 'no-store');
  const data = await loadSession(c.env, c.get('agent'), c.req.param('id'));
  if (!data) return c.text('not found', 404);
  return c.html(<SessionLive agent={c.get('agent')} data={data} />);
});

// The address book: customers within the search space, searched by name, email or phone.
workspacePages.get('/app/customers', async (c) => {
  const agent = c.get('agent');
  return page(c, <AddressBookPage agent={agent} book={await addressBook(c.env.DB, agent, c.req.query('q'))} />);
});

workspacePages.get('/app/sessions/:id/documents/:itemId', async (c) => {
  const agent = c.get('agent');
  const { id, itemId } = c.req.param();
  const data = isId('item', itemId) ? await loadSession(c.env, agent, id) : null;
  const doc = data?.documents.get(itemId);
  if (!data || !doc) return notFoundPage(c, agent, 'document');
  return page(c, <DocumentPage agent={agent} sessionId={id} customerName={customerOf(data.view)?.name ?? 'the customer'} doc={doc} />);
});

workspacePages.get('/app/sessions/:id/reviews/:itemId', async (c) => {
  const agent = c.get('agent');
  const { id, itemId } = c.req.param();
  if (!isId('session', id) || !isId('item', itemId)) return notFoundPage(c, agent, 'review');
  const stub = sessionRoom(c.env, id);
  const actor = agentActor(agent);
  const [session, review] = await Promise.all([stub.view(actor), stub.review(actor, itemId)]);
  if (!session.ok || !review.ok) return notFoundPage(c, agent, 'review');
  return page(c, <ReviewPage agent={agent} session={session.value} review={review.value} />);
});

// ───────────────────────── files the pages link to ─────────────────────────
// Links cannot send X-Parley-App, so the PDF and chat files are served here
// with the cookie, through the same SessionRoom calls as the API.

workspacePages.get('/app/sessions/:id/documents/:itemId/pdf', fromInsideParley, async (c) => {
  const { id, itemId } = c.req.param();
  if (!isId('session', id) || !isId('item', itemId)) return c.text('Not found', 404);
  const r = await sessionRoom(c.env, id).documentPdf(agentActor(c.get('agent')), itemId, evidence(c));
  if (!r.ok) return c.text(r.status === 404 ? 'Not found' : r.message, r.status === 404 ? 404 : 409);
  const res = await fileResponse(c.env.FILES, { ...r.value, type: 'application/pdf' });
  return c.req.query('download') !== undefined ? res : shownInPlace(res);
});

// A file the customer sent for a requested document, shown in place for the agent to check.
workspacePages.get('/app/sessions/:id/requests/:itemId/slots/:slotId/file', fromInsideParley, async (c) => {
  const { id, itemId, slotId } = c.req.param();
  if (!isId('session', id) || !isId('item', itemId) || !isId('slot', slotId)) return c.text('Not found', 404);
  const r = await sessionRoom(c.env, id).requestedFile(agentActor(c.get('agent')), itemId, slotId);
  if (!r.ok) return c.text('Not found', 404);
  return shownInPlace(await fileResponse(c.env.FILES, r.value));
});

workspacePages.get('/app/sessions/:id/documents/:itemId/fields/:fieldId/image', fromInsideParley, async (c) => {
  const { id, itemId, fieldId } = c.req.param();
  if (!isId('session', id) || !isId('item', itemId) || !fieldIdSchema.safeParse(fieldId).success) return c.text('Not found', 404);
  const r = await sessionRoom(c.env, id).documentFieldImage(agentActor(c.get('agent')), itemId, fieldId);
  if (!r.ok) return c.text('Not found', 404);
  return drawnImageResponse(r.value);
});

workspacePages.get('/app/sessions/:id/files/:fileId', fromInsideParley, async (c) => {
  const { id, fileId } = c.req.param();
  if (!isId('session', id) || !isId('file', fileId)) return c.text('Not found', 404);
  const r = await sessionRoom(c.env, id).file(agentActor(c.get('agent')), fileId);
  if (!r.ok) return c.text('Not found', 404);
  return fileResponse(c.env.FILES, r.value);
});
