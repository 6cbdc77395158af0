// The request page of the room: linked from the room as the next step,
// served with each document's card (camera and file buttons, the agent's
// note), the agent's reason after a rejection, no button once accepted,
// behind the room cookie, in the customer's language.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';
import { makeJpegHeader } from '../../helpers/images';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `q-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, {
    token: org.alice.token,
    body: { name: 'Your <i>ID</i>', documents: [{ category: 'id_card', note: 'Both sides, in good light' }] },
  });
  return { org, id, cora, item: asked.json.item, slots: asked.json.slots as { id: string }[] };
}

const photo = () => {
  const f = new FormData();
  f.append('file', new File([makeJpegHeader(1600, 1000)], 'photo.jpg'));
  return f;
};

describe('the room request page', () => {
  it('is the room’s next step, and shows each document with its note, camera and file buttons, escaped', async () => {
    const { cora, item, slots } = await setup();
    const room = (await cora.request('GET', '/room')).text;
    expect(room).toContain(`href="/room/requests/${item.id}"`);
    expect(room).toContain('Send documents: Your &lt;i&gt;ID&lt;/i&gt;');
    const page = await cora.request('GET', `/room/requests/${item.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Your &lt;i&gt;ID&lt;/i&gt;</h1>');
    expect(page.text).toContain('src="/assets/room-request.js"');
    expect(page.text).toContain('data-min-side="600"');
    expect(page.text).toContain('ID card — front');
    expect(page.text).toContain('ID card — back');
    expect(page.text).toContain('Both sides, in good light');
    expect(page.text).toContain(`<input id="camera-${slots[0]!.id}" class="visually-hidden" type="file" accept="image/*" capture="environment" data-slot="${slots[0]!.id}"/>`);
    expect(page.text).toContain('0 of 2 accepted');
  });

  it('shows the agent’s reason after a rejection, no button once accepted, and hands the request to the agent once all is sent', async () => {
    const { org, id, cora, item, slots } = await setup();
    const [front, back] = slots as [{ id: string }, { id: string }];
    for (const s of [front, back]) expect((await cora.request('PUT', `/room/api/requests/${item.id}/slots/${s.id}/file`, photo())).status).toBe(200);
    expect((await cora.request('GET', '/room')).text).toContain('Waiting for your agent');
    const agent = `/api/v1/sessions/${id}/document-requests/${item.id}/slots`;
    await call('POST', `${agent}/${front.id}/accept`, { token: org.alice.token });
    await call('POST', `${agent}/${back.id}/reject`, { token: org.alice.token, body: { reason: 'The <b>corner</b> is cut off' } });
    const page = (await cora.request('GET', `/room/requests/${item.id}`)).text;
    expect(page).toContain('Your agent says: The &lt;b&gt;corner&lt;/b&gt; is cut off');
    expect(page).not.toContain(`id="camera-${front.id}"`);
    expect(page).toContain(`id="camera-${back.id}"`);
    expect(page).toContain(`src="/room/api/requests/${item.id}/slots/${front.id}/file?v=`);
    expect(page).toContain('1 of 2 accepted');
    expect((await cora.request('GET', '/room')).text).toContain('Send documents: Your');
  });

  it('answers unknown requests, other sessions and missing cookies with clear pages', async () => {
    const { cora, item } = await setup();
    expect((await cora.request('GET', '/room/requests/itm_0000000000000000')).text).toContain('There is no such request in your room.');
    expect((await cora.request('GET', '/room/requests/nonsense')).status).toBe(404);
    expect((await new Browser().request('GET', `/room/requests/${item.id}`)).status).toBe(401);
    const other = await setup();
    expect((await other.cora.request('GET', `/room/requests/${item.id}`)).status).toBe(404);
  });

  it('speaks the customer’s language: Hebrew right to left, the request’s texts embedded for its script', async () => {
    const { cora, item } = await setup();
    const page = (await cora.request('GET', `/room/requests/${item.id}`, undefined, { 'Accept-Language': 'he' })).text;
    expect(page).toContain('<html lang="he" dir="rtl">');
    expect(page).toContain('תעודת זהות — צד קדמי');
    expect(page).toContain('"request.take_photo":"צילום"');
    expect(page).toContain('"entry.error.poor_picture":');
    expect(page).not.toContain('"document.');
  });
});
