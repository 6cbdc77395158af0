// The page where the customer reviews a document with their agent, in their
// language: the board (review/review-board.tsx) under the room's header.
// /assets/review.js draws the page and keeps it live.
import type { ReviewView } from '../contract/reviews';
import type { ParticipantRoomView } from '../contract/session';
import { areaMessages } from '../i18n/catalogue';
import type { Locale } from '../i18n/locales';
import type { Translate } from '../i18n/translate';
import { LanguageMenu } from './language-menu';
import { Layout } from './layout';
import { ReviewBoard } from './review/review-board';

export interface RoomReviewPageProps {
  t: Translate;
  locale: Locale;
  view: ReviewView;
  room: Pick<ParticipantRoomView, 'brand' | 'may' | 'me' | 'others'>;
  version: number;
}

export function RoomReviewPage({ t, locale, view, room, version }: RoomReviewPageProps) {
  const me = `participant:${room.me.id}`;
  const names = Object.fromEntries(room.others.map((p) => [`participant:${p.id}`, p.name]));
  return (
    <Layout
      title={t('review.title', { review: view.item.name, brand: room.brand.displayName })}
      script="/assets/review.js"
      styles={['/assets/review.css', ...(room.brand.themeUrl ? [room.brand.themeUrl] : [])]}
      bodyClass="review"
      locale={locale}
      messages={areaMessages(locale, ['review', 'entry.error'])}
    >
      <main>
        <header class="doc-head">
          <a href="/room" class="doc-back">
            <span aria-hidden="true" class="doc-back-arrow">
              ←
            </span>{' '}
            {t('review.back')}
          </a>
          <LanguageMenu t={t} back={`/room/reviews/${view.item.id}`} />
        </header>
        <ReviewBoard t={t} view={view} me={me} mayAct={room.may.act} names={names} api={`/room/api/reviews/${view.item.id}`} socket="/room/api/ws" version={version} />
      </main>
    </Layout>
  );
}
