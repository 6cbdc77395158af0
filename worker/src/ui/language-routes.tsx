// POST /room/language: the language menu of every room page (language-menu.tsx)
// as a plain form, so it works before (or without) the page's script. The
// choice is stored for the participant the room cookie names (room/language.ts),
// then the browser goes back where it was: `back` is a path of the room on
// this site (/room, /room/documents/…), anything else sends it to /room, so
// the form can never be turned into a redirect to another site.
import { Hono, type Context } from 'hono';
import type { AppEnv } from '../api/context';
import { roomCallerOf } from '../api/room-caller';
import { translatorFor } from '../i18n/catalogue';
import { localeOf } from '../i18n/locales';
import { customerLocale } from './customer-locale';
import { NoticePage } from './layout';
import { sameOrigin } from './room-pages';

export const languageRoutes = new Hono<AppEnv>();

export const LANGUAGE_PATH = '/room/language';
const HOME = '/room';

/**
 * Where to go after the choice: a same-site path of the room, else /room.
 * The check is on the URL the browser would resolve, so "//evil.example",
 * "/\evil.example" or "/room/../app" cannot slip through.
 */
export function backPath(back: unknown): string {
  if (typeof back !== 'string' || back.length > 500 || !back.startsWith('/') || /[\\\s]/.test(back)) return HOME;
  const base = 'https://parley.invalid';
  let url: URL;
  try {
    url = new URL(back, base);
  } catch {
    return HOME;
  }
  if (url.origin !== base) return HOME;
  if (url.pathname !== HOME && !url.pathname.startsWith(`${HOME}/`)) return HOME;
  // The join and language addresses are steps, not pages to come back to.
  if (url.pathname.startsWith('/room/join/') || url.pathname === LANGUAGE_PATH || url.pathname.startsWith('/room/api/')) return HOME;
  return `${url.pathname}${url.search}`;
}

languageRoutes.post(LANGUAGE_PATH, async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const back = backPath(form['back']);
  const language = localeOf(typeof form['language'] === 'string' && form['language'].length <= 10 ? form['language'] : null);
  if (!language || form['language'] !== language) return refuse(c, 422, 'entry.language.invalid');
  // Another site's form must not change a customer's language.
  if (!sameOrigin(c)) return refuse(c, 403, 'entry.notice.other_page');
  const caller = roomCallerOf(c);
  // Without a room (no cookie, or the room refuses) there is nothing to store: the page behind says why.
  if (caller) await caller.stub.chooseLanguage(caller.actor, language);
  c.header('Cache-Control', 'no-store');
  return c.redirect(back, 303);
});

function refuse(c: Context<AppEnv>, status: 403 | 422, key: string) {
  const t = translatorFor(customerLocale(c, null));
  return c.html(<NoticePage locale={t.locale} title={t('common.language')} message={t(key)} />, status);
}
