// The customer's room (/assets/room.js): the items, the others and the
// agent's presence, and the chat, kept live over the session's socket. On
// every change the room's state is fetched again and drawn; sending a
// message or a file goes to the room API. A private conversation with the
// agent (when they opened one) has its own list and reply box, posting with
// its threadId; its messages never go into the main chat.
import type { ParticipantFrame } from '../../contract/frames';
import type { ParticipantRoomView } from '../../contract/session';
import { DONE_STATUSES, DOCUMENT_KINDS, ITEM_STATUS_LABELS } from '../../domain/catalogue';
import { chatAuthor } from '../chat-author';
import { LiveSocket } from './live/live-socket';
import { signerList } from './room/signer-list';
import { refreshMyContacts } from './room/my-contacts';
import { itemSignerLines, signedCountText } from '../signer-status';
import { el } from './room/dom';

const ROOM = { 'X-Parley-Room': '1' };
const $ = <T extends HTMLElement = HTMLElement>(selector: string) => document.querySelector<T>(selector);

function render(state: ParticipantRoomView): void {
  const items = $('#items')!;
  items.replaceChildren();
  if (!state.items.length) items.append(el('li', { class: 'muted' }, 'Nothing to do yet.'));
  for (const i of state.items) {
    const name = DOCUMENT_KINDS.has(i.kind) ? el('a', { href: `/room/documents/${i.id}` }, i.name) : el('span', {}, i.name);
    const card = el('li', { class: 'card' }, name);
    // As room-pages.tsx draws it: the document's own count, and each signer when there is more than one.
    if (i.signers) card.append(el('span', { class: 'count' }, signedCountText(i.signers)));
    card.append(el('span', { class: DONE_STATUSES.has(i.status) ? 'status done' : 'status' }, ITEM_STATUS_LABELS[i.status]));
    if (i.signers && i.signers.length > 1) card.append(signerList(itemSignerLines(i.signers, state.me, state.others), `Signers of ${i.name}`));
    items.append(card);
  }
  const people = $('#participants')!;
  people.replaceChildren();
  if (!state.others.length) people.append(el('li', { class: 'muted' }, 'Only you and your agent.'));
  for (const p of state.others) {
    people.append(el('li', {}, el('span', { class: p.online ? 'presence online' : 'presence', 'aria-hidden': 'true' }), `${p.name} (${p.roleName}) — ${p.online ? 'online' : 'offline'}${p.completed ? ', completed' : ''}`));
  }
  $('#agent-presence')!.className = state.agentOnline ? 'presence online' : 'presence';
  $('#agent-status')!.textContent = state.agentOnline ? 'Your agent is online' : 'Your agent is offline';
  drawChat($('#messages'), state, null);
  const privateId = state.privateSessionId;
  if (!privateId) return;
  // Opened since the page was drawn: the server's page has its panel and reply box.
  if ($('#private')?.dataset['thread'] !== privateId) return location.reload();
  drawChat($('#private-messages'), state, privateId);
}

/** One conversation: the main chat (thread null) or the private one. */
function drawChat(list: HTMLElement | null, state: ParticipantRoomView, threadId: string | null): void {
  if (!list) return;
  list.replaceChildren();
  for (const m of state.messages.filter((x) => x.threadId === threadId)) {
    const who = chatAuthor(m.author, state);
    const body = m.file ? el('a', { href: `/room/api/files/${m.file.id}` }, m.file.name) : (m.text ?? '');
    list.append(el('li', { class: 'msg' }, el('span', { class: 'who' }, `${who}:`), body));
  }
  list.scrollTop = list.scrollHeight;
}

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
void refreshMyContacts();
new LiveSocket<ParticipantFrame>({
  path: '/room/api/ws',
  version: Number(main?.dataset['version'] ?? 0),
  onFrame: (frame) => {
    if (frame.type === 'event' || frame.type === 'presence' || frame.type === 'resync') refresh();
    // Someone this customer assigned entered, completed, or was assigned: "My contacts" follows.
    if (frame.type === 'event' || frame.type === 'resync') void refreshMyContacts();
  },
  // Access ended or narrowed, or the link was revoked: the page again shows what is allowed now (a limited view,
  // the ended page). Replaced by a newer window: say so and stay, rather than take the socket back from it.
  onClosing: (reason) => {
    if (reason !== 'replaced') return location.reload();
    main?.prepend(el('p', { class: 'banner', role: 'status' }, 'This room is open in another window, so this one no longer updates by itself. Reload the page to continue here.'));
  },
});

const form = $<HTMLFormElement>('#chat-form');
form?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('#chat-text')!;
  const file = $<HTMLInputElement>('#chat-file');
  const note = $('#chat-error')!;
  note.textContent = '';
  const text = input.value.trim();
  let res: Response;
  if (file?.files?.[0]) {
    const body = new FormData();
    body.append('file', file.files[0]);
    if (text) body.append('text', text);
    res = await fetch('/room/api/attachments', { method: 'POST', headers: ROOM, body });
  } else if (text) {
    res = await fetch('/room/api/messages', { method: 'POST', headers: { ...ROOM, 'Content-Type': 'application/json' }, body: JSON.stringify({ text }) });
  } else return;
  if (res.ok) {
    input.value = '';
    if (file) file.value = '';
    refresh();
  } else {
    const err = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    note.textContent = err.error?.message ?? 'Could not send.';
  }
});

const privateForm = $<HTMLFormElement>('#private-form');
privateForm?.addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $<HTMLInputElement>('#private-text')!;
  const note = $('#private-error')!;
  note.textContent = '';
  const text = input.value.trim();
  if (!text) {
    note.textContent = 'Write a message first.';
    input.focus();
    return;
  }
  const threadId = $('#private')!.dataset['thread'];
  const res = await fetch('/room/api/messages', { method: 'POST', headers: { ...ROOM, 'Content-Type': 'application/json' }, body: JSON.stringify({ text, threadId }) });
  if (res.ok) {
    input.value = '';
    refresh();
  } else {
    const err = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    note.textContent = err.error?.message ?? 'Could not send.';
  }
});
