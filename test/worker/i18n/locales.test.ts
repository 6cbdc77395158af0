// How a customer's language is chosen: their own first, then the browser's
// best match by q-value, then English.
import { describe, expect, it } from 'vitest';
import { directionOf, localeFromAcceptLanguage, localeOf, pickLocale } from '../../../worker/src/i18n/locales';
import { fill, makeTranslator } from '../../../worker/src/i18n/translate';

describe('choosing the language', () => {
  it('reads tags with regions and the old Hebrew code', () => {
    expect(localeOf('es-MX')).toBe('es');
    expect(localeOf('DE_at')).toBe('de');
    expect(localeOf('iw')).toBe('he');
    expect(localeOf('pt-BR')).toBeNull();
    expect(localeOf('')).toBeNull();
  });

  it('takes the best Accept-Language entry Parley speaks, by q then order', () => {
    expect(localeFromAcceptLanguage('pt-BR,pt;q=0.9,fr;q=0.8,de;q=0.9')).toBe('de');
    expect(localeFromAcceptLanguage('he-IL,he;q=0.9,en-US;q=0.8')).toBe('he');
    expect(localeFromAcceptLanguage('ja, zh;q=0.5')).toBeNull();
    expect(localeFromAcceptLanguage('fr;q=0, es')).toBe('es');
  });

  it("prefers the participant's own language, then the browser's, then English", () => {
    expect(pickLocale('fr', 'de')).toBe('fr');
    expect(pickLocale(null, 'de-CH')).toBe('de');
    expect(pickLocale('xx', null)).toBe('en');
  });

  it('writes Hebrew right to left and the others left to right', () => {
    expect(directionOf('he')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
  });
});

describe('translating', () => {
  it('fills placeholders and leaves an unknown one visible', () => {
    expect(fill('Hello {name}, {missing}', { name: 'Ana' })).toBe('Hello Ana, {missing}');
  });

  it("counts in the language's plural forms", () => {
    const msgs = { 'x.done.one': '{count} done (one)', 'x.done.two': '{count} done (two)', 'x.done.other': '{count} done (other)' };
    expect(makeTranslator('en', msgs).count('x.done', 1)).toBe('1 done (one)');
    expect(makeTranslator('en', msgs).count('x.done', 2)).toBe('2 done (other)');
    expect(makeTranslator('he', msgs).count('x.done', 2)).toBe('2 done (two)');
    expect(makeTranslator('fr', msgs).count('x.done', 0)).toBe('0 done (one)');
  });
});
