// Opening a live socket on a SessionRoom. The upgrade request to the object
// is built from scratch and carries only the identity the Worker established
// (x-parley-actor) and the checked ?after= (x-parley-after): no header the
// client sent ever reaches the object, so a room cookie can never pass
// itself off as an agent.
import { z } from '@hono/zod-openapi';
import type { Actor } from '../room/actors';

/** ?after=: the last event the client has; the socket sends what came since. */
export const socketQuerySchema = z.object({
  after: z.coerce.number().int().min(0).optional().openapi({ description: 'the number of the last event the client has; the events after it are sent first' }),
});

/**
 * A socket route's answer: 426 unless the request asks to upgrade, else the
 * SessionRoom's socket. Typed `never` for the route: a 101 has no body for
 * its typed responses to check.
 */
export async function openSocket(request: Request, room: { fetch(request: Request): Promise<Response> }, actor: Actor, after: number | undefined): Promise<never> {
  return (await upgrade(request, room, actor, after)) as never;
}

async function upgrade(request: Request, room: { fetch(request: Request): Promise<Response> }, actor: Actor, after: number | undefined): Promise<Response> {
  if (request.headers.get('Upgrade')?.toLowerCase() !== 'websocket') {
    return Response.json({ error: { code: 'upgrade_required', message: 'connect with a WebSocket' } }, { status: 426 });
  }
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
