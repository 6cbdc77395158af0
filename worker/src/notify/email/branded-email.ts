// Every email a customer gets (invitations, reminders, new-activity notices,
// one-time codes) in the org's brand: a header with its logo (or its display
// name), its colour as the accent, and a footer saying how to reach support.
// The message's own HTML (the admin's notification texts, or the code) goes in
// the middle untouched; it is wrapped here, in one place, so every kind of
// email looks the same and the texts stay the business of their own modules.
//
// Mail clients ignore stylesheets and strip classes, so everything is inline
// and laid out with one table; the logo is an absolute URL (PUBLIC_URL) since
// it is loaded from the recipient's mail client. Every brand value is escaped:
// the admin typed it, the recipient's client renders it.
import type { BrandView } from '../../contract/branding';
import { escapeHtml } from '../../domain/notification-settings';
import { translatorFor } from '../../i18n/catalogue';
import { directionOf, localeOf, DEFAULT_LOCALE } from '../../i18n/locales';
import type { NewOutboxMessage } from '../outbox';

/** Parley's own accent (parley.css), for an org that set no colour. */
export const PARLEY_ACCENT = '#1F5FBF';
/** The logo's height in the header; its width follows its own proportions. */
const LOGO_HEIGHT = 40;

/** The header: the logo with the display name as its text, or the name alone. */
function header(brand: BrandView, publicUrl: string): string {
  const name = escapeHtml(brand.displayName);
  if (brand.logoUrl) {
    const src = escapeHtml(new URL(brand.logoUrl, publicUrl).href);
    return `<img src="${src}" alt="${name}" height="${LOGO_HEIGHT}" style="display:block;height:${LOGO_HEIGHT}px;width:auto;max-width:240px;border:0">`;
  }
  return `<strong style="font-size:20px;line-height:1.3;color:#1a1a1a">${name}</strong>`;
}

/** The footer: how to reach the org's support, as links; empty when the admin gave no contact. */
function footer(brand: BrandView, language: string | null | undefined): string {
  const ways = [
    brand.supportEmail ? `<a href="mailto:${escapeHtml(brand.supportEmail)}" style="color:#444">${escapeHtml(brand.supportEmail)}</a>` : null,
    brand.supportPhone ? `<a href="tel:${escapeHtml(brand.supportPhone)}" style="color:#444">${escapeHtml(brand.supportPhone)}</a>` : null,
  ].filter((w): w is string => w !== null);
  if (ways.length === 0) return '';
  const t = translatorFor(localeOf(language) ?? DEFAULT_LOCALE);
  const ask = escapeHtml(t('common.brand.support', { name: brand.displayName }));
  return `<p style="margin:0;font-size:13px;line-height:1.5;color:#444">${ask} ${ways.join(' · ')}</p>`;
}

/**
 * The message's HTML inside the org's brand: a full document, in the
 * recipient's language direction (Hebrew right to left).
 */
export function brandedEmailHtml(bodyHtml: string, brand: BrandView, publicUrl: string, language?: string | null): string {
  const locale = localeOf(language) ?? DEFAULT_LOCALE;
  const dir = directionOf(locale);
  const accent = escapeHtml(brand.color ?? PARLEY_ACCENT);
  const foot = footer(brand, language);
  return [
    `<!doctype html><html lang="${locale}" dir="${dir}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(brand.displayName)}</title></head>`,
    `<body style="margin:0;padding:0;background:#f4f5f7">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f5f7"><tr><td align="center" style="padding:16px 8px">`,
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" dir="${dir}" style="max-width:560px;background:#ffffff;border-radius:8px;border-top:4px solid ${accent};font-family:-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1a1a1a;text-align:start">`,
    `<tr><td style="padding:20px 24px 8px">${header(brand, publicUrl)}</td></tr>`,
    `<tr><td style="padding:8px 24px 20px;font-size:16px;line-height:1.5">${bodyHtml}</td></tr>`,
    foot ? `<tr><td style="padding:12px 24px 20px;border-top:1px solid #e3e5e8">${foot}</td></tr>` : '',
    `</table></td></tr></table></body></html>`,
  ].join('');
}

/** An email wrapped in the brand, in its recipient's language direction; a text message passes as it is. */
export function brandEmail(message: NewOutboxMessage, brand: BrandView, publicUrl: string, language?: string | null): NewOutboxMessage {
  return message.channel === 'email' ? { ...message, body: brandedEmailHtml(message.body, brand, publicUrl, language) } : message;
}
