// The customer's chat with their agent, drawn like a messaging app: bubbles
// (mine at the inline end, theirs at the inline start) with author and
// time, "Sent" ✓ / "Read" ✓✓ under my own, images previewed inline, and a
// composer: an auto-growing text box with a placeholder, attach and camera
// buttons beside Send. The private conversation with the agent (when they
// opened one) is drawn the same way, text only. client/room/chat.ts redraws
// the bubbles from the same data (chat-bubbles.ts) and drives the composer.
import type { ParticipantRoomView } from '../../contract/session';
import { formatTime } from '../../i18n/format';
import type { Translate } from '../../i18n/translate';
import { chatBubbles, type Bubble } from '../chat-bubbles';
import { CameraIcon, PaperclipIcon } from './icons';

export function BubbleItem({ t, bubble }: { t: Translate; bubble: Bubble }) {
  return (
    <li class={bubble.mine ? 'bubble mine' : 'bubble'} data-id={bubble.id}>
      {bubble.mine ? null : <span class="who">{bubble.author}</span>}
      {bubble.file?.image ? (
        <a class="photo" href={bubble.file.href}>
          <img src={bubble.file.href} alt={t('chat.photo', { name: bubble.file.name })} loading="lazy" decoding="async" />
        </a>
      ) : bubble.file ? (
        <a class="file" href={bubble.file.href}>
          {bubble.file.name}
        </a>
      ) : null}
      {bubble.text !== null && !(bubble.file && bubble.text === '') ? <span class="text" dir="auto">{bubble.text}</span> : null}
      <span class="meta">
        <time datetime={bubble.at} data-format="time">
          {formatTime(t.locale, bubble.at, 'UTC')}
        </time>
        {bubble.read === null ? null : (
          <span class={bubble.read ? 'receipt read' : 'receipt'}>
            <span aria-hidden="true">{bubble.read ? ' ✓✓' : ' ✓'}</span>
            <span class="visually-hidden">{t(bubble.read ? 'chat.read' : 'chat.sent')}</span>
          </span>
        )}
      </span>
    </li>
  );
}

export function ChatSection({ t, room }: { t: Translate; room: ParticipantRoomView }) {
  const bubbles = chatBubbles(t, room, null);
  return (
    <section id="chat" aria-labelledby="chat-h">
      <h2 id="chat-h">{t('chat.heading')}</h2>
      <ul id="messages" class="plain chat" aria-live="polite" aria-labelledby="chat-h" data-empty={t('chat.empty')}>
        {bubbles.map((b) => (
          <BubbleItem t={t} bubble={b} />
        ))}
      </ul>
      <p id="chat-typing" class="typing muted" aria-live="polite" />
      {room.may.chat || room.may.attach ? (
        <form id="chat-form" class="composer">
          <label class="visually-hidden" for="chat-text">
            {t('chat.label')}
          </label>
          <textarea id="chat-text" rows={1} maxlength={4000} placeholder={t('chat.placeholder')} enterkeyhint="send" disabled={!room.may.chat} aria-describedby="chat-error" />
          {room.may.attach ? (
            <>
              <input id="chat-file" class="visually-hidden" type="file" accept="application/pdf,image/*" />
              <label class="icon-button" for="chat-file" title={t('chat.attach')}>
                <PaperclipIcon />
                <span class="visually-hidden">{t('chat.attach')}</span>
              </label>
              <input id="chat-camera" class="visually-hidden" type="file" accept="image/*" capture="environment" />
              <label class="icon-button" for="chat-camera" title={t('chat.camera')}>
                <CameraIcon />
                <span class="visually-hidden">{t('chat.camera')}</span>
              </label>
            </>
          ) : null}
          <button type="submit">{t('chat.send')}</button>
          <p id="chat-attached" class="attached" hidden>
            <span id="chat-attached-name" />{' '}
            <button type="button" id="chat-attached-remove" class="secondary">
              {t('chat.remove_file')}
            </button>
          </p>
          <p id="chat-error" role="alert" class="error" />
        </form>
      ) : (
        <p class="muted">{t('chat.unavailable')}</p>
      )}
    </section>
  );
}

/**
 * The participant's private conversation with their agent: its own list and
 * reply box (posting with its threadId), apart from the main chat. Nobody
 * else in the room sees it (room/access.ts canSeeThread).
 */
export function PrivateChat({ t, room, threadId }: { t: Translate; room: ParticipantRoomView; threadId: string }) {
  return (
    <section aria-labelledby="private-h" id="private" data-thread={threadId}>
      <h2 id="private-h">{t('chat.private.heading')}</h2>
      <p class="muted" id="private-note">
        {t('chat.private.note')}
      </p>
      <ul id="private-messages" class="plain chat" aria-live="polite" aria-labelledby="private-h">
        {chatBubbles(t, room, threadId).map((b) => (
          <BubbleItem t={t} bubble={b} />
        ))}
      </ul>
      <p id="private-typing" class="typing muted" aria-live="polite" />
      {room.may.chat ? (
        <form id="private-form" class="composer">
          <label class="visually-hidden" for="private-text">
            {t('chat.private.label')}
          </label>
          <textarea id="private-text" rows={1} maxlength={4000} placeholder={t('chat.placeholder')} enterkeyhint="send" aria-describedby="private-error" />
          <button type="submit">{t('chat.send')}</button>
          <p id="private-error" role="alert" class="error" />
        </form>
      ) : (
        <p class="muted">{t('chat.closed')}</p>
      )}
    </section>
  );
}
