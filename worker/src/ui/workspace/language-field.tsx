// The agent's choice of a person's language when inviting them: the language
// of their room, their messages and their one-time codes. Left on "Their
// browser's", the customer's browser decides (and the room keeps what it
// said at the first visit). Each language is named in itself, as the
// customer's own menu names it.
import { LOCALES, LOCALE_NAMES } from '../../i18n/locales';

export function LanguageField(props: { id: string; field: string }) {
  const err = `${props.id}-err`;
  return (
    <div class="ws-field">
      <label for={props.id}>Language</label>
      <select id={props.id} aria-describedby={err}>
        <option value="">Their browser's</option>
        {LOCALES.map((l) => (
          <option value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>
      <p class="ws-err" id={err} data-field={props.field} />
    </div>
  );
}
