// The page where the customer sends the documents their agent asked for,
// in their language: a compact header (back, language), the request's name
// and progress ("1 of 3 accepted"), then one card per document with the
// agent's note, where it stands (and why it was sent back), a preview of
// what was sent, and two buttons: take a photo (the phone's rear camera)
// or choose a file. /assets/room-request.js normalises each photo in the
// browser (upright, at most 2,400 px, metadata such as GPS dropped), sends
// it, and redraws the cards live (client/room-request.ts).
import type { DocumentRequestView } from '../contract/document-requests';
import type { ParticipantRoomView } from '../contract/session';
import { areaMessages } from '../i18n/catalogue';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';
import { LanguageMenu } from './language-menu';
import { Layout } from './layout';
import { requestModel, type SlotLine } from './room/request-words';

export interface RequestPageProps {
  t: Translate;
  locale: Locale;
  view: DocumentRequestView;
  room: Pick<ParticipantRoomView, 'brand' | 'may'>;
  /** The session's last event, for the live socket to carry on from. */
  version: number;
  /** The shortest side, in pixels, a photo needs (the server checks it too). */
  minSide: number;
}

export function RequestPage({ t, locale, view, room, version, minSide }: RequestPageProps) {
  const { item } = view;
  const model = requestModel(t, view, room.may.act);
  const back = `/room/requests/${item.id}`;
  return (
    <Layout
      title={t('request.title', { request: item.name, brand: room.brand.displayName })}
      script="/assets/room-request.js"
      styles={['/assets/room-request.css', ...(room.brand.themeUrl ? [room.brand.themeUrl] : [])]}
      bodyClass="request"
      locale={locale}
      messages={areaMessages(locale, ['request', 'entry.error'])}
    >
      <main id="request" data-item-id={item.id} data-may-act={room.may.act ? 'true' : 'false'} data-version={version} data-min-side={minSide}>
        <header class="doc-head">
          <a href="/room" class="doc-back">
            <span aria-hidden="true" class="doc-back-arrow">←</span> {t('request.back')}
          </a>
          <LanguageMenu t={t} back={back} />
        </header>
        <h1>{item.name}</h1>
        <p class="muted">{t('request.intro')}</p>
        <p id="request-progress" role="status">
          {model.progress}
        </p>
        <p id="request-banner" class="banner" hidden={!model.banner}>
          {model.banner ?? ''}
        </p>
        <ol id="slots" class="slots">
          {model.slots.map((s) => (
            <SlotCard t={t} slot={s} />
          ))}
        </ol>
      </main>
    </Layout>
  );
}

/** One requested document. The script draws the same card (client/room-request.ts) from the same SlotLine. */
function SlotCard({ t, slot }: { t: Translate; slot: SlotLine }) {
  const h = `slot-${slot.id}-h`;
  return (
    <li class={`slot slot-${slot.status}`} id={`slot-${slot.id}`} data-slot-id={slot.id} aria-labelledby={h}>
      <h2 id={h}>
        {slot.title}
        {slot.optional ? <span class="muted"> · {t('request.optional')}</span> : null}
      </h2>
      {slot.note ? <p class="slot-note">{slot.note}</p> : null}
      <p class="slot-status">
        <span class="status">{slot.statusText}</span>
      </p>
      {slot.reason ? <p class="slot-reason">{slot.reason}</p> : null}
      {slot.file ? (
        <p class="slot-file">
          {slot.file.image ? <img src={slot.file.url} alt={t('request.preview', { document: slot.title })} /> : null}
          <a href={slot.file.url} target="_blank" rel="noopener">
            {slot.file.text}
          </a>
        </p>
      ) : null}
      {slot.canSend ? (
        <div class="slot-actions">
          <input id={`camera-${slot.id}`} class="visually-hidden" type="file" accept="image/*" capture="environment" data-slot={slot.id} />
          <label class="button primary" for={`camera-${slot.id}`}>
            {t('request.take_photo')}
          </label>
          <input id={`file-${slot.id}`} class="visually-hidden" type="file" accept="image/*,application/pdf" data-slot={slot.id} />
          <label class="button secondary" for={`file-${slot.id}`}>
            {slot.file ? t('request.replace') : t('request.choose_file')}
          </label>
        </div>
      ) : null}
      <p class="error" role="alert" id={`slot-${slot.id}-error`} />
    </li>
  );
}
