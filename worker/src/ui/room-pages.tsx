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
import type { Result } from '../errors';
import type { Locale } from '../i18n/locales';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { localeFromAcceptLanguage } from '../i18n/locales';
import { JoinPage } from './join-page';
import { OtpPage } from './otp-page';
import { NoticePage } from './layout';
import { RoomPage } from './room-page';
import { customerLocale } from './customer-locale';
import { DocumentPage } from './room-document-page';
import { RequestPage } from './room-request-page';
import { PaymentPage } from './room-payment-page';
import { RoomReviewPage } from './room-review-page';
import { stripeJsUrl } from '../payments/stripe-js';
import { MIN_PICTURE_SIDE } from '../room/document-requests';
import { translatorFor } from '../i18n/catalogue';

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
      return accessNotice(c, r.code);
    }
    return openYourInvitation(c);
  }
  return c.html(<RoomPage t={translatorFor(customerLocale(c, r.value.me.language))} room={r.value} />);
});

// An item's own page in the room: a document, a request, a payment. Each is
// read beside the room (its brand, access and language) and answered the same
// way when the caller, the room or the item is not there.
roomPages.get('/room/documents/:itemId', (c) =>
  itemPage(c, 'entry.notice.no_document', (stub, actor, itemId) => stub.document(actor, itemId), (view, room, locale) => (
    <DocumentPage t={translatorFor(locale)} locale={locale} view={view} room={room} version={room.session.version} />
  )),
);

roomPages.get('/room/requests/:itemId', (c) =>
  itemPage(c, 'entry.notice.no_request', (stub, actor, itemId) => stub.documentRequest(actor, itemId), (view, room, locale) => (
    <RequestPage t={translatorFor(locale)} locale={locale} view={view} room={room} version={room.session.version} minSide={MIN_PICTURE_SIDE} />
  )),
);

roomPages.get('/room/payments/:itemId', (c) =>
  itemPage(c, 'entry.notice.no_payment', (stub, actor, itemId) => stub.payment(actor, itemId), (target, room, locale) => (
    <PaymentPage t={translatorFor(locale)} locale={locale} view={target.view} room={room} version={room.session.version} stripeJs={stripeJsUrl(c.env)} />
  )),
);

roomPages.get('/room/reviews/:itemId', (c) =>
  itemPage(c, 'entry.notice.no_review', (stub, actor, itemId) => stub.review(actor, itemId), (view, room, locale) => (
    <RoomReviewPage t={translatorFor(locale)} locale={locale} view={view} room={room} version={room.session.version} />
  )),
);

type Caller = NonNullable<ReturnType<typeof roomCallerOf>>;
type NotFoundKey = 'entry.notice.no_document' | 'entry.notice.no_request' | 'entry.notice.no_payment' | 'entry.notice.no_review';

async function itemPage<T>(
  c: Context<AppEnv>,
  notFoundKey: NotFoundKey,
  load: (stub: Caller['stub'], actor: Caller['actor'], itemId: string) => Promise<Result<T>>,
  render: (value: T, room: ParticipantRoomView, locale: Locale) => JSX.Element,
) {
  const itemId = c.req.param('itemId') ?? '';
  const caller = roomCallerOf(c);
  if (!caller) return openYourInvitation(c);
  if (!isId('item', itemId)) return notFoundPage(c, notFoundKey);
  const [item, room] = await Promise.all([load(caller.stub, caller.actor, itemId), caller.stub.participantRoom(caller.actor)]);
  if (!room.ok) {
    if (room.redirectUrl) return c.redirect(room.redirectUrl, 302);
    return room.status === 403 ? accessNotice(c, room.code) : openYourInvitation(c);
  }
  if (!item.ok) return notFoundPage(c, notFoundKey);
  return c.html(render(item.value, room.value, customerLocale(c, room.value.me.language)));
}

/** The link's own participant and a live link, or the page that says why not. */
async function linkOf(c: Context<AppEnv>, secret: string): Promise<LinkRow | Response> {
  const link = await findLink(c.env.DB, await hashLinkSecret(secret));
  if (!link) return invalidLink(c);
  if (link.revoked_at !== null) {
    // Replaced by a newer invitation, or withdrawn (a person the CRM asked Parley to forget): the page says neither more than it must.
    const t = pageTranslator(c, link.language);
    return c.html(<NoticePage locale={t.locale} title={t('entry.notice.replaced')} message={t('entry.notice.replaced_message')} />, 410);
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
  return c.html(<JoinPage t={pageTranslator(c, link.language)} orgName={link.org_name} action={c.req.path} />);
}

/** POST: the person pressed the button ('open'), typed the one-time code ('code') or asked for a new one ('new_code'). */
async function enter(c: Context<AppEnv>, secret: string, step: 'open' | 'code' | 'new_code' = 'open') {
  if (!sameOrigin(c)) {
    const t = pageTranslator(c);
    return c.html(<NoticePage locale={t.locale} title={t('entry.notice.open_invitation')} message={t('entry.notice.other_page')} />, 403);
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
export function sameOrigin(c: Context<AppEnv>): boolean {
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
    // A participant with no language yet keeps the browser's, so later reminders speak it.
    browserLanguage: localeFromAcceptLanguage(c.req.header('Accept-Language')),
  });
  if (!r.ok) return invalidLink(c);
  const result = r.value;
  if (result.outcome === 'code_needed') {
    noStore(c);
    if (result.refusal?.status === 429) c.header('Retry-After', '60');
    return c.html(<OtpPage t={pageTranslator(c, link.language)} orgName={link.org_name} purpose={result.purpose} sent={result.sent} refusal={result.refusal} action={step.codeAction} />, result.refusal?.status ?? 200);
  }
  if (result.outcome === 'denied') return deniedPage(c, result.access, link.language);
  setCookie(c, ROOM_COOKIE, formatRoomCookie({ sessionId: link.session_id, participantId: link.participant_id, deviceToken: result.deviceToken }), ROOM_COOKIE_OPTIONS);
  noStore(c);
  return c.redirect('/room', 303);
}

/** The link's pages and answers are never kept by a cache, nor their address sent on as a referrer. */
function noStore(c: Context<AppEnv>) {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

/**
 * The notice pages speak the link's participant's language when the page
 * knows it (the link row carries it), else the browser's. A page without a
 * link (a bad link, a missing room cookie) has only the browser's.
 */
const pageTranslator = (c: Context<AppEnv>, own: string | null = null) => translatorFor(customerLocale(c, own));

function tooManyPage(c: Context<AppEnv>, _refused: RateLimited) {
  noStore(c);
  const t = pageTranslator(c);
  return c.html(<NoticePage locale={t.locale} title={t('entry.notice.too_many')} message={t('entry.error.rate_limited')} detail={t('entry.notice.too_many_detail')} />, 429);
}

/** The room will not open (access_<reason>, room/access.ts): why, in the customer's words. */
function accessNotice(c: Context<AppEnv>, code: string, own: string | null = null) {
  const t = pageTranslator(c, own);
  const message = t.has(`entry.error.${code}`) ? t(`entry.error.${code}`) : t('entry.error.access_ended');
  const title = code === 'access_not_invited' ? t('entry.notice.not_started') : t('entry.notice.expired');
  return c.html(<NoticePage locale={t.locale} title={title} message={message} detail={t('entry.notice.kept')} />, 410);
}

function deniedPage(c: Context<AppEnv>, access: Access, own: string | null) {
  if (access.redirectUrl) return c.redirect(access.redirectUrl, 302);
  return accessNotice(c, `access_${access.reason}`, own);
}

function openYourInvitation(c: Context<AppEnv>) {
  const t = pageTranslator(c);
  return c.html(<NoticePage locale={t.locale} title={t('entry.notice.open_invitation')} message={t('entry.notice.open_invitation_message')} />, 401);
}

function invalidLink(c: Context<AppEnv>) {
  const t = pageTranslator(c);
  return c.html(<NoticePage locale={t.locale} title={t('entry.notice.invalid_link')} message={t('entry.notice.invalid_link_message')} />, 404);
}

/** An item that is not there, or not this customer's: the page says only that. */
function notFoundPage(c: Context<AppEnv>, messageKey: NotFoundKey) {
  const t = pageTranslator(c);
  return c.html(<NoticePage locale={t.locale} title={t('entry.notice.not_found')} message={t(messageKey)} />, 404);
}

