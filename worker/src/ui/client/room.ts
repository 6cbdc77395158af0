// The customer's room (/assets/room.js): the agent's presence, the next
// step and progress, the items, the people and the chat, kept live over
// the session's socket. On every change the room's state is fetched again
// and drawn from the same model as the server's page (room/room-view.ts,
// room/chat.ts); typing and read frames update the chat without a fetch.
// A private conversation with the agent (when they opened one) has its own
// list and reply box, posting with its threadId.
import type { ParticipantFrame } from '../../contract/frames';
import type { ParticipantRoomView } from '../../contract/session';
import { LiveSocket } from './live/live-socket';
import { composer, drawChat, scrollToNewest } from './room/chat';
import { el } from './room/dom';
import { localizeTimes, t } from './room/i18n';
import { wireMarkDone } from './room/mark-done';
import { wireLanguageMenu } from './room/language-menu';
import { refreshMyContacts } from './room/my-contacts';
import { markRead, markReadOnLoad, showReadUntil, watchChats } from './room/read-state';
import { drawRoom } from './room/room-view';
import { hideTyping, showTyping, tellTyping } from './room/typing';

const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector);

let current: ParticipantRoomView | null = null;

function render(state: ParticipantRoomView): void {
  const before = current;
  current = state;
  drawRoom(state);
  drawChat($('#messages'), state, null);
  // The agent's message arrived: their typing is over.
  if (before && newFromAgent(before, state, null)) hideTyping($('#chat-typing'));
  const privateId = state.privateSessionId;
  if (privateId) {
    // Opened since the page was drawn: the server's page has its panel and reply box.
    if ($('#private')?.dataset['thread'] !== privateId) return location.reload();
    drawChat($('#private-messages'), state, privateId);
    if (before && newFromAgent(before, state, privateId)) hideTyping($('#private-typing'));
  }
  localizeTimes();
  markRead(state);
}

/** The agent's name: from the room last fetched, else as the server drew it in the header. */
const agentName = () => current?.agent.name ?? $('#agent-name')?.firstChild?.textContent?.trim() ?? t('common.your_agent');

const newFromAgent = (before: ParticipantRoomView, after: ParticipantRoomView, threadId: string | null) => {
  const known = new Set(before.messages.map((m) => m.id));
  return after.messages.some((m) => m.threadId === threadId && m.author.kind === 'agent' && !known.has(m.id));
};

let refreshing: Promise<void> | null = null;
let again = false;
/** The state again; one fetch at a time, and one more if something changed meanwhile. */
function refresh(): void {
  if (refreshing) {
    again = true;
    return;
  }
  refreshing = (async () => {
    const res = await fetch('/room/api/state', { headers: { Accept: 'application/json' } }).catch(() => null);
    if (res?.ok) render((await res.json()) as ParticipantRoomView);
    else if (res) location.reload(); // signed out or access ended: the server's page says which
  })().finally(() => {
    refreshing = null;
    if (again) {
      again = false;
      refresh();
    }
  });
}

const main = $('main[data-version]');
localizeTimes();
wireLanguageMenu();
wireMarkDone(refresh);
for (const list of [$('#messages'), $('#private-messages')]) if (list) scrollToNewest(list);
void refreshMyContacts();
const readNow = () => (current ? markRead(current) : markReadOnLoad());
watchChats([$('#messages'), $('#private-messages')], readNow);
readNow(); // where nothing can tell whether the chat is on screen, read on arrival
document.addEventListener('visibilitychange', readNow);

new LiveSocket<ParticipantFrame>({
  path: '/room/api/ws',
  version: Number(main?.dataset['version'] ?? 0),
  onFrame: (frame) => {
    if (frame.type === 'typing') return showTyping(frame.threadId === null ? $('#chat-typing') : $('#private-typing'), agentName());
    if (frame.type === 'read') return showReadUntil(frame.until, current);
    if (frame.type === 'event' || frame.type === 'presence' || frame.type === 'resync') refresh();
    // Someone this customer assigned entered, completed, or was assigned: "My contacts" follows.
    if (frame.type === 'event' || frame.type === 'resync') void refreshMyContacts();
  },
  // Access ended or narrowed, or the link was revoked: the page again shows what is allowed now (a limited view,
  // the ended page). Replaced by a newer window: say so and stay, rather than take the socket back from it.
  onClosing: (reason) => {
    if (reason !== 'replaced') return location.reload();
    main?.prepend(el('p', { class: 'banner', role: 'status' }, t('room.replaced')));
  },
});

for (const [formId, textId, errorId, threadOf] of [
  ['#chat-form', '#chat-text', '#chat-error', () => null],
  ['#private-form', '#private-text', '#private-error', () => $('#private')?.dataset['thread'] ?? null],
] as const) {
  const form = $<HTMLFormElement>(formId);
  if (!form) continue;
  const threadId = threadOf();
  composer({ form, text: $<HTMLTextAreaElement>(textId)!, error: $(errorId)!, threadId, sent: refresh, typing: () => tellTyping(threadId) });
}
