// A refusal from the room API in the customer's words: the catalogue's text
// for the error's code (entry.error.<code>) when there is one, else the
// caller's own fallback ("Your message could not be sent."). The server's
// English message is never shown to a customer reading another language.
import { t } from './i18n';

interface ApiErrorBody {
  error?: { code?: string; message?: string };
}

export function errorText(body: unknown, fallbackKey = 'entry.error.unknown'): string {
  const code = (body as ApiErrorBody | null)?.error?.code;
  return code && t.has(`entry.error.${code}`) ? t(`entry.error.${code}`) : t(fallbackKey);
}

/** No answer at all (offline, a dropped connection): what a script says instead of the browser's "Failed to fetch". */
export const networkErrorText = (): string => t('entry.error.network');
