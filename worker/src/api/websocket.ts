// A WebSocket answer from the SessionRoom, re-wrapped so the app's middleware
// (security headers) can still add headers: a Durable Object's response
// headers are immutable.
export function upgraded(res: Response): Response {
  if (res.status !== 101 || !res.webSocket) {
    return new Response(JSON.stringify({ error: { code: 'ws_refused', message: 'the live connection was refused' } }), {
      status: res.status >= 400 && res.status < 500 ? res.status : 400,
      headers: { 'Content-Type': 'application/json' },
    });
  }
  return new Response(null, { status: 101, webSocket: res.webSocket });
}
