// A drawn signature shown as drawn: GET /room/api/documents/{itemId}/fields/{fieldId}/image
// for whoever in the room may see the document, and the agent's
// GET /api/v1/sessions/{id}/documents/{itemId}/fields/{fieldId}/image (and the
// workspace's cookie route for <img>): the PNG as drawn, never cached by
// anyone else, and 404 for a field with no drawing, another session, or nobody.
import { describe, expect, it } from 'vitest';
import { documentForm, makePdf, signatureField, textField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession, type Org } from '../../helpers/world';

// A 1×1 transparent PNG, as the signature pad would send (base64).
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const PNG_BYTES = Uint8Array.from(atob(PNG), (ch) => ch.charCodeAt(0));

async function sentDocument(org: Org) {
  const tpl = await call('POST', '/api/v1/templates', {
    token: org.admin.token,
    body: documentForm(await makePdf(1), { fields: [textField('name', 'Customer', 1, { label: 'Full name' }), signatureField('sig'), { ...signatureField('initials_box'), type: 'initials', required: false, rect: { x: 300, y: 100, width: 80, height: 30 } }] }, { name: `Images ${crypto.randomUUID().slice(0, 8)}` }),
  });
  expect(tpl.status, tpl.text).toBe(201);
  const s = await startSession(org.alice, { name: 'Cora', email: `img-${crypto.randomUUID()}@example.com` });
  const cora = new Browser();
  await cora.open((await outboxFor(s.session.id))[0]!.link);
  const sent = await call('POST', `/api/v1/sessions/${s.session.id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } });
  expect(sent.status, sent.text).toBe(201);
  const itemId = sent.json.item.id as string;
  expect((await cora.request('POST', '/room/api/consent')).status).toBe(200);
  expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: { kind: 'drawn', png: PNG } })).status).toBe(200);
  expect((await cora.request('PUT', `/room/api/documents/${itemId}/fields/initials_box`, { value: { kind: 'typed', text: 'CC' } })).status).toBe(200);
  return { sessionId: s.session.id as string, cora, itemId };
}

const roomImage = (itemId: string, field: string) => `/room/api/documents/${itemId}/fields/${field}/image`;

describe('the image of a drawn signature', () => {
  it('is the PNG drawn, for the signer in the room, private and not stored by caches; the view still says only "drawn"', async () => {
    const org = await makeOrg();
    const { cora, itemId } = await sentDocument(org);
    const res = await cora.request('GET', roomImage(itemId, 'sig'));
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
    // The answer read as text (the test browser decodes every body): the PNG signature's "PNG", then the image's own bytes, as drawn.
    expect(res.text.slice(1, 4)).toBe('PNG');
    expect(res.text.length).toBe(new TextDecoder().decode(PNG_BYTES).length);
    const view = await cora.request('GET', `/room/api/documents/${itemId}`);
    expect(view.json.document.fields.find((f: any) => f.id === 'sig').value).toEqual({ kind: 'drawn' });
    expect(view.text).not.toContain(PNG.slice(0, 40));
  });

  it('answers 404 for a typed signature, an empty or unknown field, and an unknown document', async () => {
    const org = await makeOrg();
    const { cora, itemId } = await sentDocument(org);
    for (const path of [roomImage(itemId, 'initials_box'), roomImage(itemId, 'name'), roomImage(itemId, 'no_such_field'), roomImage('itm_0000000000000000', 'sig')]) {
      const res = await cora.request('GET', path);
      expect(res.status, path).toBe(404);
      expect(res.json.error.code, path).toBe('not_found');
    }
    expect((await cora.request('GET', roomImage(itemId, 'bad id!'))).status).toBe(400);
  });

  it('is refused to another session’s customer and to a browser without the room cookie', async () => {
    const org = await makeOrg();
    const { itemId } = await sentDocument(org);
    const other = await sentDocument(org);
    expect((await other.cora.request('GET', roomImage(itemId, 'sig'))).status).toBe(404);
    expect((await new Browser().request('GET', roomImage(itemId, 'sig'))).status).toBe(401);
  });

  it("is the agent's too: through the API with their token, and through the workspace cookie for the page's <img>; another org's agent gets nothing", async () => {
    const org = await makeOrg();
    const { sessionId, itemId } = await sentDocument(org);
    const path = `/api/v1/sessions/${sessionId}/documents/${itemId}/fields/sig/image`;
    const res = await call('GET', path, { token: org.alice.token });
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/png');
    expect(res.headers.get('Cache-Control')).toBe('private, no-store');
    expect((await call('GET', `/api/v1/sessions/${sessionId}/documents/${itemId}/fields/initials_box/image`, { token: org.alice.token })).status).toBe(404);
    const stranger = await makeOrg('Other');
    expect([403, 404]).toContain((await call('GET', path, { token: stranger.alice.token })).status);

    const ws = await signInToWorkspace(org.alice);
    // The agent's document page shows the customer's signature as drawn, the typed one as typed.
    const page = await ws.get(`/app/sessions/${sessionId}/documents/${itemId}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`<img src="/app/sessions/${sessionId}/documents/${itemId}/fields/sig/image" alt="[^"]+ \\(Customer\\), drawn by hand" class="ws-drawn-signature"/>`));
    expect(page.text).toContain('<span class="ws-typed-signature">CC</span>');
    const img = await ws.get(`/app/sessions/${sessionId}/documents/${itemId}/fields/sig/image`, { 'Sec-Fetch-Site': 'same-origin' });
    expect(img.status).toBe(200);
    expect(img.headers.get('Content-Type')).toBe('image/png');
    expect((await ws.get(`/app/sessions/${sessionId}/documents/${itemId}/fields/initials_box/image`, { 'Sec-Fetch-Site': 'same-origin' })).status).toBe(404);
  });
});
