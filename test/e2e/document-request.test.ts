// A document request as issue 16 checks it, both sides at once: the agent
// (desktop) asks for an ID card from the session page; the customer (a
// 360-px phone) goes from the room's next step to the request page, is told
// at once that a tiny photo cannot be read, captures the front and the back;
// the agent rejects the back with a reason, which the customer reads live,
// retakes it, and the agent accepts both: the request completes on both
// sides without a reload. Photographed and axe-checked on the way.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import type { DocumentRequestSummary } from '../../worker/src/contract/apps';
import { makePng } from '../helpers/images';
import { agentView, baseUrl, eventually, startSession } from './api';
import { expectAccessible, followInvitation, shot, useChromium } from './browser';

const chromium = useChromium();

const photo = async (name: string, width = 1600, height = 1000) => ({ name, mimeType: 'image/png', buffer: Buffer.from(await makePng(width, height)) });

/** The request's slots as the agent's API sees them. */
async function slotsOf(sessionId: string): Promise<DocumentRequestSummary['slots']> {
  const item = (await agentView(sessionId)).items.find((i) => i.kind === 'document_request');
  return (item?.app as DocumentRequestSummary | undefined)?.slots ?? [];
}

const slotStatus = (page: Page, slotId: string) => page.locator(`#slot-${slotId} .slot-status`).textContent();

describe('a document request, agent and customer together', () => {
  it('the customer captures an ID front and back on a phone; the agent rejects one with a reason and accepts the retake', async () => {
    const requestName = `Your ID ${randomBytes(3).toString('hex')}`;
    const { sessionId, link } = await startSession();

    // ── The agent asks for an ID card from the session page. ──
    const agent = await chromium.open('desktop');
    await agent.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await agent.waitForURL(`${baseUrl()}/app`);
    await agent.goto(`${baseUrl()}/app/sessions/${sessionId}`);
    await agent.locator('#ws-conn').getByText('Live updates: on').waitFor();
    await agent.locator('#request-open').click();
    await agent.locator('#request-dialog').waitFor();
    await expectAccessible(agent);
    await agent.locator('#request-id_card').check();
    await agent.locator('#request-note').fill('Both sides, flat on a table, in good light.');
    await agent.locator('#request-name').fill(requestName);
    await agent.locator('#request-form button[type="submit"]').click();
    await agent.locator(`#ws-items li.ws-bubble[data-name="${requestName}"]`).waitFor();
    const [front, back] = await slotsOf(sessionId);
    expect([front?.category, back?.category]).toEqual(['id_card_front', 'id_card_back']);

    // ── The customer, on a phone, follows the room's next step to the request page. ──
    const customer = await chromium.open('phone');
    await followInvitation(customer, link);
    const next = customer.getByRole('link', { name: 'Send documents' });
    await next.waitFor();
    await next.click();
    await customer.waitForURL(/\/room\/requests\/itm_/);
    await customer.getByText('Both sides, flat on a table, in good light.').first().waitFor();
    await expectAccessible(customer);
    await shot(customer, 'request-asked');

    // A photo too small to read is refused before anything is sent.
    await customer.locator(`#camera-${front!.id}`).setInputFiles(await photo('tiny.png', 320, 200));
    await customer.locator(`#slot-${front!.id}-error`).getByText('too small to read').waitFor();
    expect(await slotStatus(customer, front!.id)).toBe('Waiting for you');

    // Front and back from the camera.
    await customer.locator(`#camera-${front!.id}`).setInputFiles(await photo('front.png'));
    await customer.locator(`#slot-${front!.id} .slot-file img`).waitFor();
    await customer.locator(`#camera-${back!.id}`).setInputFiles(await photo('back.png'));
    await customer.locator(`#slot-${back!.id} .slot-file img`).waitFor();
    await customer.getByText('Everything is sent.').waitFor();
    const sent = await slotsOf(sessionId);
    expect(sent.map((s) => [s.status, s.fileType])).toEqual([
      ['submitted', 'image/jpeg'],
      ['submitted', 'image/jpeg'],
    ]);
    await shot(customer, 'request-sent');

    // ── The agent sees both live, rejects the back with a reason. ──
    await agent.locator(`button[data-slot-reject="${back!.id}"]`).click();
    await agent.locator('#reject-reason').fill('The corner is cut off: please show the whole card.');
    await agent.locator('#reject-form button[type="submit"]').click();
    await agent.locator(`#slot-${back!.id}[data-status="rejected"]`).waitFor();

    // ── The customer reads the reason live and retakes the back. ──
    await customer.getByText('Your agent says: The corner is cut off: please show the whole card.').waitFor();
    expect(await slotStatus(customer, back!.id)).toBe('Please send it again');
    await expectAccessible(customer);
    await shot(customer, 'request-rejected');
    await customer.locator(`#camera-${back!.id}`).setInputFiles(await photo('back-again.png', 1800, 1100));
    await eventually('the retake reaching the agent', async () => (await slotsOf(sessionId))[1]?.status === 'submitted');

    // ── The agent accepts both; the request completes on both sides, live. ──
    await agent.locator(`button[data-slot-accept="${front!.id}"]`).click();
    await agent.locator(`#slot-${front!.id}[data-status="accepted"]`).waitFor();
    await agent.locator(`button[data-slot-accept="${back!.id}"]`).click();
    await agent.locator(`#ws-items li.ws-bubble[data-name="${requestName}"][data-status="completed"]`).waitFor();
    await customer.getByText('All your documents are accepted. Thank you!').waitFor();
    expect(await customer.locator('#request-progress').textContent()).toBe('2 of 2 accepted');
    expect(await customer.locator('input[type="file"]').count(), 'nothing left to send').toBe(0);
    await shot(customer, 'request-accepted');
    await shot(agent, 'request-accepted-agent');
  });
});
