// The others in the customer's room: their heading only when there is
// someone to list (never an empty "Others in this room"), else the one
// line "Only you and your agent.", which client/room.ts keeps on every
// live redraw (it draws from the same room model).
import type { Translate } from '../../i18n/translate';
import type { RoomModel } from '../room-model';

export function People({ t, model }: { t: Translate; model: RoomModel }) {
  return (
    <section id="people" aria-labelledby="people-h">
      <h2 id="people-h" hidden={model.alone !== null}>
        {t('room.people.heading')}
      </h2>
      <p id="people-alone" class="muted" hidden={model.alone === null}>
        {model.alone ?? ''}
      </p>
      <ul id="participants" class="plain">
        {model.people.map((p) => (
          <li>
            <span class={p.online ? 'presence online' : 'presence'} aria-hidden="true" />
            {p.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
