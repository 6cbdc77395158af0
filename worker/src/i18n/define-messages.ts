// How a message catalogue is written: one file per area of the customer's
// experience (the room, a document, the chat…), every language side by side,
// so a key added in English and forgotten in Hebrew fails the type check
// before it can reach a customer. test/worker/i18n/catalogue.test.ts checks
// what types cannot: no empty text, the same {placeholders} in every language.
import type { Locale } from './locales';

/** A catalogue area: English defines the keys; every other language must give each of them. */
export type AreaMessages<K extends string> = Record<Locale, Record<K, string>>;

export function defineMessages<K extends string>(messages: { en: Record<K, string> } & Record<Exclude<Locale, 'en'>, Record<K, string>>): AreaMessages<K> {
  return messages;
}
