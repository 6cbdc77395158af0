// Turning a catalogue key into the customer's words: {name} placeholders
// filled, and counts ("1 of 3 done", "2 fields left") in the language's
// plural forms (Intl.PluralRules: Hebrew has a dual, French counts 0 as
// singular). Pure and small: the room's scripts bundle this file, never the
// catalogues themselves (they read their language's texts from the page).
import type { Locale } from './locales';

export type Vars = Record<string, string | number>;
export type Translate = ((key: string, vars?: Vars) => string) & {
  /** A counted text: the key's `.one`, `.two`, `.few`, `.many` or `.other` form, as the language needs; {count} is the count. */
  count: (key: string, count: number, vars?: Vars) => string;
  /** Whether the texts hold this key: for a text chosen by a code the server sent (an error's code). */
  has: (key: string) => boolean;
  locale: Locale;
};

/** Fills {name} with vars.name; a placeholder with no value stays visible rather than vanish. */
export function fill(text: string, vars: Vars = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function makeTranslator(locale: Locale, messages: Readonly<Record<string, string>>): Translate {
  const plurals = new Intl.PluralRules(locale);
  // A key missing from the page's messages shows itself: a test keeps every key in every catalogue.
  const t = ((key: string, vars?: Vars) => fill(messages[key] ?? key, vars)) as Translate;
  t.count = (key, count, vars = {}) => {
    const form = plurals.select(count);
    const text = messages[`${key}.${form}`] ?? messages[`${key}.other`] ?? key;
    return fill(text, { ...vars, count: new Intl.NumberFormat(locale).format(count) });
  };
  t.has = (key) => Object.prototype.hasOwnProperty.call(messages, key);
  t.locale = locale;
  return t;
}
