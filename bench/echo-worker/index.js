// Bare workerd echo, the bench's baseline for live fan-out:
//   GET  /ws       (WebSocket upgrade) joins the one room
//   POST /publish  sends the request body, unchanged, to every socket
//   GET  /healthz  200 once the server is up
// Same path shape as Parley's: Worker → Durable Object → hibernating sockets.
import { DurableObject } from 'cloudflare:workers';

export class EchoRoom extends DurableObject {
  async fetch(request) {
    if (request.headers.get('Upgrade')?.toLowerCase() === 'websocket') {
      const [client, server] = Object.values(new WebSocketPair());
      this.ctx.acceptWebSocket(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    const body = await request.text();
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(body);
      } catch {
        /* closing */
      }
    }
    return new Response(null, { status: 204 });
  }

  webSocketMessage() {}
  webSocketClose() {}
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return Response.json({ ok: true });
    if (pathname !== '/ws' && !(pathname === '/publish' && request.method === 'POST')) return new Response('Not found', { status: 404 });
    return env.ECHO.get(env.ECHO.idFromName('room')).fetch(request);
  },
};
