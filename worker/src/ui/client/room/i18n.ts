// The room's scripts speak the page's language: the translator over the
// texts the page embedded (i18n/page-messages.ts), and every <time> the
// server wrote in UTC rewritten in the customer's own time zone.
import { formatDateTime, formatTime } from '../../../i18n/format';
import { DEFAULT_LOCALE, localeOf } from '../../../i18n/locales';
import { PAGE_MESSAGES_ID, type PageMessages } from '../../../i18n/page-messages';
import { makeTranslator, type Translate } from '../../../i18n/translate';

function pageMessages(): PageMessages {
  const text = document.getElementById(PAGE_MESSAGES_ID)?.textContent;
  try {
    const parsed = text ? (JSON.parse(text) as PageMessages) : null;
    if (parsed) return { locale: localeOf(parsed.locale) ?? DEFAULT_LOCALE, messages: parsed.messages ?? {} };
  } catch {
    // A page without its texts still works: keys show, and a test keeps every page's texts embedded.
  }
  return { locale: DEFAULT_LOCALE, messages: {} };
}

const page = pageMessages();
export const t: Translate = makeTranslator(page.locale, page.messages);

/**
 * Every <time datetime> under root in the customer's own time zone:
 * data-format="time" for a chat bubble's "14:05", else date and time.
 */
export function localizeTimes(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLTimeElement>('time[datetime]')) {
    const at = el.dateTime;
    if (Number.isNaN(Date.parse(at))) continue;
    el.textContent = el.dataset['format'] === 'time' ? formatTime(t.locale, at) : formatDateTime(t.locale, at);
  }
}

/** A <time> element for a moment, already in local time. */
export function timeElement(at: string, format: 'time' | 'datetime' = 'datetime'): HTMLTimeElement {
  const el = document.createElement('time');
  el.dateTime = at;
  if (format === 'time') el.dataset['format'] = 'time';
  el.textContent = format === 'time' ? formatTime(t.locale, at) : formatDateTime(t.locale, at);
  return el;
}
