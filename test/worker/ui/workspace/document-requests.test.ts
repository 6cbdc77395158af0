// A document request on the agent's session page: "Ask for documents" and its
// dialog, then in the request's bubble each document with where it stands, a
// preview of the file sent (served in place, with the workspace cookie, only
// to the session's agent), Accept and Reject while it waits, the reason
// after a rejection, and no buttons once decided, in the page and its live part.
import { describe, expect, it } from 'vitest';
import { Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../../helpers/world';
import { makeJpegHeader } from '../../../helpers/images';
import { makePdf } from '../../../helpers/pdf';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `w-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const asked = await call('POST', `/api/v1/sessions/${id}/document-requests`, {
    token: org.alice.token,
    body: { name: 'Your ID', documents: [{ category: 'id_card' }, { category: 'other', label: 'Pay <b>slip</b>' }] },
  });
  const ws = await signInToWorkspace(org.alice);
  return { org, id, cora, ws, itemId: asked.json.item.id as string, slots: (asked.json.slots as { id: string }[]).map((s) => s.id) };
}

const upload = (bytes: Uint8Array, name: string) => {
  const f = new FormData();
  f.append('file', new File([bytes], name));
  return f;
};

/** The HTML of the element with this id up to its first closing tag of that kind. */
function part(html: string, id: string, tag: string): string {
  const start = html.indexOf(`id="${id}"`);
  expect(start, `#${id} on the page`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf(`</${tag}>`, start));
}

describe('document requests in the workspace', () => {
  it('offers "Ask for documents" with a dialog listing every document the agent can ask for', async () => {
    const { id, ws } = await setup();
    const page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(page).toContain('id="request-open" data-request-open="1"');
    const dialog = part(page, 'request-dialog', 'dialog');
    for (const c of ['id_card', 'passport', 'drivers_licence', 'proof_of_address', 'bank_statement', 'other']) expect(dialog).toContain(`id="request-${c}" name="category" value="${c}"`);
    expect(page).toContain('id="reject-dialog"');
  });

  it('shows each document, previews what was sent, and offers Accept and Reject only while a file waits for a decision', async () => {
    const { org, id, cora, ws, itemId, slots } = await setup();
    const [front, back, payslip] = slots as [string, string, string];
    let page = (await ws.get(`/app/sessions/${id}`)).text;
    expect(part(page, `slot-${front}`, 'li')).toContain('Waiting for the customer');
    expect(part(page, `slot-${payslip}`, 'li')).toContain('Pay &lt;b&gt;slip&lt;/b&gt;');
    expect(page).not.toContain(`data-slot-accept="${front}"`);

    await cora.request('PUT', `/room/api/requests/${itemId}/slots/${front}/file`, upload(makeJpegHeader(1600, 1000), 'front.jpg'));
    await cora.request('PUT', `/room/api/requests/${itemId}/slots/${payslip}/file`, upload(await makePdf(1), 'payslip.pdf'));
    page = (await ws.get(`/app/sessions/${id}/live`)).text;
    const href = `/app/sessions/${id}/requests/${itemId}/slots/${front}/file`;
    expect(part(page, `slot-${front}`, 'li')).toContain(`<img src="${href}"`);
    expect(part(page, `slot-${front}`, 'li')).toContain(`data-slot-accept="${front}" data-item="${itemId}"`);
    expect(part(page, `slot-${front}`, 'li')).toContain(`data-slot-reject="${front}"`);
    // A PDF gets a link, not a broken picture.
    expect(part(page, `slot-${payslip}`, 'li')).toContain('View Pay &lt;b&gt;slip&lt;/b&gt;');
    expect(part(page, `slot-${payslip}`, 'li')).not.toContain('<img');

    const preview = await ws.get(href);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('Content-Type')).toBe('image/jpeg');
    expect(preview.headers.get('Content-Disposition')).toMatch(/^inline/);
    // Another org's agent, and a slot that is not there, get nothing.
    const other = await makeOrg();
    expect((await (await signInToWorkspace(other.alice)).get(href)).status).toBe(404);
    expect((await ws.get(`/app/sessions/${id}/requests/${itemId}/slots/${back}/file`)).status).toBe(404);

    await call('POST', `/api/v1/sessions/${id}/document-requests/${itemId}/slots/${front}/reject`, { token: org.alice.token, body: { reason: 'Too dark' } });
    await call('POST', `/api/v1/sessions/${id}/document-requests/${itemId}/slots/${payslip}/accept`, { token: org.alice.token });
    page = (await ws.get(`/app/sessions/${id}/live`)).text;
    expect(part(page, `slot-${front}`, 'li')).toContain('Asked again: Too dark');
    expect(part(page, `slot-${front}`, 'li')).not.toContain('data-slot-accept');
    expect(part(page, `slot-${payslip}`, 'li')).toContain('Accepted');
  });
});
