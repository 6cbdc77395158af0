// The one thing the customer should do now, standing out above everything
// else ("Review and sign: Acceptance agreement" and a big button), the
// progress ("1 of 3 done" with a bar), then every item with a tick when it
// is done and its status in the customer's words. client/room.ts redraws
// #next-step and #items from the same room model.
import type { Translate } from '../../i18n/translate';
import type { ItemLine, RoomModel } from '../room-model';
import { itemSignerLines, signedCountText } from '../signer-status';
import { SignerList } from '../room-signers';
import type { ParticipantRoomView } from '../../contract/session';

export function NextStepCard({ model }: { model: RoomModel }) {
  const next = model.next;
  return (
    <section id="next-step" class={next.kind === 'action' ? 'next-step' : 'next-step quiet'} aria-labelledby="next-title">
      <h2 id="next-title">{next.title}</h2>
      {next.kind === 'action' && next.href ? (
        <a class="button primary" href={next.href}>
          {next.button}
        </a>
      ) : null}
      {/* A task has no page: the customer marks it done here (client/room/mark-done.ts). */}
      {next.kind === 'action' && next.action === 'done' ? (
        <>
          <button type="button" class="button primary" data-mark-done={next.itemId}>
            {next.button}
          </button>
          <p id="next-error" role="alert" class="error" />
        </>
      ) : null}
      {next.kind === 'none' && next.detail ? <p class="muted">{next.detail}</p> : null}
      {model.progress ? (
        <div class="progress">
          <p id="progress-text">{model.progress.text}</p>
          <progress id="progress-bar" max={model.progress.total} value={model.progress.done} aria-labelledby="progress-text" />
        </div>
      ) : null}
    </section>
  );
}

export function ItemList({ t, model, room }: { t: Translate; model: RoomModel; room: Pick<ParticipantRoomView, 'me' | 'others'> }) {
  return (
    <section aria-labelledby="items-h" hidden={model.items.length === 0} id="items-section">
      <h2 id="items-h">{t('room.items.heading')}</h2>
      <ul id="items" class="plain">
        {model.items.map((line) => (
          <ItemCard t={t} line={line} room={room} />
        ))}
      </ul>
    </section>
  );
}

function ItemCard({ t, line, room }: { t: Translate; line: ItemLine; room: Pick<ParticipantRoomView, 'me' | 'others'> }) {
  const signers = line.item.signers;
  return (
    <li class={line.finished ? 'card item done' : 'card item'} data-status={line.status}>
      <span class="tick" aria-hidden="true">
        {line.finished ? '✓' : ''}
      </span>
      {line.href ? <a href={line.href}>{line.name}</a> : <span>{line.name}</span>}
      {signers ? <span class="count">{signedCountText(t, signers)}</span> : null}
      <span class={line.finished ? 'status done' : `status ${line.status}`}>{line.statusText}</span>
      {signers && signers.length > 1 ? <SignerList t={t} lines={itemSignerLines(t, signers, room.me, room.others)} label={t('room.items.signers', { name: line.name })} /> : null}
    </li>
  );
}
