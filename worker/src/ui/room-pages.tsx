// The customer's way in: /room/join/:token and /r/:code. Following a link
// (GET) only shows a page with a button, so mail scanners and link previews
// change nothing; pressing it (a POST to the same address) opens the room:
// the device is bound, the access window starts, the room cookie is set and
// the browser is sent to /room, so the link leaves the address bar. When a
// one-time code is needed first (the org requires it, or a new device takes
// over a single-device room), the press answers the code page instead, whose
// forms post next to the join address (…/code, …/code/new).
import { Hono, type Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../api/context';
import { rateLimit, type RateLimited } from '../api/rate-limit';
import { roomCallerOf } from '../api/room-caller';
import { isId } from '../contract/ids';
import { sessionRoom } from '../room/address';
import { hashLinkSecret, looksLikeCode, looksLikeToken } from '../auth/participant-link';
import { findLink, type LinkRow } from '../directory/participant-links';
import { ROOM_COOKIE, ROOM_COOKIE_OPTIONS, formatRoomCookie, parseRoomCookie } from '../auth/room-cookie';
import type { Access } from '../domain/access';
import type { ParticipantRoomView } from '../contract/session';
import { DOCUMENT_KINDS, DONE_STATUSES, ITEM_STATUS_LABELS } from '../domain/catalogue';
import { accessMessage } from '../room/access';
import { JoinPage } from './join-page';
import { OtpPage } from './otp-page';
import { Layout, NoticePage } from './layout';
import { DocumentPage } from './room-document-page';
import { chatAuthor } from './chat-author';
import { SignerList } from './room-signers';
import { itemSignerLines, signedCountText } from './signer-status';

export const roomPages = new Hono<AppEnv>();

// Both the page and the press count: api/rate-limit.ts explains the numbers.
const joinLimit = rateLimit('roomJoins', { refuse: tooManyPage });
const codeLimit = rateLimit('shortCodes', { refuse: tooManyPage });

roomPages.get('/room/join/:token', joinLimit, (c) => {
  const token = c.req.param('token');
  return looksLikeToken(token) ? showJoin(c, token) : invalidLink(c);
});
roomPages.post('/room/join/:token', joinLimit, (c) => {
  const token = c.req.param('token');
  return looksLikeToken(token) ? enter(c, token) : invalidLink(c);
});
// The code step: the typed code, and "Send a new code".
roomPages.post('/room/join/:token/code', joinLimit, (c) => {
  const token = c.req.param('token');
  return looksLikeToken(token) ? enter(c, token, 'code') : invalidLink(c);
});
roomPages.post('/room/join/:token/code/new', joinLimit, (c) => {
  const token = c.req.param('token');
  return looksLikeToken(token) ? enter(c, token, 'new_code') : invalidLink(c);
});

roomPages.get('/r/:code', codeLimit, (c) => {
  const code = c.req.param('code');
  return looksLikeCode(code) ? showJoin(c, code) : invalidLink(c);
});
roomPages.post('/r/:code', codeLimit, (c) => {
  const code = c.req.param('code');
  return looksLikeCode(code) ? enter(c, code) : invalidLink(c);
});
roomPages.post('/r/:code/code', codeLimit, (c) => {
  const code = c.req.param('code');
  return looksLikeCode(code) ? enter(c, code, 'code') : invalidLink(c);
});
roomPages.post('/r/:code/code/new', codeLimit, (c) => {
  const code = c.req.param('code');
  return looksLikeCode(code) ? enter(c, code, 'new_code') : invalidLink(c);
});

roomPages.get('/room', async (c) => {
  const caller = roomCallerOf(c);
  if (!caller) return openYourInvitation(c);
  const r = await caller.stub.participantRoom(caller.actor);
  if (!r.ok) {
    if (r.status === 403) {
      if (r.redirectUrl) return c.redirect(r.redirectUrl, 302);
      return c.html(<NoticePage title="Session expired" message={`${capitalize(r.message)}.`} detail="Everything sent to you is kept; your agent can renew the session." />, 410);
    }
    return openYourInvitation(c);
  }
  return c.html(<RoomPage room={r.value} />);
});

roomPages.get('/room/documents/:itemId', async (c) => {
  const itemId = c.req.param('itemId');
  const caller = roomCallerOf(c);
  if (!caller) return openYourInvitation(c);
  if (!isId('item', itemId)) return c.html(<NoticePage title="Not found" message="There is no such document in your room." />, 404);
  const [doc, room] = await Promise.all([caller.stub.document(caller.actor, itemId), caller.stub.participantRoom(caller.actor)]);
  if (!room.ok) {
    if (room.redirectUrl) return c.redirect(room.redirectUrl, 302);
    return c.html(<NoticePage title={room.status === 403 ? 'Session expired' : 'Open your invitation'} message={`${capitalize(room.message)}.`} />, room.status === 403 ? 410 : 401);
  }
  if (!doc.ok) return c.html(<NoticePage title="Not found" message="There is no such document in your room." />, 404);
  return c.html(<DocumentPage view={doc.value} mayAct={room.value.may.act} version={room.value.session.version} />);
});

/** The link's own participant and a live link, or the page that says why not. */
async function linkOf(c: Context<AppEnv>, secret: string): Promise<LinkRow | Response> {
  const link = await findLink(c.env.DB, await hashLinkSecret(secret));
  if (!link) return invalidLink(c);
  if (link.revoked_at !== null) {
    // Replaced by a newer invitation, or withdrawn (a person the CRM asked Parley to forget): the page says neither more than it must.
    return c.html(<NoticePage title="This link no longer works" message="It was replaced by a newer invitation or withdrawn. If you still need the room, open the link in the most recent message, or ask the person who invited you." />, 410);
  }
  return link;
}

/** The room cookie this browser holds for the link's participant, if any. */
function cookieFor(c: Context<AppEnv>, link: LinkRow) {
  const existing = parseRoomCookie(getCookie(c, ROOM_COOKIE));
  return existing && existing.sessionId === link.session_id && existing.participantId === link.participant_id ? existing : null;
}

/**
 * GET: the page with the button, changing nothing. A browser whose room cookie
 * already opens this participant's room goes straight in: its device was
 * bound when its person pressed the button, so entering again binds nothing
 * and starts no window (a scanner holds no such cookie). A cookie the room no
 * longer knows (a participant re-invited) gets the page, not a loop.
 */
async function showJoin(c: Context<AppEnv>, secret: string) {
  const link = await linkOf(c, secret);
  if (link instanceof Response) return link;
  const cookie = cookieFor(c, link);
  if (cookie) {
    const stub = sessionRoom(c.env, link.session_id);
    const known = await stub.participantRoom({ kind: 'participant', participantId: cookie.participantId, deviceToken: cookie.deviceToken });
    // 403: the device is known, the access is not: entering answers the page that says so.
    if (known.ok || known.status === 403) return enterWith(c, link, cookie.deviceToken);
  }
  noStore(c);
  return c.html(<JoinPage orgName={link.org_name} action={c.req.path} />);
}

/** POST: the person pressed the button ('open'), typed the one-time code ('code') or asked for a new one ('new_code'). */
async function enter(c: Context<AppEnv>, secret: string, step: 'open' | 'code' | 'new_code' = 'open') {
  if (!sameOrigin(c)) {
    return c.html(<NoticePage title="Open your invitation" message="This button works only on the page your invitation link shows. Please open the link again." />, 403);
  }
  const link = await linkOf(c, secret);
  if (link instanceof Response) return link;
  const codeAction = `${c.req.path.replace(/\/code(\/new)?$/, '')}/code`;
  const deviceToken = cookieFor(c, link)?.deviceToken ?? null;
  if (step === 'open') return enterWith(c, link, deviceToken, { codeAction });
  if (step === 'new_code') return enterWith(c, link, deviceToken, { codeAction, newCode: true });
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const code = typeof form['code'] === 'string' ? form['code'].slice(0, 20) : '';
  return enterWith(c, link, deviceToken, { codeAction, code });
}

/**
 * The form posts from Parley's own page. Browsers say where a POST comes from
 * (Sec-Fetch-Site, Origin); when they do, another site's form is refused.
 * Sec-Fetch-Site comes first: the page's `Referrer-Policy: no-referrer` makes
 * browsers send `Origin: null` even from our own page. The token in the path
 * is the credential, so a client that sends neither (no browser) gains
 * nothing it did not already hold.
 */
function sameOrigin(c: Context<AppEnv>): boolean {
  const site = c.req.header('Sec-Fetch-Site');
  if (site !== undefined) return site === 'same-origin';
  const origin = c.req.header('Origin');
  if (origin === undefined) return true;
  const own = [new URL(c.req.url).origin, originOf(c.env.PUBLIC_URL)];
  return own.includes(origin);
}

const originOf = (url: string) => {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
};

/** The code step's inputs: where its page posts, and the typed code or the ask for a new one. */
interface CodeStep {
  codeAction: string;
  code?: string;
  newCode?: boolean;
}

async function enterWith(c: Context<AppEnv>, link: LinkRow, deviceToken: string | null, step: CodeStep = { codeAction: `${c.req.path}/code` }) {
  const r = await sessionRoom(c.env, link.session_id).enter({
    participantId: link.participant_id,
    deviceToken,
    ip: c.req.header('CF-Connecting-IP') ?? null,
    userAgent: c.req.header('User-Agent')?.slice(0, 300) ?? null,
    code: step.code,
    newCode: step.newCode,
  });
  if (!r.ok) return invalidLink(c);
  const result = r.value;
  if (result.outcome === 'code_needed') {
    noStore(c);
    if (result.refusal?.status === 429) c.header('Retry-After', '60');
    return c.html(<OtpPage orgName={link.org_name} purpose={result.purpose} sent={result.sent} refusal={result.refusal} action={step.codeAction} />, result.refusal?.status ?? 200);
  }
  if (result.outcome === 'denied') return deniedPage(c, result.access);
  setCookie(c, ROOM_COOKIE, formatRoomCookie({ sessionId: link.session_id, participantId: link.participant_id, deviceToken: result.deviceToken }), ROOM_COOKIE_OPTIONS);
  noStore(c);
  return c.redirect('/room', 303);
}

/** The link's pages and answers are never kept by a cache, nor their address sent on as a referrer. */
function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

function tooManyPage(c: Context<AppEnv>, refused: RateLimited) {
  noStore(c);
  return c.html(<NoticePage title="Too many tries" message={`${capitalize(refused.message)}.`} detail="If you opened your invitation, please wait a minute and open it again." />, 429);
}

function deniedPage(c: Context<AppEnv>, access: Access) {
  if (access.redirectUrl) return c.redirect(access.redirectUrl, 302);
  const title = access.reason === 'not_invited' ? 'Not started yet' : 'Session expired';
  return c.html(<NoticePage title={title} message={`${capitalize(accessMessage(access))}.`} detail="Everything sent to you is kept; your agent can renew the session." />, 410);
}

function openYourInvitation(c: Context<AppEnv>) {
  return c.html(<NoticePage title="Open your invitation" message="Open this room from the link in your invitation." />, 401);
}

function invalidLink(c: Context<AppEnv>) {
  return c.html(<NoticePage title="Link not valid" message="This link is not valid. Please check that you opened the whole link from your invitation." />, 404);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** "2026-11-22 10:24 UTC": unambiguous for anyone, anywhere. */
const formatUtc = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/**
 * The participant's private conversation with their agent: its own list and
 * reply box (posting with its threadId), apart from the main chat. Nobody
 * else in the room sees it (room/access.ts canSeeThread).
 */
function PrivateChat({ room, threadId }: { room: ParticipantRoomView; threadId: string }) {
  return (
    <section aria-labelledby="private-h" id="private" data-thread={threadId}>
      <h2 id="private-h">Private with your agent</h2>
      <p class="muted" id="private-note">
        Only you and your agent see these messages; the others in this room do not.
      </p>
      <ul id="private-messages" class="plain chat" aria-live="polite" aria-labelledby="private-h">
        {room.messages.filter((m) => m.threadId === threadId).map((m) => (
          <li class="msg">
            <span class="who">{chatAuthor(m.author, room)}:</span>
            {m.file ? <a href={`/room/api/files/${m.file.id}`}>{m.file.name}</a> : m.text}
          </li>
        ))}
      </ul>
      {room.may.chat ? (
        <form id="private-form" class="row">
          <label for="private-text">Private message to your agent</label>
          <input id="private-text" type="text" maxlength={4000} autocomplete="off" aria-describedby="private-error" />
          <button type="submit">Send privately</button>
          <p id="private-error" role="alert" class="muted" />
        </form>
      ) : (
        <p class="muted">Messages can no longer be sent in this session.</p>
      )}
    </section>
  );
}

function RoomPage({ room }: { room: ParticipantRoomView }) {
  return (
    <Layout title="Your secure room" script="/assets/room.js">
      <main data-version={room.session.version}>
        <h1>Welcome, {room.me.name}</h1>
        <p>
          <span id="agent-presence" class={room.agentOnline ? 'presence online' : 'presence'} aria-hidden="true" />
          <span id="agent-status">{room.agentOnline ? 'Your agent is online' : 'Your agent is offline'}</span>
        </p>
        {room.access.level === 'limited' ? (
          <p class="banner" role="status">
            This session has ended. You can still view and download your documents{room.access.until ? ` until ${formatUtc(room.access.until)}` : ''}, but not complete or sign anything.
          </p>
        ) : null}
        <section aria-labelledby="items-h">
          <h2 id="items-h">Your items</h2>
          <ul id="items" class="plain">
            {room.items.length === 0 ? <li class="muted">Nothing to do yet.</li> : null}
            {room.items.map((i) => (
              <li class="card">
                {DOCUMENT_KINDS.has(i.kind) ? <a href={`/room/documents/${i.id}`}>{i.name}</a> : <span>{i.name}</span>}
                {/* A document's own count, and each signer's status when there is more than one. */}
                {i.signers ? <span class="count">{signedCountText(i.signers)}</span> : null}
                <span class={DONE_STATUSES.has(i.status) ? 'status done' : 'status'}>{ITEM_STATUS_LABELS[i.status]}</span>
                {i.signers && i.signers.length > 1 ? <SignerList lines={itemSignerLines(i.signers, room.me, room.others)} label={`Signers of ${i.name}`} /> : null}
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="people-h">
          <h2 id="people-h">Others in this room</h2>
          <ul id="participants" class="plain">
            {room.others.length === 0 ? <li class="muted">Only you and your agent.</li> : null}
            {room.others.map((p) => (
              <li>
                <span class={p.online ? 'presence online' : 'presence'} aria-hidden="true" />
                {p.name} ({p.roleName}) — {p.online ? 'online' : 'offline'}
                {p.completed ? ', completed' : ''}
              </li>
            ))}
          </ul>
        </section>
        {/* "My contacts": drawn by /assets/room.js (my-contacts.ts) once this customer has assigned someone. */}
        <section id="my-contacts" aria-labelledby="contacts-h" hidden>
          <h2 id="contacts-h">My contacts</h2>
          <p class="muted">The people you asked to take part. Until one of them opens their invitation, you can correct their details and resend it.</p>
          <ul id="contacts-list" class="plain" />
          <p id="contacts-status" role="status" />
        </section>
        <section aria-labelledby="chat-h">
          <h2 id="chat-h">Chat</h2>
          <ul id="messages" class="plain chat" aria-live="polite">
            {room.messages.filter((m) => m.threadId === null).map((m) => (
              <li class="msg">
                <span class="who">{chatAuthor(m.author, room)}:</span>
                {m.file ? <a href={`/room/api/files/${m.file.id}`}>{m.file.name}</a> : m.text}
              </li>
            ))}
          </ul>
          {room.may.chat || room.may.attach ? (
            <form id="chat-form" class="row">
              <label class="visually-hidden" for="chat-text">Message</label>
              <input id="chat-text" type="text" maxlength={4000} autocomplete="off" disabled={!room.may.chat} />
              {room.may.attach ? (
                <>
                  <label class="file-pick" for="chat-file">
                    Attach a photo or file
                    <input id="chat-file" type="file" accept="application/pdf,image/*" capture="environment" />
                  </label>
                </>
              ) : null}
              <button type="submit">Send</button>
              <p id="chat-error" role="alert" class="muted" />
            </form>
          ) : (
            <p class="muted">Chat is not available in this session.</p>
          )}
        </section>
        {room.privateSessionId ? <PrivateChat room={room} threadId={room.privateSessionId} /> : null}
      </main>
    </Layout>
  );
}
