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
  await page.locator(`a[href="/room/documents/${itemId}"]`).first().click();
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

    // Before consent only the consent is actionable: the fields wait, and there is neither Next field nor Finish.
    expect(await page.locator('.field[data-field-id="sig"]').isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Finish and sign' }).isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Next field' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: 'I agree to do business electronically' }).click();
    // Then one primary button: Next field while required fields remain.
    await page.getByRole('button', { name: 'Next field' }).waitFor();

    await page.locator('.field[data-field-id="name"]').click();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="name"].filled').waitFor();

    await page.locator('.field[data-field-id="sig"]').click();
    await drawSignature(page);
    await shot(page, 'document-signature-pad');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="sig"].filled').waitFor();
    // The signature shows as drawn, not as a word.
    const drawing = page.locator('.field[data-field-id="sig"] img');
    await drawing.waitFor();
    // (any: this project's TypeScript has no DOM types.)
    await expect.poll(() => drawing.evaluate((img: any) => img.complete && img.naturalWidth > 0), { timeout: WAIT_MS }).toBe(true);

    await page.getByRole('button', { name: 'Finish and sign' }).click();
    await page.locator('#doc-status').getByText('Waiting for Agent.').waitFor();
    // The confirmation says what happens next, and the download is labelled as not signed by everyone yet.
    await page.locator('#done').getByText('Your agent will countersign it.').waitFor();
    expect(await page.locator('#done-download').textContent()).toBe('Download a copy (not yet signed by everyone)');
    await shot(page, 'document-done');

    // The agent signs as agent; the customer's page completes live.
    const agentPath = `/api/v1/sessions/${session.sessionId}/documents/${itemId}`;
    expect((await call('PUT', `${agentPath}/fields/agent_sig`, { body: { value: { kind: 'typed', text: 'Alex Agent' } } })).status).toBe(200);
    expect((await call('POST', `${agentPath}/complete`)).json.item.status).toBe('completed');
    // The counter-signature appears without a reload, then the sealed copy is offered.
    await page.locator('.field[data-field-id="agent_sig"]').getByText('Alex Agent').waitFor({ timeout: WAIT_MS });
    await page.locator('#doc-status').getByText('Everyone has signed').waitFor({ timeout: WAIT_MS });
    await page.locator('#done').getByText('Your signed copy is ready.').waitFor({ timeout: WAIT_MS });
    await shot(page, 'document-completed');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#done-download').click()]);
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
    await page.locator('#field-error').getByText('This field is required.').waitFor();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="name"].filled').waitFor();
    await page.locator('.field[data-field-id="sig"]').click();
    await page.getByRole('button', { name: 'Type' }).click();
    await page.locator('#field-value').fill('Dana Demo');
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="sig"].filled').waitFor();
    await page.getByRole('button', { name: 'Finish and sign' }).click();
    await page.locator('#doc-status').getByText('Everyone has signed').waitFor({ timeout: WAIT_MS });

    const second = await uploadDocument(`/api/v1/sessions/${session.sessionId}/documents/adhoc`, inject('agentToken'), await pdf('Fee schedule'), { fields: FIELDS }, { name: 'Fee schedule' });
    await page.goto(`${baseUrl()}/room/documents/${second.item.id}`);
    await page.locator('.field.mine').first().waitFor({ timeout: WAIT_MS });
    // Decline is tucked under "More".
    await page.locator('#doc-more > summary').click();
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('#decline-reason').fill('The fees are higher than agreed');
    await page.locator('#decline-form').getByRole('button', { name: 'Decline' }).click();
    await page.locator('#doc-status').getByText('This document was declined.').waitFor();
    await expectAccessible(page);
    const item = await eventually('the declined item', async () => {
      const view = await call('GET', `/api/v1/sessions/${session.sessionId}`);
      return view.json.items.find((i: { id: string; status: string }) => i.id === second.item.id && i.status === 'declined');
    });
    expect(item.reason).toBe('The fees are higher than agreed');

    // In Hebrew, from the page's own language menu: right to left, and nothing wider than a 320-px phone.
    // Picking a language sends the menu at once (its Change button is for pages without scripts).
    await page.locator('#language-select').selectOption('he');
    await page.locator('html[lang="he"][dir="rtl"]').waitFor({ state: 'attached' });
    expect(new URL(page.url()).pathname).toBe(`/room/documents/${second.item.id}`);
    await page.locator('#doc-status').getByText('המסמך נדחה.').waitFor();
    // The pages are drawn for the width they open at: open again at 320 px.
    await page.setViewportSize({ width: 320, height: 640 });
    await page.reload();
    await page.locator('.page canvas').first().waitFor();
    const fits = await page.evaluate(() => {
      const root = (globalThis as any).document.documentElement;
      return root.scrollWidth <= root.clientWidth;
    });
    expect(fits, 'no horizontal overflow at 320 px').toBe(true);
    await expectAccessible(page);
    await shot(page, 'document-declined-he-320');
  });
});

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}
