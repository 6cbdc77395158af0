// Copied by connectors/hubspot/app/scripts/copy-catalogue.mjs from worker/src/i18n/locales.ts. Do not edit:
// change the languages, then run `npm run emit:catalogue --workspace connectors/hubspot/app` (a test fails while this copy is out of date).
// The languages a customer's room speaks, and how one is chosen: the
// participant's own (set by the agent or the CRM contact at invitation, or
// by the customer's choice in the room), else the browser's Accept-Language,
// else English. Pure; used by the Worker and the room's scripts alike.
export const LOCALES = ['en', 'es', 'fr', 'de', 'he'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** Each language named in itself, as a language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español', fr: 'Français', de: 'Deutsch', he: 'עברית' };

const RTL: ReadonlySet<Locale> = new Set(['he']);
export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (RTL.has(locale) ? 'rtl' : 'ltr');

/** "es", "es-MX", "ES_mx" → "es"; anything Parley does not speak → null. "iw" is Hebrew's old code, still sent by some Android builds. */
export function localeOf(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const code = base === 'iw' ? 'he' : base;
  return (LOCALES as readonly string[]).includes(code) ? (code as Locale) : null;
}

/** The best of an Accept-Language header's languages that Parley speaks, by q-value then order; null when none. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .slice(0, 20) // a header is a few entries; a crafted one is not read to its end
    .map((part, index) => {
      const [tag, ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { locale: localeOf(tag), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r): r is { locale: Locale; q: number; index: number } => r.locale !== null && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked[0]?.locale ?? null;
}

/** The participant's language when they have one, else the browser's, else English. */
export function pickLocale(own: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return localeOf(own) ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}
