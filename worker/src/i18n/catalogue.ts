// Every catalogue area, and the texts of one language: the whole of it for
// pages the Worker draws, or only the areas a page's script needs, which the
// page embeds (so a customer's browser receives their language alone, and
// only what the page can show).
import { defineMessages, type AreaMessages } from './define-messages';
import { LOCALES, type Locale } from './locales';
import { makeTranslator, type Translate } from './translate';
import { commonMessages } from './messages/common';
import { roomMessages } from './messages/room';
import { chatMessages } from './messages/chat';
import { documentMessages } from './messages/document';
import { entryMessages } from './messages/entry';
import { notifyMessages } from './messages/notify';
import { contactsMessages } from './messages/contacts';
import { requestMessages } from './messages/request';
import { paymentMessages } from './messages/payment';
import { reviewMessages } from './messages/review';

/** Each area's keys start with its name and a dot ("room.progress"), so a page can ask for areas by name. */
export const AREAS = {
  common: commonMessages,
  room: roomMessages,
  chat: chatMessages,
  document: documentMessages,
  entry: entryMessages,
  notify: notifyMessages,
  contacts: contactsMessages,
  request: requestMessages,
  payment: paymentMessages,
  review: reviewMessages,
} satisfies Record<string, AreaMessages<string>>;
export type Area = keyof typeof AREAS;

const whole = new Map<Locale, Readonly<Record<string, string>>>();

/** All of one language's texts, merged once per isolate. */
export function messagesOf(locale: Locale): Readonly<Record<string, string>> {
  let merged = whole.get(locale);
  if (!merged) {
    merged = Object.freeze(Object.assign({}, ...Object.values(AREAS).map((area) => area[locale])) as Record<string, string>);
    whole.set(locale, merged);
  }
  return merged;
}

/** The translator for pages drawn by the Worker. */
export const translatorFor = (locale: Locale): Translate => makeTranslator(locale, messagesOf(locale));

/** A whole area ("room"), or the keys of an area that start with a prefix ("document.signer"). */
export type AreaPart = Area | `${Area}.${string}`;

/** The texts a page's script needs: only these areas (or parts of them), only this language. */
export function areaMessages(locale: Locale, parts: readonly AreaPart[]): Record<string, string> {
  return Object.assign(
    {},
    ...parts.map((part) => {
      const area = part.split('.')[0] as Area;
      const texts = AREAS[area][locale] as Record<string, string>;
      return part === area ? texts : Object.fromEntries(Object.entries(texts).filter(([key]) => key.startsWith(part)));
    }),
  ) as Record<string, string>;
}

export { defineMessages, LOCALES };
