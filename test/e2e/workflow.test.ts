// A three-step workflow as issue 16 checks it, on a phone: the customer's
// room names each step with its place ("Step 1 of 3: …") and offers only the
// one whose turn it is; a passport photo, then a document signed, then a
// proof of address; the agent accepts each file; the workflow completes
// after its last step, and the agent, who sent it from the session page,
// sees it as one bubble with its steps.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { makePng } from '../helpers/images';
import { agentView, baseUrl, call, eventually, startSession } from './api';
import { drawSignature, expectAccessible, followInvitation, shot, useChromium } from './browser';
import { labelledPdf, uploadDocument } from './pdf';

const chromium = useChromium();
const photo = async (name: string) => ({ name, mimeType: 'image/png', buffer: Buffer.from(await makePng(1600, 1000)) });

/** The customer sends a photo for the only document a request asks, then the agent accepts it through the API. */
async function sendAndAccept(page: Page, sessionId: string, itemId: string, file: string): Promise<void> {
  const slot = page.locator('[id^="camera-"]').first();
  await slot.setInputFiles(await photo(file));
  await page.getByText('Everything is sent.').waitFor();
  const request = await call('GET', `/api/v1/sessions/${sessionId}/document-requests/${itemId}`);
  const slotId = request.json.slots[0].id as string;
  expect((await call('POST', `/api/v1/sessions/${sessionId}/document-requests/${itemId}/slots/${slotId}/accept`)).status).toBe(200);
}

/** The room's next step, followed: its title, then its page. */
async function followNextStep(page: Page, title: string): Promise<void> {
  await page.goto(`${baseUrl()}/room`);
  await page.getByText(title).first().waitFor();
  await page.locator('.next-step a, a.next-step').first().click();
}

describe('a three-step workflow', () => {
  it('the customer does its steps in order on a phone, and it completes after the last one', async () => {
    const tag = randomBytes(3).toString('hex');
    const admin = inject('adminToken');
    const tpl = await uploadDocument(
      '/api/v1/templates',
      admin,
      await labelledPdf('Account terms'),
      { fields: [{ id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' }] },
      { name: `Account terms ${tag}` },
    );
    const workflow = await call('POST', '/api/v1/workflows', {
      token: admin,
      body: {
        name: `Account opening ${tag}`,
        steps: [
          { kind: 'document_request', name: 'Your passport', documents: [{ category: 'passport' }] },
          { kind: 'template', templateId: tpl.id },
          { kind: 'document_request', name: 'Your proof of address', documents: [{ category: 'proof_of_address' }] },
        ],
      },
    });
    expect(workflow.status, JSON.stringify(workflow.json)).toBe(201);
    const { sessionId, link } = await startSession();

    // The agent sends it from the session page.
    const agent = await chromium.open('desktop');
    await agent.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await agent.waitForURL(`${baseUrl()}/app`);
    await agent.goto(`${baseUrl()}/app/sessions/${sessionId}`);
    await agent.locator(`#workflow-select option[value="${workflow.json.id}"]`).waitFor({ state: 'attached' });
    await agent.locator('#workflow-select').selectOption(workflow.json.id);
    await agent.locator('#workflow-send').click();
    const sent = await eventually('the workflow was sent', async () => {
      const items = (await agentView(sessionId)).items;
      const run = items.find((i) => i.kind === 'workflow');
      return run && { workflow: run, steps: items.filter((i) => i.parentId === run.id).sort((a, b) => a.position! - b.position!) };
    });
    expect(sent.steps).toHaveLength(3);
    const [passport, terms, address] = sent.steps.map((s) => s.id);
    await agent.getByText('Step 1 of 3').first().waitFor();

    // Step 1, and only step 1, is in the room.
    const page = await chromium.open('phone');
    await followInvitation(page, link);
    await page.getByText('Step 1 of 3: Your passport').first().waitFor();
    expect(await page.getByText('Step 2 of 3').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'workflow-step-1');
    await page.locator(`a[href="/room/requests/${passport}"]`).first().click();
    await sendAndAccept(page, sessionId, passport!, 'passport.png');

    // Step 2: the document, signed.
    await followNextStep(page, `Step 2 of 3: Account terms ${tag}`);
    await page.waitForURL(`**/room/documents/${terms}`);
    await page.getByRole('button', { name: 'I agree to do business electronically' }).click();
    await page.locator('.field[data-field-id="sig"]').click();
    await drawSignature(page);
    await page.locator('#field-save').click();
    await page.locator('.field[data-field-id="sig"].filled').waitFor();
    await page.getByRole('button', { name: 'Finish and sign' }).click();
    await page.locator('#done').waitFor();

    // Step 3: the proof of address; then the workflow is complete.
    await followNextStep(page, 'Step 3 of 3: Your proof of address');
    await page.waitForURL(`**/room/requests/${address}`);
    await sendAndAccept(page, sessionId, address!, 'bill.png');
    const done = await eventually('the workflow completed', async () => (await agentView(sessionId)).items.find((i) => i.id === sent.workflow.id && i.status === 'completed'));
    expect(done.app).toMatchObject({ kind: 'workflow', steps: 3, done: 3, current: null });
    await page.goto(`${baseUrl()}/room`);
    await page.getByText('Step 3 of 3: Your proof of address').first().waitFor();
    await shot(page, 'workflow-done');

    // The agent sees one bubble with its three steps inside.
    await agent.reload();
    const bubble = agent.locator(`#item-${sent.workflow.id}`);
    await bubble.waitFor();
    expect(await bubble.locator('.ws-steps > li').count()).toBe(3);
    expect(await agent.locator('#ws-items > li.ws-bubble').filter({ has: agent.locator(`#item-${passport}`) }).count()).toBe(1);
    await expectAccessible(agent);
  });
});
