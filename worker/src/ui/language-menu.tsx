// The customer's language menu: every language Parley speaks, each named in
// itself, on every customer page. It is a plain form (POST /room/language,
// back to the page it was on), so it works before the page's script runs;
// the script submits it as soon as a language is picked.
import { LOCALES, LOCALE_NAMES, type Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';

export function LanguageMenu({ t, back }: { t: Translate; back: string }) {
  return (
    <form class="language-menu" method="post" action="/room/language">
      <input type="hidden" name="back" value={back} />
      <label for="language-select">{t('common.language')}</label>
      <select id="language-select" name="language">
        {LOCALES.map((l: Locale) => (
          <option value={l} lang={l} selected={l === t.locale}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <button type="submit" class="secondary">
        {t('common.change_language')}
      </button>
    </form>
  );
}
