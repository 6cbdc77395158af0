// The agent's counter-signature reaches the customer's open document page
// without a reload: after the customer signed, the agent signs (a drawn
// signature) and completes; the customer's socket gets events about the
// document (the page's own test, frameConcernsItem, says so of them), the
// document loaded again shows the agent's value, and its drawing is served
// to the customer; the seal follows as a status change, also about it.
import { describe, expect, it } from 'vitest';
import { frameConcernsItem } from '../../../worker/src/ui/room/document-words';
import { connect, isEvent } from '../../helpers/live-socket';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe("the agent's counter-signature, live in the customer's room", () => {
  it('arrives on the customer socket as events about the document; the document then shows the drawing', async () => {
    const org = await makeOrg();
    const tpl = await call('POST', '/api/v1/templates', {
      token: org.admin.token,
      body: documentForm(await makePdf(1), { roles: [{ name: 'Customer' }, { name: 'Agent' }], signingOrder: 'sequential', fields: [signatureField('sig'), { ...signatureField('agent_sig', 'Agent'), rect: { x: 320, y: 100, width: 200, height: 50 } }] }, { name: 'Counter-signed' }),
    });
    expect(tpl.status, tpl.text).toBe(201);
    const s = await startSession(org.alice, { name: 'Cora', email: `cs-${crypto.randomUUID()}@example.com` });
    const sessionId = s.session.id as string;
    const cora = new Browser();
    await cora.open((await outboxFor(sessionId))[0]!.link);
    const itemId = (await call('POST', `/api/v1/sessions/${sessionId}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } })).json.item.id as string;
    await cora.request('POST', '/room/api/consent');
    expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: { kind: 'typed', text: 'Cora' } })).status).toBe(200);
    expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);

    // The customer's page is open now, its socket connected.
    const customer = await connect('/room/api/ws', { Cookie: cora.cookie! });
    const before = (await cora.request('GET', `/room/api/documents/${itemId}`)).json;
    expect(before.document.fields.find((f: any) => f.id === 'agent_sig').value).toBeNull();
    const seenBefore = customer.frames.length;

    const agentPath = `/api/v1/sessions/${sessionId}/documents/${itemId}`;
    expect((await call('PUT', `${agentPath}/fields/agent_sig`, { token: org.alice.token, body: { value: { kind: 'drawn', png: PNG } } })).status).toBe(200);
    expect((await call('POST', `${agentPath}/complete`, { token: org.alice.token })).status).toBe(200);

    const signed = await customer.next((f) => isEvent('document.signed')(f) && f.event.data.roles.includes('Agent'));
    expect(signed.event.actor).toBe('agent');
    expect(frameConcernsItem(signed, itemId)).toBe(true);
    const sealed = await customer.next((f) => isEvent('item.status_changed')(f) && f.event.data.item.status === 'completed');
    expect(frameConcernsItem(sealed, itemId)).toBe(true);
    expect(customer.frames.slice(seenBefore).filter((f) => frameConcernsItem(f, itemId)).length).toBeGreaterThanOrEqual(2);

    // What the page loads on those frames: the agent's signature, and its drawing.
    const after = (await cora.request('GET', `/room/api/documents/${itemId}`)).json;
    expect(after.document.fields.find((f: any) => f.id === 'agent_sig').value).toEqual({ kind: 'drawn' });
    expect(after.document.roles.find((r: any) => r.name === 'Agent').done).toBe(true);
    expect(after.document.sealed).not.toBeNull();
    const image = await cora.request('GET', `/room/api/documents/${itemId}/fields/agent_sig/image`);
    expect(image.status).toBe(200);
    expect(image.headers.get('Content-Type')).toBe('image/png');
    // Frames about other items are not taken for this one.
    expect(frameConcernsItem({ type: 'event', event: { ...signed.event, data: { ...signed.event.data, item: { ...signed.event.data.item, id: 'itm_0000000000000000' } } } }, itemId)).toBe(false);
    expect(frameConcernsItem({ type: 'presence', who: 'agent', online: true, at: signed.event.at }, itemId)).toBe(false);
  });
});
