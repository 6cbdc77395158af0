// Dates, times and amounts in the customer's language and, in the browser,
// their own time zone. The server does not know a customer's time zone: it
// writes <time datetime="…"> in UTC with the zone named, and the room's
// scripts rewrite every such element in local time (localizeTimes, in
// ui/client/room/i18n.ts), so no customer ever reads raw UTC ISO text.
import type { Locale } from './locales';
import { currencyExponent } from '../domain/payment';

/** "2 Dec 2026, 14:05" in the locale's order; timeZone defaults to the runtime's (the browser's own). */
export function formatDateTime(locale: Locale, at: string | number | Date, timeZone?: string): string {
  // dateStyle/timeStyle cannot be combined with timeZoneName (Intl throws): a named zone spells the parts out.
  const options: Intl.DateTimeFormatOptions = timeZone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZone, timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(at));
}

/** "14:05" (or "2:05 PM"): for chat bubbles. */
export function formatTime(locale: Locale, at: string | number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'short', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

/**
 * "120,00 €", "$120.00", "‏120.00 ₪": an amount in minor units of an ISO 4217
 * currency, counted as Stripe counts them (ISK in hundredths, though it is
 * written without decimals), written as the locale writes it.
 */
export function formatAmount(locale: Locale, minorUnits: number, currency: string): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minorUnits / 10 ** currencyExponent(currency));
}
