// Bare workerd echo, the bench's baseline for live fan-out:
//   GET  /ws       (WebSocket upgrade) joins the one room
//   POST /publish  sends the request body, unchanged, to every socket
//   POST /publish-stored
//                  the least a durable chat event can do: reads the JSON body's
//                  text, stores it in the object's SQLite with its number, and
//                  sends every socket the stored row as a JSON frame (the floor
//                  under Parley's own chat POST, which also checks a token,
//                  validates, and keeps an event log)
//   GET  /healthz  200 once the server is up
// Same path shape as Parley's: Worker → Durable Object → hibernating sockets.
import { DurableObject } from 'cloudflare:workers';

export class EchoRoom extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    ctx.storage.sql.exec('CREATE TABLE IF NOT EXISTS message (seq INTEGER PRIMARY KEY, text TEXT NOT NULL, at INTEGER NOT NULL)');
  }

  async fetch(request) {
    if (request.headers.get('Upgrade')?.toLowerCase() === 'websocket') {
      const [client, server] = Object.values(new WebSocketPair());
      this.ctx.acceptWebSocket(server);
      return new Response(null, { status: 101, webSocket: client });
    }
    this.broadcast(await request.text());
    return new Response(null, { status: 204 });
  }

  /** POST /publish-stored, as an RPC call like Parley's: one row stored, then its frame to every socket. */
  store(text) {
    const row = this.ctx.storage.sql.exec('INSERT INTO message (text, at) VALUES (?, ?) RETURNING seq, text, at', text, Date.now()).one();
    const frame = JSON.stringify({ type: 'event', event: { type: 'message.posted', data: { message: row } } });
    this.broadcast(frame);
    return row;
  }

  broadcast(frame) {
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(frame);
      } catch {
        /* closing */
      }
    }
  }

  webSocketMessage() {}
  webSocketClose() {}
}

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === '/healthz') return Response.json({ ok: true });
    const room = env.ECHO.get(env.ECHO.idFromName('room'));
    if (pathname === '/publish-stored' && request.method === 'POST') {
      const { text } = await request.json();
      if (typeof text !== 'string') return Response.json({ error: 'text: a string' }, { status: 400 });
      return Response.json(await room.store(text), { status: 201 });
    }
    if (pathname !== '/ws' && !(pathname === '/publish' && request.method === 'POST')) return new Response('Not found', { status: 404 });
    return room.fetch(request);
  },
};
