// The room's chat in the browser: its bubbles redrawn from the same data
// as the server's (ui/chat-bubbles.ts, markup of ui/room/chat.tsx), the
// newest kept in view unless the reader scrolled up to read older ones,
// and the composer: the text box grows with what is typed, Enter sends and
// Shift+Enter starts a new line, and a file picked (attach or camera) is
// named above Send until it is sent or removed.
import type { ParticipantRoomView } from '../../../contract/session';
import { chatBubbles, type Bubble } from '../../chat-bubbles';
import { el } from './dom';
import { errorText } from './errors';
import { t, timeElement } from './i18n';

/** Within this many pixels of the bottom, the reader is "at the newest" and new messages scroll into view. */
const NEAR_BOTTOM_PX = 80;

export function bubbleElement(b: Bubble): HTMLElement {
  const li = el('li', { class: b.mine ? 'bubble mine' : 'bubble', 'data-id': b.id });
  if (!b.mine) li.append(el('span', { class: 'who' }, b.author));
  if (b.file?.image) {
    const img = el('img', { src: b.file.href, alt: t('chat.photo', { name: b.file.name }), loading: 'lazy', decoding: 'async' });
    li.append(el('a', { class: 'photo', href: b.file.href }, img));
  } else if (b.file) li.append(el('a', { class: 'file', href: b.file.href }, b.file.name));
  if (b.text !== null && !(b.file && b.text === '')) li.append(el('span', { class: 'text', dir: 'auto' }, b.text));
  const meta = el('span', { class: 'meta' }, timeElement(b.at, 'time'));
  if (b.read !== null) meta.append(receipt(b.read));
  li.append(meta);
  return li;
}

export function receipt(read: boolean): HTMLElement {
  return el('span', { class: read ? 'receipt read' : 'receipt' }, el('span', { 'aria-hidden': 'true' }, read ? ' ✓✓' : ' ✓'), el('span', { class: 'visually-hidden' }, t(read ? 'chat.read' : 'chat.sent')));
}

/** One conversation redrawn: the main chat (thread null) or the private one; only when something in it changed. */
export function drawChat(list: HTMLElement | null, state: ParticipantRoomView, threadId: string | null): void {
  if (!list) return;
  const bubbles = chatBubbles(t, state, threadId);
  const signature = bubbles.map((b) => `${b.id}:${b.read}`).join(',');
  if (list.dataset['drawn'] === signature) return;
  const wasNearBottom = nearBottom(list) || list.dataset['drawn'] === undefined;
  list.dataset['drawn'] = signature;
  list.replaceChildren(...bubbles.map(bubbleElement));
  // A message of mine always comes into view; others' only when the reader was at the newest already.
  const last = bubbles[bubbles.length - 1];
  if (wasNearBottom || last?.mine) scrollToNewest(list);
}

export const scrollToNewest = (list: HTMLElement) => {
  list.scrollTop = list.scrollHeight;
};
const nearBottom = (list: HTMLElement) => list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;

export interface ComposerOptions {
  form: HTMLFormElement;
  text: HTMLTextAreaElement;
  error: HTMLElement;
  threadId: string | null;
  /** Called after a message went out: the room fetches its state again. */
  sent(): void;
  /** Called as the person types (typing.ts tells the agent, at most every few seconds). */
  typing(): void;
}

/** The composer's behaviour: growing box, Enter to send, file pickers, and sending. */
export function composer(o: ComposerOptions): void {
  const pickers = [...o.form.querySelectorAll<HTMLInputElement>('input[type=file]')];
  const attached = o.form.querySelector<HTMLElement>('.attached');
  const picked = () => pickers.find((p) => p.files?.length)?.files?.[0] ?? null;
  const showPicked = () => {
    const file = picked();
    if (!attached) return;
    attached.hidden = !file;
    attached.querySelector<HTMLElement>('span')!.textContent = file ? t('chat.attached', { name: file.name }) : '';
  };
  for (const p of pickers) {
    p.addEventListener('change', () => {
      // One file at a time: a new pick replaces the other picker's.
      for (const other of pickers) if (other !== p) other.value = '';
      showPicked();
    });
  }
  attached?.querySelector('button')?.addEventListener('click', () => {
    for (const p of pickers) p.value = '';
    showPicked();
    o.text.focus();
  });
  const grow = () => {
    o.text.style.height = 'auto';
    o.text.style.height = `${Math.min(o.text.scrollHeight, 160)}px`;
  };
  o.text.addEventListener('input', () => {
    grow();
    if (o.text.value.trim()) o.typing();
  });
  o.text.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      o.form.requestSubmit();
    }
  });
  o.form.addEventListener('submit', async (e) => {
    e.preventDefault();
    o.error.textContent = '';
    const text = o.text.value.trim();
    const file = picked();
    let res: Response | null;
    if (file) {
      const body = new FormData();
      body.append('file', file);
      if (text) body.append('text', text);
      if (o.threadId) body.append('threadId', o.threadId);
      res = await fetch('/room/api/attachments', { method: 'POST', headers: ROOM, body }).catch(() => null);
    } else if (text) {
      res = await fetch('/room/api/messages', { method: 'POST', headers: { ...ROOM, 'Content-Type': 'application/json' }, body: JSON.stringify(o.threadId ? { text, threadId: o.threadId } : { text }) }).catch(() => null);
    } else {
      o.error.textContent = t('chat.error.empty');
      o.text.focus();
      return;
    }
    if (res?.ok) {
      o.text.value = '';
      grow();
      for (const p of pickers) p.value = '';
      showPicked();
      o.sent();
    } else {
      o.error.textContent = errorText(res ? await res.json().catch(() => null) : null, 'chat.error.send');
    }
  });
}

export const ROOM = { 'X-Parley-Room': '1' };
