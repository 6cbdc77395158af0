// Opening a live socket on a SessionRoom. The upgrade request to the object
// is built from scratch and carries only the identity the Worker established
// (x-parley-actor) and the checked ?after= (x-parley-after): no header the
// client sent ever reaches the object, so a room cookie can never pass
// itself off as an agent. Before that, the upgrade's Origin is checked
// (socket-origin.ts).
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Actor } from '../room/actors';
import type { AppEnv } from './context';
import { checkSocketOrigin, type SocketCredential } from './socket-origin';

/** ?after=: the last event the client has; the socket sends what came since. */
export const socketQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional().openapi({ description: 'the number of the last event the client has; the events after it are sent first' }),
});

/** How the caller signed in, and the org whose CRM origins may open the socket (null: Parley's own origin only). */
export interface SocketCaller {
  credential: SocketCredential;
  orgId: string | null;
}

/**
 * A socket route's answer: 426 unless the request asks to upgrade, 403 from
 * an origin that may not open it, else the SessionRoom's socket. Typed
 * `never` for the route: a 101 has no body for its typed responses to check.
 */
export async function openSocket(c: Context<AppEnv>, room: { fetch(request: Request): Promise<Response> }, actor: Actor, after: number | undefined, caller: SocketCaller): Promise<never> {
  return (await upgrade(c, room, actor, after, caller)) as never;
}

async function upgrade(c: Context<AppEnv>, room: { fetch(request: Request): Promise<Response> }, actor: Actor, after: number | undefined, caller: SocketCaller): Promise<Response> {
  if (c.req.header('Upgrade')?.toLowerCase() !== 'websocket') {
    return Response.json({ error: { code: 'upgrade_required', message: 'connect with a WebSocket' } }, { status: 426 });
  }
  await checkSocketOrigin(c, caller.credential, caller.orgId);
  const headers: Record<string, string> = { Upgrade: 'websocket', 'x-parley-actor': JSON.stringify(actor) };
  if (after !== undefined) headers['x-parley-after'] = String(after);
  const res = await room.fetch(new Request('https://room/ws', { headers }));
  if (res.status !== 101 || !res.webSocket) {
    return Response.json({ error: { code: 'ws_refused', message: (await res.text()) || 'the live connection was refused' } }, { status: res.status >= 400 && res.status < 500 ? res.status : 400 });
  }
  // Re-wrapped: a Durable Object's response headers are immutable, and the
  // app's middleware still adds its security headers.
  return new Response(null, { status: 101, webSocket: res.webSocket });
}
