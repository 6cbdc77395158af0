// The local outbox page (/dev/outbox): each email as its recipient sees it
// (From, To, Subject, its HTML in a sandboxed iframe that runs no script),
// each text as a bubble on a phone; its own policy allows the emails' inline
// styles and nothing else more; /dev/outbox.json stays as scripts know it.
import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { emailDocument } from '../../../worker/src/ui/dev-outbox-page';
import { BASE, makeOrg, outboxFor, startSession } from '../../helpers/world';

const get = (path: string) => exports.default.fetch(new Request(BASE + path));

/** The <article> of one message on the page. */
function articleOf(html: string, outboxId: string): string {
  const start = html.indexOf(`data-outbox="${outboxId}"`);
  expect(start, `no article for ${outboxId}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</article>', start));
}

/** An attribute's value as the browser reads it. */
function attribute(html: string, name: string): string | null {
  const found = new RegExp(`\\s${name}="([^"]*)"`).exec(html);
  if (!found) return null;
  return found[1]!.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** A session's invitation: by email when the customer has an address, else by text. */
async function invited(contact: { email: string } | { phone: string }) {
  const org = await makeOrg('Acme & Sons');
  const s = await startSession(org.alice, { name: 'Cora <Customer>', ...contact });
  const sessionId = s.session.id as string;
  const [message] = await outboxFor(sessionId);
  return { sessionId, message: message! };
}

describe('the local outbox page', () => {
  it('shows an email with its From, To and Subject, and its HTML in a sandboxed frame', async () => {
    const { sessionId, message: email } = await invited({ email: `cora-${crypto.randomUUID()}@example.com` });
    expect(email.channel).toBe('email');
    const res = await get(`/dev/outbox?session=${sessionId}`);
    expect(res.status).toBe(200);
    const article = articleOf(await res.text(), email.id);
    expect(article).toContain('<dt>From</dt><dd>Acme &amp; Sons &lt;no email provider connected&gt;</dd>');
    expect(article).toContain(`<dt>To</dt><dd>${email.recipient}</dd>`);
    expect(article).toContain(`<dd class="ob-subject">${email.subject!.replace(/&/g, '&amp;')}</dd>`);

    const frame = article.slice(article.indexOf('<iframe'), article.indexOf('</iframe>'));
    // Sandboxed: no scripts, no same origin; only its links may open a new tab.
    expect(attribute(frame, 'sandbox')).toBe('allow-popups allow-popups-to-escape-sandbox');
    expect(attribute(frame, 'srcdoc')).toBe(emailDocument(email.body!));
    expect(email.body).toContain('Cora &lt;Customer&gt;'); // the name stays escaped inside the email itself
    expect(attribute(frame, 'title')).toBe(`Email: ${email.subject}`);
    expect(article).toContain(`<a href="${email.link}">`);
  });

  it('shows a text message as a bubble on a phone, from the org\'s sender name', async () => {
    const { sessionId, message: sms } = await invited({ phone: '+14155550142' });
    expect(sms.channel).toBe('sms');
    const article = articleOf(await (await get(`/dev/outbox?session=${sessionId}`)).text(), sms.id);
    expect(article).toContain('<span class="ob-phone-from">Parley</span>');
    expect(article).toContain(`to ${sms.recipient}`);
    const bubble = /<p class="ob-bubble">([^<]*)<\/p>/.exec(article)![1]!;
    expect(bubble.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')).toBe(sms.body);
    expect(article).not.toContain('<iframe');
  });

  it('allows inline styles on this page only, for the emails; scripts stay its own', async () => {
    const csp = (await get('/dev/outbox')).headers.get('Content-Security-Policy')!;
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    for (const path of ['/dev/outbox.json', '/', '/healthz', '/dev/outbox/']) {
      const other = (await get(path)).headers.get('Content-Security-Policy')!;
      expect(other, path).toContain("style-src 'self';");
    }
  });

  it('keeps /dev/outbox.json as scripts and the e2e tests read it', async () => {
    const { sessionId, message: email } = await invited({ email: `cora-${crypto.randomUUID()}@example.com` });
    const json = await (await get(`/dev/outbox.json?session=${sessionId}`)).json<{ messages: Array<Record<string, unknown>> }>();
    const row = json.messages.find((m) => m.id === email.id)!;
    expect(Object.keys(row).sort()).toEqual(
      ['attempts', 'body', 'channel', 'created_at', 'id', 'kind', 'last_error', 'link', 'note', 'org_id', 'participant_id', 'provider_id', 'recipient', 'recipient_key', 'sender', 'session_id', 'status', 'subject', 'tried_at', 'updated_at'].sort(),
    );
    expect(row).toMatchObject({ channel: 'email', recipient: email.recipient, subject: email.subject, body: email.body, link: email.link, note: null });
  });
});
