// The agent's and the admin's side of an e2e test, through the real HTTP API
// of the Parley started by global-setup.ts, plus a bounded wait. Answers are
// typed by the contract, and checked against it as they arrive.
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { z } from '@hono/zod-openapi';
import type { AgentRoomView, ItemView, MessageView } from '../../worker/src/contract/session';
import type { settingsAnswerSchema } from '../../worker/src/contract/settings';
import { checkAnswer } from '../helpers/contract-check';

export const baseUrl = () => inject('baseUrl');

export interface Reply {
  status: number;
  json: any;
  text: string;
}

/** Calls the Worker with a bearer token (the agent's unless told), at most 15 s. */
export async function call(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<Reply> {
  const headers: Record<string, string> = { Authorization: `Bearer ${opts.token ?? inject('agentToken')}` };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  const res = await fetch(baseUrl() + path, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    redirect: 'manual',
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON */
  }
  checkAnswer(method, path, res.status, json);
  return { status: res.status, json, text };
}

/** Like call(), but a status other than the expected one fails with the answer. */
export async function expectStatus<T>(expected: number[], method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<T> {
  const res = await call(method, path, opts);
  if (!expected.includes(res.status)) throw new Error(`${method} ${path} answered ${res.status}, not ${expected.join(' or ')}: ${res.text.slice(0, 500)}`);
  return res.json as T;
}

/** A customer no earlier test has met (reusable sessions match by email). */
export function newCustomer(name = 'Dana Demo') {
  return { name, email: `dana.${randomBytes(6).toString('hex')}@example.com` };
}

export interface Started {
  sessionId: string;
  customerId: string;
  /** The customer's invitation link, read from the local outbox. */
  link: string;
}

/** The agent starts a session for a new customer; returns it with the invitation link. */
export async function startSession(customer: { name: string; email?: string; phone?: string; language?: string } = newCustomer()): Promise<Started> {
  const started = await expectStatus<AgentRoomView>([201], 'POST', '/api/v1/sessions', { body: { customer } });
  const sessionId = started.session.id;
  const primary = started.participants.find((p) => p.primary)!;
  return { sessionId, customerId: primary.id, link: await invitationLink(sessionId) };
}

/** The newest invitation link for a session, from /dev/outbox.json (waits for it, bounded). */
export async function invitationLink(sessionId: string): Promise<string> {
  return eventually(`an invitation for ${sessionId} in the outbox`, async () => {
    const res = await fetch(`${baseUrl()}/dev/outbox.json?session=${encodeURIComponent(sessionId)}`, { signal: AbortSignal.timeout(10_000) });
    const { messages } = (await res.json()) as { messages: { link: string }[] };
    return messages[0]?.link;
  });
}

/** GET /api/v1/sessions/{id}: the session as the agent sees it. */
export const agentView = (sessionId: string) => expectStatus<AgentRoomView>([200], 'GET', `/api/v1/sessions/${sessionId}`);

export const postMessage = (sessionId: string, text: string) => expectStatus<MessageView>([201], 'POST', `/api/v1/sessions/${sessionId}/messages`, { body: { text } });

export const sendItem = (sessionId: string, kind: string, name: string) => expectStatus<ItemView>([201], 'POST', `/api/v1/sessions/${sessionId}/items`, { body: { kind, name } });

export const endSession = (sessionId: string) => expectStatus<AgentRoomView>([200], 'POST', `/api/v1/sessions/${sessionId}/end`);

/** The admin changes the org's settings (PATCH /api/v1/settings); returns them. */
export const patchOrgSettings = (patch: unknown) => expectStatus<z.infer<typeof settingsAnswerSchema>>([200], 'PATCH', '/api/v1/settings', { token: inject('adminToken'), body: patch });

/** Waits until the agent's view shows the customer online: their live socket is open. */
export function customerOnline(sessionId: string, participantId: string) {
  return eventually(`participant ${participantId} online in ${sessionId}`, async () => {
    const view = await agentView(sessionId);
    return view.participants.find((p) => p.id === participantId && p.online) ?? undefined;
  });
}

/**
 * Polls `probe` until it returns something other than undefined, null or
 * false, at most timeoutMs; then fails naming what it waited for. For state
 * that only an API shows; in pages, wait on selectors instead.
 */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined | null | false>, { timeoutMs = 10_000, intervalMs = 100 } = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeoutMs / 1000} s for ${what}${lastError ? `; last error: ${String(lastError)}` : ''}`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
