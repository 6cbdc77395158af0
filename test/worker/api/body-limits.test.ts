// What a route accepts as its body is checked before anything is read: the
// media type (a 415 naming what to send) and, for the room, who is calling.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { BASE, Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

async function post(path: string, headers: Record<string, string>, body?: BodyInit) {
  const res = await exports.default.fetch(new Request(BASE + path, { method: 'POST', headers, body }));
  return { status: res.status, json: (await res.json()) as { error: { code: string; message: string } } };
}

describe('body media types', () => {
  it('a JSON route refuses another media type with a 415 that says to send JSON', async () => {
    const org = await makeOrg();
    const res = await post('/api/v1/sessions', { Authorization: `Bearer ${org.alice.token}`, 'Content-Type': 'text/plain' }, '{"customer":{"name":"Cora"}}');
    expect(res.status).toBe(415);
    expect(res.json.error).toEqual({ code: 'json_required', message: 'send the body as JSON (Content-Type: application/json)' });
  });

  it('a JSON body with a charset is JSON; a route whose body is optional takes none', async () => {
    const org = await makeOrg();
    const withCharset = await call('POST', '/api/v1/workspace-link', { token: org.alice.token, body: {}, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
    expect(withCharset.status).toBe(201);
    const without = await call('POST', '/api/v1/workspace-link', { token: org.alice.token });
    expect(without.status).toBe(201);
  });

  it('an upload route refuses a body that is not multipart, for agents and in the room', async () => {
    const org = await makeOrg();
    const s = await startSession(org.alice, { name: 'Cora', email: 'cora@example.com' });
    const agent = await post(`/api/v1/sessions/${s.session.id}/attachments`, { Authorization: `Bearer ${org.alice.token}`, 'Content-Type': 'application/json' }, '{}');
    expect(agent.status).toBe(415);
    expect(agent.json.error.code).toBe('multipart_required');

    const cora = new Browser();
    await cora.open((await outboxFor(s.session.id))[0]!.link);
    const room = await post('/room/api/attachments', { Cookie: cora.cookie!, 'X-Parley-Room': '1', 'Content-Type': 'text/plain' }, 'hello');
    expect(room.status).toBe(415);
    expect(room.json.error.message).toBe('send the file as multipart/form-data in a field named "file"');
  });

  it('the room asks who is calling before it looks at the body', async () => {
    const res = await post('/room/api/attachments', { 'X-Parley-Room': '1', 'Content-Type': 'text/plain' }, 'hello');
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe('not_signed_in');
  });
});
