// The approver's decision on the room's document page: a document forwarded
// for approval shows Approve and Decline (with a required reason) to its
// approver only; others never see them; after deciding, the page says what
// was decided. The buttons post to POST /room/api/documents/{id}/approval.
import { describe, expect, it } from 'vitest';
import { documentForm, makePdf, signatureField } from '../../helpers/pdf';
import { Browser, call, makeOrg, outboxFor, startSession } from '../../helpers/world';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** A document Cora signed, forwarded to Paula for approval; both in their rooms. */
async function forwarded() {
  const org = await makeOrg();
  const tpl = await call('POST', '/api/v1/templates', { token: org.admin.token, body: documentForm(await makePdf(1), { fields: [signatureField('sig')] }, { name: 'Loan' }) });
  const s = await startSession(org.alice, { name: 'Cora', email: `c-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  const itemId = (await call('POST', `/api/v1/sessions/${id}/documents`, { token: org.alice.token, body: { templateId: tpl.json.id } })).json.item.id as string;
  await cora.request('POST', '/room/api/consent');
  await cora.request('PUT', `/room/api/documents/${itemId}/fields/sig`, { value: { kind: 'drawn', png: PNG } });
  expect((await cora.request('POST', `/room/api/documents/${itemId}/complete`)).status).toBe(200);
  const paulaEmail = `p-${crypto.randomUUID()}@example.org`;
  const fwd = await call('POST', `/api/v1/sessions/${id}/documents/${itemId}/forward`, { token: org.alice.token, body: { approver: { name: 'Paula', email: paulaEmail } } });
  expect(fwd.status).toBe(200);
  const paula = new Browser();
  await paula.open((await outboxFor(id)).find((m) => m.recipient === paulaEmail)!.link);
  return { org, id, itemId, cora, paula };
}

describe('the approver’s document page', () => {
  it('shows Approve and Decline, and the reason dialog, to the approver only', async () => {
    const { itemId, cora, paula } = await forwarded();
    const page = await paula.request('GET', `/room/documents/${itemId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<section id="approval" class="consent" aria-labelledby="approval-h" data-status="pending_approval">');
    expect(page.text).toContain('<button id="approval-approve" type="button" class="primary">Approve</button>');
    expect(page.text).toContain('<button id="approval-decline" type="button" class="secondary">Decline</button>');
    expect(page.text).toContain('<label for="approval-reason">Why do you decline? (required)</label>');
    expect(page.text).toMatch(/<textarea id="approval-reason" maxlength="500" required=""/);
    expect(page.text).toContain('forwarded to you for approval');

    const coras = await cora.request('GET', `/room/documents/${itemId}`);
    expect(coras.status).toBe(200);
    expect(coras.text).not.toContain('approval-approve');
    expect(coras.text).not.toContain('approval-dialog');
    expect(coras.text).not.toContain('id="approval"');
  });

  it('refuses a decision from anyone else, and a decline without a reason', async () => {
    const { itemId, cora, paula } = await forwarded();
    const other = await cora.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'approve' });
    expect(other.status).toBe(403);
    expect(other.json.error.code).toBe('not_approver');
    const noReason = await paula.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'decline' });
    expect(noReason.status).toBe(422);
    expect(noReason.json.error.message).toBe('reason: give a reason to decline');
  });

  it('says what was decided afterwards, without the buttons', async () => {
    const { itemId, paula } = await forwarded();
    const declined = await paula.request('POST', `/room/api/documents/${itemId}/approval`, { decision: 'decline', reason: 'Page <2> missing' });
    expect(declined.status).toBe(200);
    const page = await paula.request('GET', `/room/documents/${itemId}`);
    expect(page.text).toContain('You declined to approve this document. Your reason: Page &lt;2&gt; missing');
    expect(page.text).not.toContain('approval-approve');

    const other = await forwarded();
    expect((await other.paula.request('POST', `/room/api/documents/${other.itemId}/approval`, { decision: 'approve' })).status).toBe(200);
    const approved = await other.paula.request('GET', `/room/documents/${other.itemId}`);
    expect(approved.text).toContain('You approved this document.');
    expect(approved.text).not.toContain('approval-decline');
  });
});
