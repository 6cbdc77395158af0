// Shared review through the API and the room: the agent opens a document of
// the session, either side leads (whoever turns the page), pointers pass live
// to the other side only and are never stored, highlights and comments are
// events kept after the review ends, and only the agent's end completes it.
import { describe, expect, it } from 'vitest';
import { frozenClock, aheadOfRealClock } from '../../helpers/ahead';
import { connect } from '../../helpers/live-socket';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const { advance } = frozenClock(aheadOfRealClock('wed', 10));
const settle = () => new Promise((r) => setTimeout(r, 50));

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `rv-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const sent = await call('POST', `/api/v1/sessions/${id}/documents/adhoc`, {
    token: org.alice.token,
    body: documentForm(await makePdf(3), { roles: [{ name: 'Customer' }], fields: [signatureField('sig', 'Customer')] }, { name: 'Loan agreement' }),
  });
  expect(sent.status, sent.text).toBe(201);
  const documentId = sent.json.item.id as string;
  const started = await call('POST', `/api/v1/sessions/${id}/reviews`, { token: org.alice.token, body: { sourceItemId: documentId } });
  expect(started.status, started.text).toBe(201);
  const itemId = started.json.item.id as string;
  return { org, id, cora, coraId: s.participants[0].id as string, documentId, itemId, started: started.json, agentBase: `/api/v1/sessions/${id}/reviews/${itemId}`, roomBase: `/room/api/reviews/${itemId}` };
}

const highlight = { page: 2, kind: 'highlight', rect: { x: 0.1, y: 0.4, width: 0.5, height: 0.04 } };

describe('a shared review', () => {
  it("opens a session's document on page 1 with the agent leading, and both sides get the same PDF", async () => {
    const { org, cora, started, agentBase, roomBase } = await setup();
    expect(started.item).toMatchObject({ kind: 'shared_review', name: 'Loan agreement', status: 'sent', app: { kind: 'shared_review', pages: 3, page: 1, leader: 'agent', annotations: 0 } });
    expect(started.review).toEqual({ pages: 3, page: 1, leader: 'agent', endedAt: null, annotations: [] });
    const agentPdf = await call('GET', `${agentBase}/pdf`, { token: org.alice.token });
    const roomPdf = await cora.request('GET', `${roomBase}/pdf`);
    expect(agentPdf.status).toBe(200);
    expect(agentPdf.headers.get('content-type')).toBe('application/pdf');
    expect(roomPdf.text).toBe(agentPdf.text);
    expect(roomPdf.text.startsWith('%PDF-')).toBe(true);
  });

  it('whoever turns the page leads; the turn and the lead are in the event log', async () => {
    const { org, id, cora, coraId, agentBase, roomBase } = await setup();
    const turned = await cora.request('POST', `${roomBase}/lead`, { page: 3 });
    expect(turned.status, turned.text).toBe(200);
    expect(turned.json.review).toMatchObject({ page: 3, leader: `participant:${coraId}` });
    // The customer's first turn starts the review.
    expect(turned.json.item.status).toBe('in_progress');
    const taken = await call('POST', `${agentBase}/lead`, { token: org.alice.token, body: {} });
    expect(taken.json.review).toMatchObject({ page: 3, leader: 'agent' });
    // Leading already, on that page: nothing new to log.
    await call('POST', `${agentBase}/lead`, { token: org.alice.token, body: { page: 3 } });
    const events = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events as { type: string; data: any }[];
    const review = events.filter((e) => e.type.startsWith('review.'));
    expect(review.map((e) => [e.type, e.data.page, e.data.leader])).toEqual([
      ['review.page_turned', 3, `participant:${coraId}`],
      ['review.lead_taken', 3, 'agent'],
    ]);
    expect((await cora.request('POST', `${roomBase}/lead`, { page: 4 })).json.error).toMatchObject({ code: 'invalid_request', message: 'page: the document has 3 pages; 4 is not one of them' });
  });

  it("passes a pointer to the other side's sockets only, never stores it, and at most 25 a second (a burst of 4)", async () => {
    const { org, id, cora, coraId, agentBase, roomBase, itemId } = await setup();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const coraLive = await connect('/room/api/ws', { Cookie: cora.cookie! });
    await Promise.all([agent.next((f) => f.type === 'hello'), coraLive.next((f) => f.type === 'hello')]);
    const version = (await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.session.version;

    const pointed = await cora.request('POST', `${roomBase}/pointer`, { page: 1, x: 0.25, y: 0.5, scroll: 0.3 });
    expect(pointed.status, pointed.text).toBe(200);
    // Not the leader: her scroll moves nobody.
    expect(await agent.next((f) => f.type === 'review')).toEqual({ type: 'review', itemId, who: 'participant', id: coraId, page: 1, x: 0.25, y: 0.5, scroll: null, at: pointed.json.at });
    // Three more at once pass (a pointer's requests can arrive bunched); the fifth waits for the next 40 ms.
    for (let i = 0; i < 3; i++) expect((await cora.request('POST', `${roomBase}/pointer`, { page: 1, x: 0.3, y: 0.5 })).status).toBe(200);
    const refused = await cora.request('POST', `${roomBase}/pointer`, { page: 1, x: 0.3, y: 0.5 });
    expect(refused.status).toBe(429);
    expect(refused.json.error.code).toBe('rate_limited');
    advance(40);
    expect((await cora.request('POST', `${roomBase}/pointer`, { page: 1, x: null, y: null })).status).toBe(200);
    expect((await cora.request('POST', `${roomBase}/pointer`, { page: 1, x: null, y: null })).status).toBe(429);

    const led = await call('POST', `${agentBase}/pointer`, { token: org.alice.token, body: { page: 1, x: 0.6, y: 0.1, scroll: 0.45 } });
    expect(led.status).toBe(200);
    const seen = await coraLive.next((f) => f.type === 'review');
    expect(seen).toEqual({ type: 'review', itemId, who: 'agent', page: 1, x: 0.6, y: 0.1, scroll: 0.45, at: led.json.at });
    await settle();
    expect(coraLive.frames.filter((f) => f.type === 'review')).toHaveLength(1); // her own pointers never come back to her
    expect((await call('GET', `/api/v1/sessions/${id}`, { token: org.alice.token })).json.session.version).toBe(version);
    agent.ws.close();
    coraLive.ws.close();
  });

  it("takes a pointer on the live socket too (as the board sends it), on the socket's own right, and says why it refuses one", async () => {
    const { org, id, cora, coraId, agentBase, itemId } = await setup();
    const agent = await connect(`/api/v1/sessions/${id}/ws?token=${org.alice.token}`, {});
    const coraLive = await connect('/room/api/ws', { Cookie: cora.cookie! });
    await Promise.all([agent.next((f) => f.type === 'hello'), coraLive.next((f) => f.type === 'hello')]);

    coraLive.ws.send(JSON.stringify({ type: 'review', itemId, page: 2, x: 0.4, y: 0.6 }));
    expect(await agent.next((f) => f.type === 'review')).toMatchObject({ type: 'review', itemId, who: 'participant', id: coraId, page: 2, x: 0.4, y: 0.6, scroll: null });
    agent.ws.send(JSON.stringify({ type: 'review', itemId, page: 1, x: 0.1, y: 0.2, scroll: 0.5 }));
    expect(await coraLive.next((f) => f.type === 'review')).toMatchObject({ who: 'agent', page: 1, x: 0.1, y: 0.2, scroll: 0.5 });

    // Not a pointer: the socket says what it takes. A page the document lacks: why.
    coraLive.ws.send(JSON.stringify({ type: 'review', itemId, page: 1, x: 0.5 }));
    expect((await coraLive.next((f) => f.type === 'error')).code).toBe('listen_only');
    coraLive.ws.send(JSON.stringify({ type: 'review', itemId, page: 9, x: 0.5, y: 0.5 }));
    expect(await coraLive.next((f) => f.type === 'error' && f.code === 'invalid_request')).toMatchObject({ message: 'page: the document has 3 pages; 9 is not one of them' });

    // Once the agent ends the review, her pointer is refused.
    await call('POST', `${agentBase}/end`, { token: org.alice.token });
    coraLive.ws.send(JSON.stringify({ type: 'review', itemId, page: 1, x: 0.5, y: 0.5 }));
    expect(await coraLive.next((f) => f.type === 'error' && f.code === 'review_ended')).toMatchObject({ message: 'this review has ended; its marks can still be seen' });
    agent.ws.close();
    coraLive.ws.close();
  });

  it('keeps highlights and comments from either side as events, visible after the agent ends the review', async () => {
    const { org, id, cora, coraId, agentBase, roomBase, itemId } = await setup();
    const coraLive = await connect('/room/api/ws', { Cookie: cora.cookie! });
    await coraLive.next((f) => f.type === 'hello');
    const marked = await call('POST', `${agentBase}/annotations`, { token: org.alice.token, body: highlight });
    expect(marked.status, marked.text).toBe(201);
    const added = await coraLive.next((f) => f.type === 'event' && f.event.type === 'review.annotation_added');
    expect(added.event).toMatchObject({ actor: 'agent', data: { annotation: { page: 2, kind: 'highlight', by: 'agent', rect: highlight.rect } } });
    const asked = await cora.request('POST', `${roomBase}/annotations`, { page: 2, kind: 'comment', rect: { x: 0.62, y: 0.4, width: 0.05, height: 0.03 }, text: 'Is this the right rate?' });
    expect(asked.status, asked.text).toBe(201);
    const [hl, comment] = asked.json.review.annotations;
    expect(comment).toMatchObject({ kind: 'comment', text: 'Is this the right rate?', by: `participant:${coraId}` });
    expect(asked.json.item.app.annotations).toBe(2);

    // Her own comment she may take away; the agent's highlight, not.
    expect((await cora.request('DELETE', `${roomBase}/annotations/${hl.id}`)).status).toBe(403);
    const again = await cora.request('POST', `${roomBase}/annotations`, { page: 1, kind: 'comment', rect: { x: 0.1, y: 0.1, width: 0.05, height: 0.03 }, text: 'Typo' });
    const typo = again.json.review.annotations[2];
    expect((await cora.request('DELETE', `${roomBase}/annotations/${typo.id}`)).json.review.annotations).toHaveLength(2);
    expect((await cora.request('DELETE', `${roomBase}/annotations/${typo.id}`)).status).toBe(404);

    // The customer cannot end it, nor mark it done; the agent ends it and it is completed.
    expect((await cora.request('POST', `/room/api/items/${itemId}/status`, { status: 'completed' })).status).toBe(403);
    const ended = await call('POST', `${agentBase}/end`, { token: org.alice.token });
    expect(ended.status).toBe(200);
    expect(ended.json.item.status).toBe('completed');
    expect(ended.json.review.endedAt).not.toBeNull();
    const after = await cora.request('GET', roomBase);
    expect(after.json.review.annotations.map((a: { text: string | null }) => a.text)).toEqual([null, 'Is this the right rate?']);
    for (const late of [cora.request('POST', `${roomBase}/lead`, { page: 2 }), call('POST', `${agentBase}/annotations`, { token: org.alice.token, body: highlight })]) {
      expect((await late).json.error.code).toBe('review_ended');
    }
    const events = (await call('GET', `/api/v1/sessions/${id}/events`, { token: org.alice.token })).json.events as { type: string }[];
    expect(events.filter((e) => e.type.startsWith('review.annotation')).map((e) => e.type)).toEqual([
      'review.annotation_added',
      'review.annotation_added',
      'review.annotation_added',
      'review.annotation_removed',
    ]);
    coraLive.ws.close();
  });

  it('refuses what makes no sense with a clear 4xx', async () => {
    const { org, id, cora, agentBase, roomBase } = await setup();
    const notADocument = await call('POST', `/api/v1/sessions/${id}/reviews`, { token: org.alice.token, body: { sourceItemId: 'itm_AAAAAAAAAAAAAAAA' } });
    expect(notADocument.status).toBe(422);
    expect(notADocument.json.error.message).toContain('sourceItemId');
    const cases: [Promise<{ status: number; json: any }>, number, string][] = [
      [cora.request('POST', `${roomBase}/annotations`, { page: 1, kind: 'comment', rect: { x: 0.1, y: 0.1, width: 0.1, height: 0.1 } }), 422, 'text'],
      [cora.request('POST', `${roomBase}/annotations`, { page: 1, kind: 'highlight', rect: { x: 0.9, y: 0.1, width: 0.5, height: 0.1 } }), 422, 'inside the page'],
      [cora.request('POST', `${roomBase}/pointer`, { page: 1, x: 0.5, y: null }), 422, 'both'],
      [cora.request('POST', `${roomBase}/pointer`, { page: 1, x: 1.5, y: 0.5 }), 422, 'x'],
    ];
    for (const [res, status, says] of cases) {
      const r = await res;
      expect(r.status, JSON.stringify(r.json)).toBe(status);
      expect(r.json.error.message).toContain(says);
    }
    // A stranger's agent sees nothing of it.
    const other = await makeOrg('Other');
    expect((await call('GET', agentBase, { token: other.alice.token })).status).toBe(404);
  });
});
