// @vitest-environment jsdom
// The admin page's script (/assets/admin.js) on the messaging section, in a
// DOM: the page as the server renders it, fetch answering as
// PATCH /api/v1/settings/messaging does (answers checked against the
// contract). What is sent (JSON, this channel only, an empty secret left
// out), where a 422's issues land, and the saved state shown and announced.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { messagingProvidersAnswerSchema, type MessagingProvidersView } from '../../../worker/src/contract/messaging';
import { DEFAULT_SETTINGS } from '../../../worker/src/domain/settings';
import { DEFAULT_NOTIFICATION_SETTINGS, notificationSettingsSchema } from '../../../worker/src/domain/notification-settings';
import type { Locale } from '../../../worker/src/i18n/locales';
import { OrgSettingsPage } from '../../../worker/src/ui/workspace/admin-settings';
import { queuedApi } from '../../helpers/queued-api';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own tsconfig (the browser's DOM).
const ADMIN_SCRIPT: string = '../../../worker/src/ui/client/admin';

/** The little of jsdom's DOM this file uses (the tests' tsconfig has no DOM library: the Worker's types would clash with it). */
interface El {
  id: string;
  hidden: boolean;
  value: string;
  textContent: string | null;
  dataset: Record<string, string | undefined>;
  innerHTML: string;
  querySelector(selector: string): El | null;
  querySelectorAll(selector: string): Iterable<El>;
  getAttribute(name: string): string | null;
  hasAttribute(name: string): boolean;
  setAttribute(name: string, value: string): void;
  dispatchEvent(event: Event): boolean;
  click(): void;
}
const document = (globalThis as unknown as { document: { documentElement: El; body: El; activeElement: El | null; getElementById(id: string): El } }).document;

const BASE = 'https://parley.test';
const ORG = 'org_Test0000000000';
const SID = `AC${'1a'.repeat(16)}`;
const TOKEN = '7c'.repeat(16);
const MG = `MG${'2b'.repeat(16)}`;

const NONE: MessagingProvidersView = {
  sms: { connected: 'none', accountSid: null, fromNumber: null, messagingServiceSid: null, inboundWebhookUrl: `${BASE}/hooks/twilio/inbound` },
  email: { connected: 'none', fromAddress: null, webhookSecretSet: false, webhookUrl: `${BASE}/hooks/email`, ownWebhookUrl: `${BASE}/hooks/email/${ORG}` },
};
const withSms = (sms: Partial<MessagingProvidersView['sms']>, from: MessagingProvidersView = NONE): MessagingProvidersView => ({ ...from, sms: { ...from.sms, ...sms } });
const withEmail = (email: Partial<MessagingProvidersView['email']>, from: MessagingProvidersView = NONE): MessagingProvidersView => ({ ...from, email: { ...from.email, ...email } });

/** What fetch answers next, in order; each call is recorded. */
const api = queuedApi();
const { answers, calls } = api;

async function renderPage(messaging: MessagingProvidersView, textsLanguage: Locale = 'en') {
  const page = OrgSettingsPage({
    agent: { id: 'agt_1', orgId: ORG, teamId: null, email: 'ada@acme.example', name: 'Ada Admin', role: 'admin', orgName: 'Acme' },
    settings: DEFAULT_SETTINGS,
    disclosure: { text: 'You agree to do business electronically.', custom: false },
    sealing: { certificate: { commonName: 'Parley', custom: false }, tsaUrl: null },
    messaging,
    notifications: DEFAULT_NOTIFICATION_SETTINGS,
    textsLanguage,
  });
  const html = String(await page!.toString());
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  const body = /<body([^>]*)>/.exec(html)![1]!;
  for (const [, name, value] of body.matchAll(/([a-z-]+)="([^"]*)"/g)) document.body.setAttribute(name!, value!);
}

const $ = (id: string) => document.getElementById(id);
const input = $;
/** The state sentence shown in a "who sends" line. */
const shown = (id: string) => [...$(id).querySelectorAll('[data-connected]')].filter((s) => !s.hidden).map((s) => s.dataset.connected);
const facts = (id: string) => Object.fromEntries([...$(id).querySelectorAll('[data-fact]')].filter((r) => !r.hidden).map((r) => [r.dataset.fact, r.querySelector('dd')!.textContent]));
const settle = () => new Promise((r) => setTimeout(r, 0));
async function submit(id: string) {
  $(id).dispatchEvent(new Event('submit', { cancelable: true, bubbles: true }));
  for (let i = 0; i < 5; i++) await settle();
}
async function click(id: string) {
  $(id).click();
  for (let i = 0; i < 5; i++) await settle();
}
function type(id: string, value: string) {
  input(id).value = value;
  input(id).dispatchEvent(new Event('input', { bubbles: true }));
}
const answer = (view: MessagingProvidersView) => answers.push({ status: 200, body: messagingProvidersAnswerSchema.parse({ messaging: view }) });

beforeAll(() => vi.stubGlobal('fetch', api.fetch));
afterAll(() => vi.unstubAllGlobals());
beforeEach(api.reset);

describe('the message texts', () => {
  it("show one language at a time, and save only the texts changed in it, under that language", async () => {
    await renderPage(NONE, 'es');
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    expect(input('texts-invitation-emailSubject').value).toBe(DEFAULT_NOTIFICATION_SETTINGS.languages.es.invitation.emailSubject);
    expect($('texts-form').getAttribute('dir')).toBe('ltr');
    type('texts-reminder-smsLong', '{orgName}: aún te esperan unas cosas.');
    const settings = notificationSettingsSchema.parse(DEFAULT_NOTIFICATION_SETTINGS);
    answers.push({ status: 200, body: { settings, defaults: DEFAULT_NOTIFICATION_SETTINGS, placeholders: [], limits: {} } });
    await submit('texts-form');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/api/v1/settings/notifications', method: 'PATCH' });
    expect(calls[0]!.body).toEqual({ languages: { es: { reminder: { smsLong: '{orgName}: aún te esperan unas cosas.' } } } });
    expect($('texts-status').textContent).toBe('Saved.');
  });

  it('shows a refusal at the text it names', async () => {
    await renderPage(NONE, 'he');
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    expect($('texts-form').getAttribute('dir')).toBe('rtl');
    type('texts-invitation-emailHtml', '<p>שלום</p>');
    const field = 'body.languages.he.invitation.emailHtml';
    answers.push({ status: 422, body: { error: { code: 'invalid_request', message: `${field}: must contain {link}`, issues: [{ field, message: 'must contain {link}, or the customer has no way into the room' }] } } });
    await submit('texts-form');
    expect(calls[0]!.body).toEqual({ languages: { he: { invitation: { emailHtml: '<p>שלום</p>' } } } });
    expect($('texts-invitation-emailHtml-err').textContent).toBe('Must contain {link}, or the customer has no way into the room.');
  });
});

describe('the Twilio form', () => {
  it('connects an account: sends this channel only, as JSON, then shows and announces what is saved', async () => {
    await renderPage(NONE);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    expect(shown('sms-who')).toEqual(['none']);

    type('sms-account-sid', ` ${SID} `);
    type('sms-auth-token', TOKEN);
    type('sms-from-number', '+14155550123');
    answer(withSms({ connected: 'org', accountSid: SID, fromNumber: '+14155550123' }));
    await submit('sms-form');

    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ url: '/api/v1/settings/messaging', method: 'PATCH', headers: { 'X-Parley-App': '1', 'Content-Type': 'application/json' } });
    expect(calls[0]!.body).toEqual({ sms: { accountSid: SID, authToken: TOKEN, fromNumber: '+14155550123', messagingServiceSid: null } });
    expect(shown('sms-who')).toEqual(['org']);
    expect(facts('sms-facts')).toEqual({ accountSid: SID, fromNumber: '+14155550123' });
    expect(input('sms-auth-token').value).toBe('');
    expect(input('sms-account-sid').value).toBe(SID);
    expect($('sms-auth-token-keep').textContent).toBe('Leave empty to keep the current one.');
    expect($('sms-disconnect').hidden).toBe(false);
    expect($('sms-status').textContent).toBe(`Twilio account ${SID} saved: texts now go out from it.`);
    // The email side did not move.
    expect(shown('email-who')).toEqual(['none']);
  });

  it('leaves what the admin is typing in the Resend form alone', async () => {
    await renderPage(NONE);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    type('email-from-address', 'half@typed');
    type('sms-account-sid', SID);
    type('sms-auth-token', TOKEN);
    type('sms-from-number', '+14155550123');
    answer(withSms({ connected: 'org', accountSid: SID, fromNumber: '+14155550123' }));
    await submit('sms-form');
    expect(calls[0]!.body).toEqual({ sms: { accountSid: SID, authToken: TOKEN, fromNumber: '+14155550123', messagingServiceSid: null } });
    expect(input('email-from-address').value).toBe('half@typed');
  });

  it('keeps the stored token when left empty for the same account, and says so only for that account', async () => {
    const saved = withSms({ connected: 'org', accountSid: SID, fromNumber: '+14155550123' });
    await renderPage(saved);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    expect($('sms-auth-token-keep').textContent).toBe('Leave empty to keep the current one.');
    type('sms-account-sid', `AC${'3'.repeat(32)}`);
    expect($('sms-auth-token-keep').textContent).toBe('');
    type('sms-account-sid', SID);
    expect($('sms-auth-token-keep').textContent).toBe('Leave empty to keep the current one.');

    type('sms-from-number', '');
    type('sms-messaging-service-sid', MG);
    answer(withSms({ fromNumber: null, messagingServiceSid: MG }, saved));
    await submit('sms-form');
    expect(calls[0]!.body).toEqual({ sms: { accountSid: SID, fromNumber: null, messagingServiceSid: MG } });
    expect(facts('sms-facts')).toEqual({ accountSid: SID, messagingServiceSid: MG });
  });

  it("shows the API's issues at their fields, the API's own field names included, and focuses the first", async () => {
    await renderPage(NONE);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    type('sms-account-sid', `AC${'9'.repeat(32)}`);
    answers.push({
      status: 422,
      body: {
        error: {
          code: 'invalid_request',
          message: 'body.sms.authToken: give the auth token of this account',
          issues: [{ field: 'body.sms.authToken', message: 'give the auth token of this account' }],
        },
      },
    });
    await submit('sms-form');
    expect($('sms-auth-token-err').textContent).toBe('Give the auth token of this account.');
    expect(input('sms-auth-token').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement?.id).toBe('sms-auth-token');
    expect(shown('sms-who')).toEqual(['none']);

    answers.push({
      status: 422,
      body: {
        error: {
          code: 'invalid_request',
          message: '…',
          issues: [
            { field: 'body.sms.fromNumber', message: 'give a fromNumber or a messagingServiceSid: countries that take no sender name need one' },
            { field: 'body.sms.accountSid', message: 'must be a Twilio account SID: AC and 32 hex digits' },
          ],
        },
      },
    });
    await submit('sms-form');
    // Each new try starts clean.
    expect($('sms-auth-token-err').textContent).toBe('');
    expect(input('sms-auth-token').hasAttribute('aria-invalid')).toBe(false);
    expect($('sms-from-number-err').textContent).toMatch(/^Give a fromNumber or a messagingServiceSid/);
    expect($('sms-account-sid-err').textContent).toBe('Must be a Twilio account SID: AC and 32 hex digits.');
    expect(document.activeElement?.id).toBe('sms-from-number');
  });

  it("disconnects: back to Parley's account, or held when there is none, said plainly", async () => {
    const saved = withSms({ connected: 'org', accountSid: SID, fromNumber: '+14155550123' });
    await renderPage(saved);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    answer(withSms({ connected: 'service', accountSid: null, fromNumber: '+14155559999' }));
    await click('sms-disconnect');
    expect(calls[0]!.body).toEqual({ sms: null });
    expect(shown('sms-who')).toEqual(['service']);
    expect(facts('sms-facts')).toEqual({ fromNumber: '+14155559999' });
    expect(input('sms-account-sid').value).toBe('');
    expect($('sms-disconnect').hidden).toBe(true);
    expect($('sms-auth-token-keep').textContent).toBe('');
    expect($('sms-status').textContent).toBe("Your Twilio account is disconnected: texts go out from Parley's Twilio account again.");
    expect(document.activeElement?.id).toBe('sms-account-sid');

    await renderPage(saved);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    answer(NONE);
    await click('sms-disconnect');
    expect(shown('sms-who')).toEqual(['none']);
    expect($('sms-status').textContent).toBe('Your Twilio account is disconnected: no Twilio account is connected, so texts wait as held.');
  });
});

describe('the Resend form', () => {
  it('connects an account, then leaves out empty secrets so the stored ones are kept', async () => {
    await renderPage(NONE);
    vi.resetModules();
    await import(ADMIN_SCRIPT);
    type('email-api-key', 're_OwnKey_1234567890');
    type('email-from-address', 'notices@acme.example');
    const saved = withEmail({ connected: 'org', fromAddress: 'notices@acme.example', webhookSecretSet: false, webhookUrl: `${BASE}/hooks/email/${ORG}` });
    answer(saved);
    await submit('email-form');
    expect(calls[0]!.body).toEqual({ email: { apiKey: 're_OwnKey_1234567890', fromAddress: 'notices@acme.example' } });
    expect(shown('email-who')).toEqual(['org']);
    expect(input('email-api-key').value).toBe('');
    expect($('email-api-key-keep').textContent).toBe('Leave empty to keep the current one.');
    expect($('email-webhook-secret-keep').textContent).toBe('');
    expect($('email-secret-missing').hidden).toBe(false);
    expect($('email-status').textContent).toBe('Resend account saved: emails now go out from it as notices@acme.example. Add its webhook signing secret so that its delivery reports are accepted.');

    type('email-webhook-secret', 'whsec_T3duU2lnbmluZ1NlY3JldA==');
    answer({ ...saved, email: { ...saved.email, webhookSecretSet: true } });
    await submit('email-form');
    expect(calls[1]!.body).toEqual({ email: { fromAddress: 'notices@acme.example', webhookSecret: 'whsec_T3duU2lnbmluZ1NlY3JldA==' } });
    expect($('email-secret-missing').hidden).toBe(true);
    expect($('email-webhook-secret-keep').textContent).toBe('Leave empty to keep the current one.');
    expect(input('email-webhook-secret').value).toBe('');
  });
});
