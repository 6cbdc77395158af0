// Opening a live socket on a SessionRoom. The upgrade request to the object
// is built from scratch and carries only the identity the Worker established
// (x-parley-actor): no header the client sent ever reaches the object, so a
// room cookie can never pass itself off as an agent.
import type { Actor } from '../room/session-room';

export async function openSocket(room: { fetch(request: Request): Promise<Response> }, actor: Actor): Promise<Response> {
  const res = await room.fetch(new Request('https://room/ws', { headers: { Upgrade: 'websocket', 'x-parley-actor': JSON.stringify(actor) } }));
  if (res.status !== 101 || !res.webSocket) {
    return new Response(JSON.stringify({ error: { code: 'ws_refused', message: (await res.text()) || 'the live connection was refused' } }), {
      status: res.status >= 400 && res.status < 500 ? res.status : 400,
      headers: { 'Content-Type': 'application/json' },
    });
  }
  // Re-wrapped: a Durable Object's response headers are immutable, and the
  // app's middleware still adds its security headers.
  return new Response(null, { status: 101, webSocket: res.webSocket });
}
