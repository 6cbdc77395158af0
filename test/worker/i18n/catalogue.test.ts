// The message catalogues as a whole: every language gives every key of every
// area, with the same {placeholders}, none empty, and Hebrew written in
// Hebrew — what the type checker cannot see (a copied English text, a
// dropped {name}, a key under the wrong area).
import { describe, expect, it } from 'vitest';
import { AREAS, areaMessages, messagesOf } from '../../../worker/src/i18n/catalogue';
import { LOCALES } from '../../../worker/src/i18n/locales';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
/** Texts that are the same in Hebrew script or no script at all: a symbol, a brand, a number format. */
const hebrewExempt = (text: string) => !/[A-Za-z]/.test(text);

describe('the message catalogues', () => {
  for (const [area, byLocale] of Object.entries(AREAS)) {
    const keys = Object.keys(byLocale.en).sort();

    it(`${area}: every key starts with "${area}."`, () => {
      expect(keys.filter((k) => !k.startsWith(`${area}.`))).toEqual([]);
    });

    for (const locale of LOCALES) {
      it(`${area}/${locale}: the same keys as English, none empty, the same placeholders`, () => {
        const texts = byLocale[locale] as Record<string, string>;
        expect(Object.keys(texts).sort()).toEqual(keys);
        for (const key of keys) {
          const text = texts[key]!;
          expect(text.trim(), `${locale} ${key}`).not.toBe('');
          expect(placeholders(text), `${locale} ${key}`).toEqual(placeholders((byLocale.en as Record<string, string>)[key]!));
        }
      });
    }

    it(`${area}/he: written in Hebrew`, () => {
      const he = byLocale.he as Record<string, string>;
      const latinOnly = keys.filter((k) => !/[\u0590-\u05FF]/.test(he[k]!) && !hebrewExempt(he[k]!.replace(/\{\w+\}/g, '')));
      expect(latinOnly).toEqual([]);
    });

    it(`${area}: counted texts give the "other" form`, () => {
      const counted = new Set(keys.filter((k) => /\.(zero|one|two|few|many|other)$/.test(k)).map((k) => k.replace(/\.\w+$/, '')));
      for (const base of counted) expect(keys, base).toContain(`${base}.other`);
    });
  }

  it('a page receives only its areas, in its language', () => {
    const texts = areaMessages('fr', ['common']);
    expect(Object.keys(texts).every((k) => k.startsWith('common.'))).toBe(true);
    expect(texts['common.language']).toBe(messagesOf('fr')['common.language']);
  });

  it('a page can take part of an area by key prefix', () => {
    const texts = areaMessages('de', ['common.status']);
    expect(Object.keys(texts).length).toBeGreaterThan(3);
    expect(Object.keys(texts).every((k) => k.startsWith('common.status.'))).toBe(true);
  });
});
