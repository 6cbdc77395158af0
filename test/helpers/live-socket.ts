// A live socket opened against the Worker the way a client opens it, keeping
// every frame it receives and how it was closed, so a test can wait for a
// frame or the close instead of sleeping.
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { BASE } from './world';

/** The origin Parley's own pages are served from (what a browser sends as Origin). */
export const PARLEY_ORIGIN = new URL(env.PUBLIC_URL).origin;

export interface Live {
  ws: WebSocket;
  frames: any[];
  /** Resolves with the close code and reason once the server closed the socket. */
  closed: Promise<{ code: number; reason: string }>;
  next(pred: (f: any) => boolean, timeoutMs?: number): Promise<any>;
}

/** The upgrade request's answer, whatever it is (a test of a refusal reads its status and body). */
export function upgrade(path: string, headers: Record<string, string>): Promise<Response> {
  return exports.default.fetch(new Request(BASE + path, { headers: { Upgrade: 'websocket', ...headers } }));
}

/** Opens a socket; the Origin of Parley's own pages is sent unless the headers say otherwise. */
export async function connect(path: string, headers: Record<string, string> = {}): Promise<Live> {
  const res = await upgrade(path, { Origin: PARLEY_ORIGIN, ...headers });
  expect(res.status, res.status === 101 ? '' : await res.text()).toBe(101);
  const ws = res.webSocket!;
  ws.accept();
  const frames: any[] = [];
  const waiters: { pred: (f: any) => boolean; resolve: (f: any) => void }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })));
  ws.addEventListener('message', (e) => {
    const f = JSON.parse(e.data as string);
    frames.push(f);
    for (const w of [...waiters]) if (w.pred(f)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(f);
  });
  return {
    ws,
    frames,
    closed,
    next(pred, timeoutMs = 2000) {
      const seen = frames.find(pred);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          pred,
          resolve: (f: any) => {
            clearTimeout(timer);
            resolve(f);
          },
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('no matching frame; got ' + JSON.stringify(frames.map((x) => x.event?.type ?? x.type))));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
  };
}

export const isEvent = (type: string) => (f: any) => f.type === 'event' && f.event.type === type;
