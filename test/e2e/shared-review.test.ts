// A shared review as issue 16 checks it, both sides at once: the agent
// (desktop) opens a document of the session for review from its bubble; the
// customer (a phone) opens it from the room. Each sees the other's pointer
// move, the agent's highlight and the customer's comment appear live, the
// customer follows the agent to page 2, and when the agent ends the review
// the marks stay on both sides. Axe-checked and photographed on the way.
import type { Page } from 'playwright-core';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { agentView, baseUrl, eventually, startSession } from './api';
import { expectAccessible, followInvitation, shot, useChromium } from './browser';
import { uploadDocument } from './pdf';

const chromium = useChromium();

async function twoPages(title: string): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) {
    const page = doc.addPage([612, 792]);
    page.drawText(`${title}, page ${n}`, { x: 72, y: 720, size: 20, font });
    page.drawText('Interest rate: 4.9% a year, fixed for five years.', { x: 72, y: 600, size: 12, font });
  }
  return doc.save();
}

/** Moves the mouse over the board's page to (fx, fy), fractions of its box. */
async function hover(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await page.locator('#rv-stage').boundingBox())!;
  await page.mouse.move(box.x + box.width * fx, box.y + box.height * fy, { steps: 4 });
}

const pageText = (page: Page) => page.locator('#rv-page').textContent();

describe('a shared review, agent and customer together', () => {
  it('each sees the other point, a highlight and a comment appear live, the customer follows to page 2, and the marks stay after the end', async () => {
    const name = `Loan terms ${randomBytes(3).toString('hex')}`;
    const { sessionId, link } = await startSession();
    const fields = [{ id: 'sig', type: 'signature', page: 2, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' }];
    const doc = await uploadDocument(`/api/v1/sessions/${sessionId}/documents/adhoc`, inject('agentToken'), await twoPages(name), { fields }, { name });

    // ── The agent opens the document for review from its bubble. ──
    const agent = await chromium.open('desktop');
    await agent.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await agent.waitForURL(`${baseUrl()}/app`);
    await agent.goto(`${baseUrl()}/app/sessions/${sessionId}`);
    await agent.locator('#ws-conn').getByText('Live updates: on').waitFor();
    await Promise.all([agent.waitForURL(/\/reviews\/itm_/), agent.locator(`#tool-${doc.item.id}-review`).click()]);
    await agent.locator('#rv-canvas[data-page="1"]').waitFor();
    const reviewId = (await agentView(sessionId)).items.find((i) => i.kind === 'shared_review')!.id;
    expect(await pageText(agent)).toBe('Page 1 of 2');
    await agent.getByText('You are leading').waitFor();

    // ── The customer, on a phone, opens it from the room. ──
    const customer = await chromium.open('phone');
    await followInvitation(customer, link);
    await customer.locator(`a[href="/room/reviews/${reviewId}"]`).first().click();
    await customer.waitForURL(`**/room/reviews/${reviewId}`);
    await customer.locator('#rv-canvas[data-page="1"]').waitFor();
    await customer.getByText('Your agent is leading.').waitFor();
    await expectAccessible(customer);

    // ── Pointers, both ways. ──
    await hover(agent, 0.3, 0.25);
    const agentPointer = customer.locator('#rv-pointer');
    await agentPointer.waitFor({ state: 'visible' });
    expect(await agentPointer.textContent()).toBe('Agent');
    await hover(customer, 0.6, 0.5);
    const customerPointer = agent.locator('#rv-pointer');
    await customerPointer.waitFor({ state: 'visible' });
    expect(await customerPointer.textContent()).toBe('Dana Demo');

    // ── The agent highlights a line; the customer sees it live. ──
    await agent.getByRole('radio', { name: 'Highlight' }).check();
    const box = (await agent.locator('#rv-stage').boundingBox())!;
    await agent.mouse.move(box.x + box.width * 0.1, box.y + box.height * 0.22);
    await agent.mouse.down();
    await agent.mouse.move(box.x + box.width * 0.75, box.y + box.height * 0.25, { steps: 6 });
    await agent.mouse.up();
    await customer.locator('#rv-layer .rv-mark-highlight').waitFor();
    await customer.getByText('Highlight on page 1, by your agent').waitFor();

    // ── The customer comments with a tap; the agent sees it live. ──
    await customer.getByRole('radio', { name: 'Comment' }).check();
    const phoneBox = (await customer.locator('#rv-stage').boundingBox())!;
    await customer.mouse.click(phoneBox.x + phoneBox.width * 0.8, phoneBox.y + phoneBox.height * 0.24);
    await customer.getByLabel('Your comment').fill('Is the rate fixed after five years?');
    await customer.getByRole('button', { name: 'Add comment' }).click();
    await agent.getByText('Comment on page 1, by Dana Demo: Is the rate fixed after five years?').waitFor();
    await agent.locator('#rv-layer .rv-mark-comment').waitFor();
    await expectAccessible(agent);
    await shot(agent, 'review-agent');
    await shot(customer, 'review-customer');

    // ── The agent turns to page 2; the customer follows. ──
    await agent.getByRole('button', { name: 'Next page' }).click();
    await customer.locator('#rv-canvas[data-page="2"]').waitFor();
    expect(await pageText(customer)).toBe('Page 2 of 2');
    // The marks of page 1 stay on page 1.
    expect(await customer.locator('#rv-layer .rv-mark').count()).toBe(0);

    // ── The agent ends the review: both still see its marks. ──
    await agent.getByRole('button', { name: 'End the review' }).click();
    await customer.getByText('This review has ended.').waitFor();
    expect(await customer.locator('#rv-marks li').count()).toBe(2);
    expect(await customer.locator('.rv-tools').isHidden()).toBe(true);
    const item = await eventually('the review completed', async () => (await agentView(sessionId)).items.find((i) => i.id === reviewId && i.status === 'completed'));
    expect(item.app).toMatchObject({ kind: 'shared_review', annotations: 2 });
    await expectAccessible(customer);
  });
});
