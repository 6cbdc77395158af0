// The agent workspace and the customer room together, as issue 4 checks it:
// the admin puts a template in Assets (API); the agent signs in with the
// workspace link, starts a session from the start form and sends the template
// from Assets; the customer opens the invitation from the outbox on a phone,
// chats, consents, fills, draws a signature and finishes; the agent's session
// page (never reloaded) shows the bubble waiting for the agent and the
// customer online, the agent signs as agent in another tab, the bubble turns
// to a check mark live, and the sealed PDF downloads from the workspace.
// The agent is at desktop width, the customer at phone width, both at once.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { labelledPdf, uploadDocument } from './pdf';
import { baseUrl, invitationLink, newCustomer } from './api';
import { WAIT_MS, drawSignature, expectAccessible, followInvitation, shot, useChromium } from './browser';

const chromium = useChromium();

const pdf = (title: string) => labelledPdf(title, [['Full name:', 72, 205], ['Signature:', 72, 140], ['Agent:', 420, 180]]);

/** The admin adds a template (Customer, then Agent) to Assets; returns its id. */
async function createTemplate(name: string): Promise<string> {
  const definition = {
    roles: [{ name: 'Customer' }, { name: 'Agent' }],
    signingOrder: 'sequential',
    fields: [
      { id: 'name', type: 'text', page: 1, rect: { x: 150, y: 200, width: 250, height: 20 }, role: 'Customer', required: true, label: 'Full name' },
      { id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' },
      { id: 'agent_sig', type: 'signature', page: 1, rect: { x: 420, y: 120, width: 150, height: 50 }, role: 'Agent', required: true, label: 'Agent signature' },
    ],
  };
  return (await uploadDocument('/api/v1/templates', inject('adminToken'), await pdf(name), definition, { name })).id;
}

/** Marks the page's window; still marked later means it was never reloaded or left. */
const MARK = `parley-${randomBytes(4).toString('hex')}`;
const markWindow = (page: Page) => page.evaluate((m) => void ((globalThis as any).__parleyMark = m), MARK);
const windowMark = (page: Page) => page.evaluate(() => (globalThis as any).__parleyMark as string | undefined);

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

describe('the agent workspace with the customer room', () => {
  it('start a session, send a template, chat both ways; the customer signs on a phone, the agent signs live; the sealed PDF downloads', async () => {
    const templateName = `Loan agreement ${randomBytes(3).toString('hex')}`;
    const templateId = await createTemplate(templateName);
    const customer = newCustomer('Dana Demo');

    // ── The agent signs in with the workspace link and starts a session. ──
    const agent = await chromium.open('desktop');
    await agent.goto(`${baseUrl()}/app/sign-in?token=${encodeURIComponent(inject('agentSignInToken'))}`);
    await agent.waitForURL(`${baseUrl()}/app`);
    await agent.locator('#start-form').waitFor();
    await expectAccessible(agent);
    await shot(agent, 'workspace-list');

    expect(await agent.locator('#start-submit').isDisabled(), 'the start button (single active session is off in the demo org)').toBe(false);
    await agent.locator('#start-name').fill(customer.name);
    await agent.locator('#start-email').fill(customer.email);
    await agent.locator('#start-submit').click();
    await agent.waitForURL(/\/app\/sessions\/ses_[0-9A-Za-z]{16}$/);
    const sessionId = new URL(agent.url()).pathname.split('/').pop()!;
    await agent.locator('#ws-head h1').getByText(customer.name).waitFor();
    await agent.locator('#ws-conn').getByText('Live updates: on').waitFor();
    await markWindow(agent);
    const customerId = (await agent.locator('#ws-head [data-presence-for]').getAttribute('data-presence-for'))!;
    const headPresence = agent.locator(`#ws-head [data-presence-for="${customerId}"]`);
    expect(await headPresence.getAttribute('data-online')).toBe('0');
    await expectAccessible(agent);
    await shot(agent, 'workspace-session-started');

    // ── Send the template from Assets; its bubble appears, waiting for the customer. ──
    await agent.locator(`#template-select option[value="${templateId}"]`).waitFor({ state: 'attached' });
    await agent.locator('#template-select').selectOption(templateId);
    await agent.locator('#template-send').click();
    const bubble = agent.locator(`#ws-items li.ws-bubble[data-name="${templateName}"]`);
    await bubble.waitFor();
    const itemId = (await bubble.getAttribute('id'))!.replace(/^item-/, '');
    expect(itemId).toMatch(/^itm_[0-9A-Za-z]{16}$/);
    await bubble.locator('.ws-bubble-meta').getByText(`waiting for ${customer.name} (Customer)`).waitFor();
    expect(await bubble.getAttribute('class')).not.toMatch(/\bdone\b/);
    expect(await agent.locator(`#tool-${itemId}-sign`).count(), 'no agent signing before the customer').toBe(0);

    // ── The customer opens the invitation from the outbox on a phone. ──
    const link = await invitationLink(sessionId);
    const room = await chromium.open('phone');
    await followInvitation(room, link);
    // The next-step card and the item list both link to it.
    const docLink = room.locator(`a[href="/room/documents/${itemId}"]`).first();
    await docLink.waitFor();
    await headPresence.locator('.ws-presence-text').getByText('Online').waitFor();
    expect(await headPresence.getAttribute('data-online')).toBe('1');

    // ── Chat both ways, live on both sides. ──
    const fromAgent = `Hello from the workspace ${randomBytes(3).toString('hex')}`;
    await agent.locator('#chat-text').fill(fromAgent);
    await agent.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
    await agent.locator('#ws-messages li[data-id]', { hasText: fromAgent }).waitFor();
    expect(await agent.locator('#chat-text').inputValue(), 'the workspace clears the message after sending').toBe('');
    await room.locator('#messages li', { hasText: fromAgent }).waitFor();

    const fromCustomer = `Hi, reading it now ${randomBytes(3).toString('hex')}`;
    await room.locator('#chat-text').fill(fromCustomer);
    await room.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
    await room.locator('#messages li', { hasText: fromCustomer }).waitFor();
    const customerLine = agent.locator('#ws-messages li[data-id]', { hasText: fromCustomer });
    await customerLine.waitFor();
    expect(await customerLine.locator('.who').textContent()).toBe(`${customer.name}:`);
    await shot(room, 'workspace-room-chat');
    await shot(agent, 'workspace-session-chat');

    // ── The customer opens the document, consents, fills, draws and finishes. ──
    await docLink.click();
    await room.waitForURL(`**/room/documents/${itemId}`);
    await room.locator('.field.mine').first().waitFor();
    await room.getByRole('button', { name: 'I agree to do business electronically' }).click();
    await room.locator('.field[data-field-id="name"]').click();
    await room.locator('#field-value').fill(customer.name);
    await room.locator('#field-save').click();
    await room.locator('.field[data-field-id="name"].filled').waitFor();
    await room.locator('.field[data-field-id="sig"]').click();
    await drawSignature(room);
    await room.locator('#field-save').click();
    await room.locator('.field[data-field-id="sig"].filled').waitFor();
    await room.getByRole('button', { name: 'Finish and sign' }).click();
    await room.locator('#doc-status').getByText('Waiting for Agent.').waitFor();
    await shot(room, 'workspace-room-signed');

    // The agent's page, live: waiting for the agent, the customer online, "Sign as agent".
    await bubble.locator('.ws-bubble-meta').getByText('waiting for you').waitFor();
    const signTool = agent.locator(`#tool-${itemId}-sign`);
    await signTool.getByText('Sign as agent').waitFor();
    expect(await bubble.getAttribute('class')).not.toMatch(/\bdone\b/);
    await agent.locator(`#ws-head [data-presence-for="${customerId}"][data-online="1"]`).waitFor();
    await agent.locator(`#person-${customerId} .ws-presence-text`).getByText('Online', { exact: true }).waitFor();
    expect(await windowMark(agent), 'the session page was never reloaded').toBe(MARK);
    await expectAccessible(agent);
    await shot(agent, 'workspace-session-agent-turn');

    // ── The agent signs as agent in a second tab; the first one stays put. ──
    const href = (await signTool.getAttribute('href'))!;
    expect(href).toBe(`/app/sessions/${sessionId}/documents/${itemId}`);
    const signPage = await agent.context().newPage();
    await signPage.goto(baseUrl() + href);
    const form = signPage.locator('#doc-form');
    await form.waitFor();
    await expectAccessible(signPage);
    await signPage.locator('#f-agent_sig').fill('Alex Agent');
    await shot(signPage, 'workspace-sign-as-agent');
    await form.getByRole('button', { name: 'Sign and finish' }).click();
    await signPage.waitForURL(`${baseUrl()}/app/sessions/${sessionId}`);

    // The untouched session page turns the bubble to a check mark live; the room completes too.
    await agent.locator(`#item-${itemId}.done[data-status="completed"]`).waitFor();
    expect((await bubble.locator('.ws-mark').textContent())?.trim()).toBe('✓');
    await agent.locator(`#tool-${itemId}-forward`).waitFor();
    expect(await signTool.count(), 'nothing left for the agent to sign').toBe(0);
    expect(await windowMark(agent), 'the session page was never reloaded').toBe(MARK);
    await room.locator('#doc-status').getByText('Everyone has signed').waitFor();
    await shot(agent, 'workspace-session-completed');
    await shot(room, 'workspace-room-completed');
    await signPage.close();

    // ── The sealed PDF downloads from the workspace. ──
    const [download] = await Promise.all([agent.waitForEvent('download', { timeout: WAIT_MS }), agent.locator(`#tool-${itemId}-download`).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readAll(await download.createReadStream());
    const text = new TextDecoder('latin1').decode(bytes);
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toContain('ETSI.CAdES.detached');
    expect(await windowMark(agent), 'downloading did not leave the session page').toBe(MARK);
  });
});
