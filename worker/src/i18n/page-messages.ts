// The texts a customer page hands its script: an inert JSON element
// (<script type="application/json">, never executed, so the page's CSP
// stays "script-src 'self'") holding the page's language and the areas
// its script draws. ui/client/room/i18n.ts reads it.
import type { Locale } from './locales';

export const PAGE_MESSAGES_ID = 'parley-i18n';

export interface PageMessages {
  locale: Locale;
  messages: Record<string, string>;
}
