// The customer's room (/room), in their language and the org's brand: who
// invited them and the agent working with them, the one next step, the
// progress and every item in their words, the others in the room, and the
// chat. Drawn from the room model (room-model.ts) that client/room.ts
// redraws from on every live change, so both always agree.
import type { ParticipantRoomView } from '../contract/session';
import { areaMessages } from '../i18n/catalogue';
import { formatDateTime } from '../i18n/format';
import type { Translate } from '../i18n/translate';
import { Layout } from './layout';
import { roomModel } from './room-model';
import { ChatSection, PrivateChat } from './room/chat';
import { AgentCard, RoomHeader, SupportFooter } from './room/header';
import { ItemList, NextStepCard } from './room/next-step';
import { People } from './room/people';

export function RoomPage({ t, room }: { t: Translate; room: ParticipantRoomView }) {
  const model = roomModel(t, room);
  const styles = ['/assets/room.css', ...(room.brand.themeUrl ? [room.brand.themeUrl] : [])];
  return (
    <Layout title={`${room.brand.displayName} · ${t('common.secure_room')}`} script="/assets/room.js" styles={styles} locale={t.locale} messages={areaMessages(t.locale, ['common', 'room', 'chat', 'contacts', 'entry', 'document.signer'])} bodyClass="room">
      <RoomHeader t={t} brand={room.brand} />
      <main data-version={room.session.version} data-session={room.session.status}>
        <h1>{t('room.welcome', { name: room.me.name })}</h1>
        <AgentCard t={t} agent={model.agent} />
        {room.access.level === 'limited' ? <LimitedBanner t={t} until={room.access.until} /> : null}
        <NextStepCard model={model} />
        <ItemList t={t} model={model} room={room} />
        <ChatSection t={t} room={room} />
        {room.privateSessionId ? <PrivateChat t={t} room={room} threadId={room.privateSessionId} /> : null}
        <People t={t} model={model} />
        {/* "My contacts": drawn by /assets/room.js (my-contacts.ts) once this customer has assigned someone. */}
        <section id="my-contacts" aria-labelledby="contacts-h" hidden>
          <h2 id="contacts-h">{t('contacts.heading')}</h2>
          <p class="muted">{t('contacts.intro')}</p>
          <ul id="contacts-list" class="plain" />
          <p id="contacts-status" role="status" />
        </section>
      </main>
      <SupportFooter t={t} brand={room.brand} />
    </Layout>
  );
}

/** After the session ended: what can still be done, and until when, as a <time> the script shows in local time. */
function LimitedBanner({ t, until }: { t: Translate; until: string | null }) {
  const [before, after] = t('room.limited_until', { until: '\u0000' }).split('\u0000');
  return (
    <p class="banner" role="status" id="limited">
      {t('room.limited')}
      {until ? (
        <>
          {' '}
          {before}
          <time datetime={until}>{formatDateTime(t.locale, until, 'UTC')}</time>
          {after}
        </>
      ) : null}
    </p>
  );
}
