// A fresh org per test: an admin, two agents in one team, one agent in
// another, with signed tokens (made by the directory's own createOrg,
// addTeam and addAgent); and small helpers to call the Worker.
import { env, exports } from 'cloudflare:workers';
import { mintAgentToken } from '../../worker/src/auth/mint-agent-token';
import { newId } from '../../worker/src/auth/crypto';
import { addAgent } from '../../worker/src/directory/agents';
import { createOrg } from '../../worker/src/directory/orgs';
import { addTeam } from '../../worker/src/directory/teams';
import { openOutboxMessage, type OutboxRow } from '../../worker/src/notify/outbox';
import { checkAnswer } from './contract-check';

export interface Org {
  id: string;
  secret: string;
  teamA: string;
  teamB: string;
  admin: Agent;
  alice: Agent; // team A
  bob: Agent; // team A
  carol: Agent; // team B
}
export interface Agent {
  id: string;
  token: string;
}

export async function makeOrg(name = 'Acme'): Promise<Org> {
  const id = newId('org');
  const secret = newId('sec') + newId('sec');
  const at = Date.now();
  await createOrg(env, { id, name, secret, at });
  const [teamA, teamB] = [newId('tem'), newId('tem')];
  await addTeam(env.DB, { id: teamA, orgId: id, name: 'Team A', at });
  await addTeam(env.DB, { id: teamB, orgId: id, name: 'Team B', at });
  const person = async (agentName: string, teamId: string | null, role: 'agent' | 'admin'): Promise<Agent> => {
    const agentId = newId('agt');
    const email = `${agentName.split(' ')[0]!.toLowerCase()}@${id.toLowerCase()}.example`;
    await addAgent(env.DB, { id: agentId, orgId: id, teamId, email, name: agentName, role, at });
    const nowS = Math.floor(Date.now() / 1000);
    const minted = await mintAgentToken(env, { orgId: id, agentId, use: 'api', exp: nowS + 3600 * 24 * 365, auth: nowS });
    if (!minted.ok) throw new Error(`no token for ${agentName}: ${minted.reason}`);
    return { id: agentId, token: minted.token };
  };
  return {
    id,
    secret,
    teamA,
    teamB,
    admin: await person('Ada Admin', null, 'admin'),
    alice: await person('Alice Agent', teamA, 'agent'),
    bob: await person('Bob Agent', teamA, 'agent'),
    carol: await person('Carol Agent', teamB, 'agent'),
  };
}

export const BASE = 'https://parley.test';

export async function call(method: string, path: string, opts: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers['Authorization'] = `Bearer ${opts.token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (typeof opts.body === 'string') body = opts.body;
  else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const res = await exports.default.fetch(new Request(BASE + path, { method, headers, body, redirect: 'manual' }));
  return readResponse(res, method, path);
}

/** Status, headers, text, and the JSON when the body is JSON (pages are not), checked against the route's contract. */
async function readResponse(res: Response, method: string, path: string) {
  // Decoded as UTF-8 whatever the type (res.text() warns on a PDF): enough for "%PDF-" and for pages.
  const text = new TextDecoder().decode(await res.arrayBuffer());
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* a page */
  }
  checkAnswer(method, path, res.status, json);
  return { status: res.status, json, text, headers: res.headers };
}

export async function startSession(agent: Agent, customer: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const res = await call('POST', '/api/v1/sessions', { token: agent.token, body: { customer, ...extra } });
  if (res.status !== 201 && res.status !== 200) throw new Error(`start failed ${res.status} ${res.text}`);
  return res.json;
}

/** The invitation links sent for a session, newest first, read from the outbox (each row opened with the tests' SECRETS_KEY). */
export async function outboxFor(sessionId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM outbox WHERE session_id = ? ORDER BY created_at DESC, rowid DESC').bind(sessionId).all<OutboxRow>();
  return Promise.all(results.map((row) => openOutboxMessage(env, row)));
}

/** A browser against the Worker: keeps the cookie the answers set; each answer is read (and checked) as call() reads it. */
class CookieBrowser {
  constructor(public cookie: string | null = null) {}

  protected async send(method: string, path: string, body: BodyInit | undefined, headers: Record<string, string>) {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h['Cookie'] = this.cookie;
    const res = await exports.default.fetch(new Request(BASE + path, { method, headers: h, body, redirect: 'manual' }));
    const setCookie = res.headers.get('Set-Cookie');
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    return { ...(await readResponse(res, method, path)), setCookie };
  }
}

/** A customer's browser: follows the invitation link and keeps the room cookie. */
export class Browser extends CookieBrowser {
  /** Follow the link as a person does: its page shows a button (a form posting to the same path), and they press it. */
  async open(link: string) {
    const url = new URL(link);
    const page = await this.request('GET', url.pathname);
    if (page.status !== 200 || !/<form method="post"/.test(page.text)) return page; // refused, or a cookie that already opens the room
    return this.request('POST', url.pathname, undefined, { Origin: BASE, 'Sec-Fetch-Site': 'same-origin' });
  }

  async request(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const headers: Record<string, string> = { 'User-Agent': 'test-browser', ...extraHeaders };
    let payload: BodyInit | undefined;
    if (body instanceof FormData) {
      payload = body;
      headers['X-Parley-Room'] = '1';
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers['Content-Type'] = 'application/json';
      headers['X-Parley-Room'] = '1';
    } else if (method !== 'GET') headers['X-Parley-Room'] = '1';
    return this.send(method, path, payload, headers);
  }
}

/** An agent's browser in the workspace (/app): the cookie its sign-in link sets. */
export class WorkspaceBrowser extends CookieBrowser {
  get(path: string, headers: Record<string, string> = {}) {
    return this.fetch('GET', path, undefined, headers);
  }

  fetch(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const h: Record<string, string> = { ...headers };
    if (body !== undefined) h['Content-Type'] = 'application/json';
    return this.send(method, path, body === undefined ? undefined : JSON.stringify(body), h);
  }

  /** The JSON API the way the workspace script calls it: the cookie plus X-Parley-App: 1. */
  api(method: string, path: string, body?: unknown) {
    return this.fetch(method, `/api/v1${path}`, body, { 'X-Parley-App': '1' });
  }
}

/** Sign an agent in to the workspace as a CRM panel does: a sign-in link (asked with their API token), followed; a browser holding the cookie it sets. */
export async function signInToWorkspace(agent: Agent): Promise<WorkspaceBrowser> {
  const link = await call('POST', '/api/v1/workspace-link', { token: agent.token });
  if (link.status !== 201) throw new Error(`no sign-in link for the workspace: ${link.status} ${link.text.slice(0, 200)}`);
  const url = new URL(link.json.url);
  const b = new WorkspaceBrowser();
  const res = await b.get(url.pathname + url.search);
  if (res.status !== 303 || !res.setCookie) throw new Error(`workspace sign-in answered ${res.status}${res.setCookie ? '' : ' without a cookie'}: ${res.text.slice(0, 200)}`);
  return b;
}
