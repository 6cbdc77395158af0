// The fake Twilio and the fake email provider (test/fakes/), served on
// 127.0.0.1 for a Worker under `wrangler dev`: `PARLEY_FAKE_PROVIDERS=1 npm
// start` and the bench point Parley's service-wide accounts at them, so a
// message goes through every status — queued, sent, delivered or failed —
// with the providers' own callbacks and webhooks, signed as they sign them.
//
// Beside them, a page standing in for the customer's phone and mailbox:
// every text and email the fakes took, with its link, and a form to reply to
// a text as the customer (a signed inbound message, as Twilio posts it); and
// below, what write-back wrote to the fake HubSpot portal.
import { createServer } from 'node:http';
import { FakeResend } from '../../test/fakes/email/fake-resend.ts';
import { serveFakeResend } from '../../test/fakes/email/serve.ts';
import { FakeTwilio } from '../../test/fakes/twilio/fake-twilio.ts';
import { serveFakeTwilio } from '../../test/fakes/twilio/serve.ts';
import { portalSection, serveFakeHubSpotPortal } from './fake-hubspot-portal.mjs';

export const FAKE_TWILIO_ACCOUNT = { sid: `AC${'0'.repeat(31)}1`, token: 'feed'.repeat(8) };
/** Twilio's magic "from" number for test credentials: any message from it is accepted. */
export const FAKE_TWILIO_NUMBER = '+15005550006';
export const FAKE_EMAIL_KEY = 're_local_fake_provider_key';
export const FAKE_FROM_ADDRESS = 'rooms@parley.localhost';

/**
 * Serves both fakes and the phone-and-mailbox page. `parleyUrl`: where the
 * Worker listens (its webhooks). Returns the Worker variables that point
 * Parley at the fakes, and stop().
 */
export async function serveFakeProviders({ parleyUrl, callbackDelayMs = 300 }) {
  const twilio = new FakeTwilio();
  twilio.addAccount(FAKE_TWILIO_ACCOUNT.sid, FAKE_TWILIO_ACCOUNT.token);
  const resend = new FakeResend();
  resend.addApiKey(FAKE_EMAIL_KEY);
  const servedTwilio = await serveFakeTwilio(twilio, { callbackDelayMs });
  const servedResend = await serveFakeResend(resend, { webhookUrl: `${parleyUrl}/hooks/email` });
  const portal = await serveFakeHubSpotPortal();
  const phone = await servePhone({ twilio, resend, hubspot: portal.hubspot, parleyUrl });
  return {
    twilio,
    resend,
    hubspot: portal.hubspot,
    phoneUrl: phone.url,
    vars: {
      TWILIO_ACCOUNT_SID: FAKE_TWILIO_ACCOUNT.sid,
      TWILIO_AUTH_TOKEN: FAKE_TWILIO_ACCOUNT.token,
      TWILIO_FROM_NUMBER: FAKE_TWILIO_NUMBER,
      TWILIO_API_BASE: servedTwilio.url,
      EMAIL_API_KEY: FAKE_EMAIL_KEY,
      EMAIL_FROM_ADDRESS: FAKE_FROM_ADDRESS,
      EMAIL_WEBHOOK_SECRET: resend.webhookSecret,
      EMAIL_API_BASE: servedResend.url,
      ...portal.vars,
    },
    stop: () => Promise.all([servedTwilio.close(), servedResend.close(), portal.stop(), phone.close()]),
  };
}

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
const linkified = (text) => escape(text).replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}">${url}</a>`);

function phonePage({ twilio, resend, hubspot }) {
  const texts = [...twilio.sent].reverse().map(
    (m) => `<tr><td>${escape(m.date_created)}</td><td>${escape(m.to)}</td><td>${escape(m.from ?? m.messaging_service_sid)}</td><td>${linkified(m.body)}</td><td>${escape(m.status)}</td>
      <td><form method="post" action="/reply"><input type="hidden" name="from" value="${escape(m.to)}"><input type="hidden" name="to" value="${escape(m.from ?? '')}">
      <input name="body" placeholder="Reply as the customer (or STOP)" required> <button>Send</button></form></td></tr>`,
  );
  const emails = [...resend.sent].reverse().map((e) => `<tr><td>${escape(new Date(e.at).toISOString())}</td><td>${escape(e.to.join(', '))}</td><td>${escape(e.from)}</td><td><strong>${escape(e.subject)}</strong><br>${linkified(e.text)}</td></tr>`);
  return `<!doctype html><meta charset="utf-8"><title>Customer's phone and mailbox (fake providers)</title>
<style>body{font:14px system-ui;margin:2em}td,th{border-bottom:1px solid #ddd;padding:.4em;text-align:left;vertical-align:top}table{border-collapse:collapse;width:100%}</style>
<h1>Texts (fake Twilio)</h1><table><tr><th>When</th><th>To</th><th>From</th><th>Text</th><th>Status</th><th></th></tr>${texts.join('')}</table>
<h1>Emails (fake email provider)</h1><table><tr><th>When</th><th>To</th><th>From</th><th>Message</th></tr>${emails.join('')}</table>
${portalSection(hubspot)}`;
}

async function servePhone({ twilio, resend, hubspot, parleyUrl }) {
  const server = createServer(async (req, res) => {
    try {
      if (req.method === 'POST' && req.url === '/reply') {
        let body = '';
        for await (const chunk of req) body += chunk;
        const form = new URLSearchParams(body);
        const inbound = await twilio.inbound({ from: form.get('from'), to: form.get('to') || FAKE_TWILIO_NUMBER, body: form.get('body') ?? '' }, `${parleyUrl}/hooks/twilio/inbound`);
        const answer = await fetch(inbound);
        await answer.arrayBuffer();
        res.writeHead(303, { Location: '/' }).end();
        return;
      }
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(phonePage({ twilio, resend, hubspot }));
    } catch (err) {
      res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err?.stack ?? err));
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
