// Parley as the card and settings page reach it in tests: hubspot.fetch is
// replaced (test/support/setup.ts) by this fake, which answers each call from
// the routes a test gives it, with recorded Worker answers, and keeps every
// call for the test to check what was asked.
import { PARLEY_API } from '@parley/hubspot-shared/parley-origin';
import { recorded, type RecordedName } from './recorded';

export interface Call {
  method: string;
  /** The path under /api/v1, with its query. */
  path: string;
  body: unknown;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

type Answerer = Reply | RecordedName | ((call: Call) => Reply | RecordedName);

interface Route {
  method: string;
  path: string | RegExp;
  replies: Answerer[];
}

const STATUS_OF: Partial<Record<RecordedName, number>> = {
  startSessionPlanned: 201,
  sendTemplate: 201,
  sendWorkflow: 201,
  postMessage: 201,
  workspaceLink: 201,
  resync: 202,
  startRefused: 422,
  settingsRefused: 422,
  sendTemplateRefused: 422,
  rateLimited: 429,
  notConnected: 403,
};

/** A recorded answer as a reply, with the status it was recorded with. */
export function replyOf(name: RecordedName): Reply {
  return { status: STATUS_OF[name] ?? 200, body: recorded(name), ...(name === 'rateLimited' ? { headers: { 'Retry-After': '8' } } : {}) };
}

export class FakeParley {
  calls: Call[] = [];
  private routes: Route[] = [];

  reset(): void {
    this.calls = [];
    this.routes = [];
  }

  /** Answers `method path` with these replies in turn, the last one from then on. */
  on(method: string, path: string | RegExp, ...replies: Answerer[]): this {
    this.routes.unshift({ method, path, replies });
    return this;
  }

  callsTo(method: string, path: string | RegExp): Call[] {
    return this.calls.filter((c) => c.method === method && (typeof path === 'string' ? c.path === path : path.test(c.path)));
  }

  readonly fetch = async (url: string | URL, options: { method?: string; body?: unknown } = {}): Promise<Response> => {
    const href = String(url);
    if (!href.startsWith(PARLEY_API)) throw new Error(`hubspot.fetch called outside Parley's API: ${href}`);
    const call: Call = { method: options.method ?? 'GET', path: href.slice(PARLEY_API.length), body: options.body };
    this.calls.push(call);
    const route = this.routes.find((r) => r.method === call.method && (typeof r.path === 'string' ? r.path === call.path : r.path.test(call.path)));
    if (!route) return json({ status: 404, body: { error: { code: 'not_found', message: `no fake answer for ${call.method} ${call.path}` } } });
    const next = route.replies.length > 1 ? route.replies.shift()! : route.replies[0]!;
    const answer = typeof next === 'function' ? next(call) : next;
    return json(typeof answer === 'string' ? replyOf(answer) : answer);
  };
}

function json(reply: Reply): Response {
  return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), {
    status: reply.status,
    headers: { 'Content-Type': 'application/json', ...reply.headers },
  });
}

export const parley = new FakeParley();
