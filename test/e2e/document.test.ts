// Signing in a real browser: the customer opens a template document from the
// room, consents, fills a field, draws a signature and signs; the agent signs
// as agent through the API; the sealed PDF downloads. Also an ad hoc document
// signed with a typed signature, and declining. Phone and desktop width.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { describe, expect, it } from 'vitest';
import { labelledPdf, uploadDocument } from './pdf';
import { baseUrl, call, eventually, startSession } from './api';
import { VIEWPORTS, WAIT_MS, drawSignature, expectAccessible, followInvitation, shot, useChromium, type Viewport } from './browser';

const chromium = useChromium();

const pdf = (title: string) => labelledPdf(title);

const FIELDS = [
  { id: 'name', type: 'text', page: 1, rect: { x: 150, y: 200, width: 250, height: 20 }, role: 'Customer', required: true, label: 'Full name' },
  { id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' },
];

async function openInRoom(viewport: Viewport, link: string, itemId: string): Promise<Page> {
  const page = await chromium.open(viewport);
  await followInvitation(page, link);
  await page.locator(`a[href="/room/documents/${itemId}"]`).click();
  await page.waitForURL(`**/room/documents/${itemId}`);
  await page.locator('.field.mine').first().waitFor({ timeout: WAIT_MS });
  return page;
}

describe.each(VIEWPORTS)('signing a document (%s)', (viewport) => {
  it('template: consent, fill, draw, sign; the agent signs after; the sealed PDF downloads', async () => {
    const admin = inject('adminToken');
    const tpl = await uploadDocument('/api/v1/templates', admin, await pdf('Loan agreement'), {
      roles: [{ name: 'Customer' }, { name: 'Agent' }],
      signingOrder: 'sequential',
      fields: [...FIELDS, { id: 'agent_sig', type: 'signature', page: 1, rect: { x: 420, y: 120, width: 150, height: 50 }, role: 'Agent', required: true }],
    }, { name: `Loan agreement ${randomBytes(3).toString('hex')}` });
    const session = await startSession();
    const sent = await call('POST', `/api/v1/sessions/${session.sessionId}/documents`, { body: { templateId: tpl.id } });
    expect(sent.status).toBe(201);
    const itemId: string = sent.json.item.id;

    const page = await openInRoom(viewport, session.link, itemId);
    await expectAccessible(page);
    await shot(page, 'document-open');

    // A signature before consent is refused in place.
    await page.locator('.field[data-field-id="sig"]').click();
    await page.locator('#doc-error').getByText('agree to do business electronically').waitFor();
    await page.getByRole('button', { name: 'I agree to do business electronically' }).click();

    await page.locator('.field[data-field-id="name"]').click();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="name"].filled').waitFor();

    await page.locator('.field[data-field-id="sig"]').click();
    await drawSignature(page);
    await shot(page, 'document-signature-pad');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="sig"].filled').waitFor();

    await page.getByRole('button', { name: 'Finish and sign' }).click();
    await page.locator('#doc-status').getByText('Waiting for: Agent').waitFor();

    // The agent signs as agent; the customer's page completes live.
    const agentPath = `/api/v1/sessions/${session.sessionId}/documents/${itemId}`;
    expect((await call('PUT', `${agentPath}/fields/agent_sig`, { body: { value: { kind: 'typed', text: 'Alex Agent' } } })).status).toBe(200);
    expect((await call('POST', `${agentPath}/complete`)).json.item.status).toBe('completed');
    await page.locator('#doc-status').getByText('Completed').waitFor({ timeout: WAIT_MS });
    await shot(page, 'document-completed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\(sealed\)\.pdf$/);
    const bytes = await readAll(await download.createReadStream());
    expect(new TextDecoder('latin1').decode(bytes)).toContain('ETSI.CAdES.detached');
  });

  it('ad hoc: a typed signature; a second document is declined with a reason', async () => {
    const session = await startSession();
    const adhoc = await uploadDocument(`/api/v1/sessions/${session.sessionId}/documents/adhoc`, inject('agentToken'), await pdf('Side letter'), { fields: FIELDS }, { name: 'Side letter' });
    const itemId: string = adhoc.item.id;
    const page = await openInRoom(viewport, session.link, itemId);
    await page.getByRole('button', { name: 'I agree to do business electronically' }).click();

    // A validation message from the server shows at the field.
    await page.locator('.field[data-field-id="name"]').click();
    await page.locator('#field-value').fill('   ');
    await page.locator('#field-save').click();
    await page.locator('#field-error').getByText('is required').waitFor();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="name"].filled').waitFor();
    await page.locator('.field[data-field-id="sig"]').click();
    await page.getByRole('button', { name: 'Type' }).click();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="sig"].filled').waitFor();
    await page.getByRole('button', { name: 'Finish and sign' }).click();
    await page.locator('#doc-status').getByText('Completed').waitFor({ timeout: WAIT_MS });

    const second = await uploadDocument(`/api/v1/sessions/${session.sessionId}/documents/adhoc`, inject('agentToken'), await pdf('Fee schedule'), { fields: FIELDS }, { name: 'Fee schedule' });
    await page.goto(`${baseUrl()}/room/documents/${second.item.id}`);
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('#decline-reason').fill('The fees are higher than agreed');
    await page.locator('#decline-form').getByRole('button', { name: 'Decline' }).click();
    await page.locator('#doc-status').getByText('Declined').waitFor();
    await expectAccessible(page);
    const item = await eventually('the declined item', async () => {
      const view = await call('GET', `/api/v1/sessions/${session.sessionId}`);
      return view.json.items.find((i: { id: string; status: string }) => i.id === second.item.id && i.status === 'declined');
    });
    expect(item.reason).toBe('The fees are higher than agreed');
  });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
