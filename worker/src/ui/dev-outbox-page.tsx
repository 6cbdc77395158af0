// The local outbox page (/dev/outbox, local development only): each message
// as its recipient would see it. An email shows its From, To and Subject, and
// its HTML in a sandboxed iframe (no scripts, its own opaque origin; links
// open in a new tab); a text message shows as a bubble on a phone. Under
// each, the link it carries and what became of it. The page's chrome is for
// the developer, in English; the messages are exactly what was sent.
import type { Channel, OutboxStatus } from '../directory/outbox';
import { Layout } from './layout';

/** A message as the page shows it: opened, or with a note saying why there is nothing to show. */
export interface OutboxView {
  id: string;
  channel: Channel;
  kind: string;
  status: OutboxStatus;
  createdAt: number;
  lastError: string | null;
  /** Who it is from, as the recipient's mail app or phone shows it. */
  from: string;
  to: string;
  subject: string | null;
  body: string | null;
  link: string | null;
  note: string | null;
}

/**
 * The email's HTML as a document of its own. The base target sends a click
 * on its button to a new tab: inside the frame the room would refuse to load
 * (it may not be framed).
 */
export function emailDocument(html: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><base target="_blank"></head><body>${html}</body></html>`;
}

const when = (ms: number) => `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

function Email(props: { m: OutboxView }) {
  const { m } = props;
  return (
    <>
      <dl class="ob-head">
        <dt>From</dt>
        <dd>{m.from}</dd>
        <dt>To</dt>
        <dd>{m.to}</dd>
        <dt>Subject</dt>
        <dd class="ob-subject">{m.subject ?? ''}</dd>
      </dl>
      {m.body !== null ? (
        // No allow-scripts and no allow-same-origin: the email runs nothing and reaches nothing of this page.
        <iframe class="ob-email" sandbox="allow-popups allow-popups-to-escape-sandbox" srcdoc={emailDocument(m.body)} title={`Email: ${m.subject ?? ''}`} />
      ) : (
        <p class="muted ob-note">{m.note}</p>
      )}
    </>
  );
}

function Sms(props: { m: OutboxView }) {
  const { m } = props;
  return (
    <div class="ob-phone">
      <p class="ob-phone-top">
        <span class="ob-phone-from">{m.from}</span>
        <span class="muted">to {m.to}</span>
      </p>
      {m.body !== null ? <p class="ob-bubble">{m.body}</p> : <p class="muted ob-note">{m.note}</p>}
    </div>
  );
}

export function OutboxPage(props: { messages: OutboxView[] }) {
  return (
    <Layout title="Parley outbox (local)" styles={['/assets/outbox.css']}>
      <main class="ob">
        <h1>Outbox (local development)</h1>
        <p class="muted">Messages Parley would send by SMS or email, as the customer would see them. Newest first; JSON at /dev/outbox.json.</p>
        {props.messages.length === 0 ? <p>Nothing sent yet: start a session and its invitation appears here.</p> : null}
        <ol class="ob-list">
          {props.messages.map((m) => (
            <li>
              <article class="ob-msg" data-channel={m.channel} data-outbox={m.id} aria-label={`${m.channel === 'email' ? 'Email' : 'Text message'} to ${m.to}`}>
                <p class="ob-meta">
                  <strong>{m.channel === 'email' ? 'Email' : 'Text message'}</strong> · {m.kind} · {when(m.createdAt)} · <span class="ob-status">{m.status}</span>
                </p>
                {m.channel === 'email' ? <Email m={m} /> : <Sms m={m} />}
                {m.link ? (
                  <p class="ob-link">
                    Link:{' '}
                    <a href={m.link}>
                      <code>{m.link}</code>
                    </a>
                  </p>
                ) : null}
                {m.lastError ? <p class="muted">{m.lastError}</p> : null}
              </article>
            </li>
          ))}
        </ol>
      </main>
    </Layout>
  );
}
