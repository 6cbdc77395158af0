// The customer's room in a real browser: the invitation link from the outbox
// opens it, and what the agent does through the API shows up live (over the
// room's WebSocket, without a reload), at phone and at desktop width.
import type { Page } from 'playwright-core';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { agentView, baseUrl, customerOnline, eventually, newCustomer, postMessage, sendItem, startSession, type Started } from './api';
import { VIEWPORTS, WAIT_MS, expectAccessible, followInvitation, shot, useChromium, type Viewport } from './browser';

const chromium = useChromium();
const nonce = () => randomBytes(3).toString('hex');

/**
 * An agent starts a session; the customer opens the invitation link in a
 * fresh browser and is in the room once its live socket is open (the agent
 * sees them online). Marks the page, so a test can prove it never reloaded.
 */
async function customerJoins(viewport: Viewport, customer = newCustomer()): Promise<{ page: Page; session: Started }> {
  const session = await startSession(customer);
  const page = await chromium.open(viewport);
  const res = await followInvitation(page, session.link);
  expect(res?.status(), 'the room page after the invitation redirect').toBe(200);
  await page.getByRole('heading', { level: 1, name: `Welcome, ${customer.name}` }).waitFor();
  await customerOnline(session.sessionId, session.customerId);
  await page.evaluate(() => ((globalThis as unknown as { e2eSamePage: boolean }).e2eSamePage = true));
  return { page, session };
}

async function stillSamePage(page: Page) {
  expect(await page.evaluate(() => (globalThis as unknown as { e2eSamePage?: boolean }).e2eSamePage), 'the page was not reloaded').toBe(true);
}

describe.each(VIEWPORTS)('the customer room (%s)', (viewport) => {
  it('the invitation link first shows its one button, binding nothing, and is accessible', async () => {
    const session = await startSession(newCustomer());
    const page = await chromium.open(viewport);
    const res = await page.goto(session.link);
    expect(res?.status()).toBe(200);
    await page.getByRole('button', { name: 'Open my secure room' }).waitFor();
    expect((await page.context().cookies()).map((c) => c.name)).not.toContain('__Host-parley_room');
    await expectAccessible(page);
    await shot(page, 'join');
  });

  it('opens from the invitation link, leaves no secret in the address bar, and is accessible', async () => {
    const { page, session } = await customerJoins(viewport);

    // The link set the room cookie and redirected: only /room is left.
    expect(page.url()).toBe(`${baseUrl()}/room`);
    const secret = new URL(session.link).pathname.split('/').pop()!;
    expect(page.url()).not.toContain(secret);
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === '__Host-parley_room')?.httpOnly).toBe(true);

    await page.locator('#next-step').getByText('Nothing to do yet — your agent will add it here').waitFor();
    expect(await page.locator('#agent-status').textContent()).toMatch(/^(Online now|Offline)/);
    await expect(page.locator('#chat-form').isVisible()).resolves.toBe(true);
    await expectAccessible(page);
    await shot(page, 'room-joined');
  });

  it('carries chat both ways without a reload', async () => {
    const { page, session } = await customerJoins(viewport);

    const fromAgent = `Hello Dana, I have sent you the forms (${nonce()})`;
    await postMessage(session.sessionId, fromAgent);
    const agentLine = page.locator('#messages li', { hasText: fromAgent });
    await agentLine.waitFor();
    // Theirs at the inline start, signed with the agent's name (the one the header shows).
    expect(await agentLine.getAttribute('class')).toBe('bubble');
    expect(await page.locator('#agent-name').textContent()).toContain((await agentLine.locator('.who').textContent())!);

    const fromCustomer = `Thanks, I will look now (${nonce()})`;
    await page.locator('#chat-text').fill(fromCustomer);
    await page.locator('#chat-form').getByRole('button', { name: 'Send' }).click();
    const ownLine = page.locator('#messages li', { hasText: fromCustomer });
    await ownLine.waitFor();
    expect(await ownLine.getAttribute('class'), 'mine at the inline end').toBe('bubble mine');
    expect(await ownLine.locator('.receipt').textContent()).toMatch(/✓/);
    expect(await page.locator('#chat-text').inputValue(), 'the input is cleared after sending').toBe('');
    expect(await page.locator('#chat-error').textContent()).toBe('');

    // The agent reads it through the API.
    const seen = await eventually('the customer message in the agent view', async () => {
      const view = await agentView(session.sessionId);
      return view.messages.find((m) => m.text === fromCustomer);
    });
    expect(seen.author).toEqual({ kind: 'participant', id: session.customerId });

    await stillSamePage(page);
    await expectAccessible(page);
    await shot(page, 'room-chat');
  });

  it('shows an item the agent sends without a reload', async () => {
    const { page, session } = await customerJoins(viewport);
    await page.locator('#next-step').getByText('Nothing to do yet — your agent will add it here').waitFor();

    const name = `Confirm your address ${nonce()}`;
    await sendItem(session.sessionId, 'task', name);
    const card = page.locator('#items li.card', { hasText: name });
    await card.waitFor();
    expect(await card.locator('.status').textContent()).toBe('Waiting for you');
    await page.locator('#next-step').getByText(`To do: ${name}`).waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#progress-text').textContent()).toBe('0 of 1 done');
    await expectAccessible(page);
    await shot(page, 'room-item');

    // A task has no page: the customer marks it done on the room page, and the room ticks it live.
    await page.locator('#next-step').getByRole('button', { name: 'Mark as done' }).click();
    await page.locator('#next-step').getByText('All done').waitFor({ timeout: WAIT_MS });
    expect(await card.locator('.status').textContent()).toBe('Done');
    expect(await page.locator('#progress-text').textContent()).toBe('1 of 1 done');
    await stillSamePage(page);
  });
});
