// The request page in the customer's room (room-request-page.tsx): a photo
// or file picked for a document is made ready (client/room/normalise-photo.ts),
// sent (PUT /room/api/requests/{id}/slots/{slot}/file) and the cards are drawn
// again from the answer; the agent's decisions arrive over the live socket.
// The cards are drawn from the same model as the server page's
// (ui/room/request-words.ts), so a live redraw never shows something else.
import type { DocumentRequestView } from '../../contract/document-requests';
import type { ParticipantFrame } from '../../contract/frames';
import { frameConcernsItem } from '../room/document-words';
import { requestModel, type SlotLine } from '../room/request-words';
import { LiveSocket } from './live/live-socket';
import { el } from './room/dom';
import { errorText, networkErrorText } from './room/errors';
import { t } from './room/i18n';
import { wireLanguageMenu } from './room/language-menu';
import { normalisePhoto } from './room/normalise-photo';

const ROOM = { 'X-Parley-Room': '1' };
const main = document.getElementById('request')!;
const itemId = main.dataset['itemId']!;
const mayAct = main.dataset['mayAct'] === 'true';
const minSide = Number(main.dataset['minSide'] ?? 600);
const path = `/room/api/requests/${itemId}`;

/** The page drawn again from the request as the server now has it. */
function draw(view: DocumentRequestView): void {
  const model = requestModel(t, view, mayAct);
  document.getElementById('request-progress')!.textContent = model.progress;
  const banner = document.getElementById('request-banner')!;
  banner.textContent = model.banner ?? '';
  banner.hidden = !model.banner;
  // A card whose file is on its way keeps its "Sending…" state and its message,
  // and one that has not changed stays as it is (with the focus in it).
  const list = document.getElementById('slots')!;
  list.replaceChildren(
    ...model.slots.map((s) => {
      const line = JSON.stringify(s);
      const kept = list.querySelector<HTMLElement>(`#slot-${s.id}`);
      return kept && (kept.classList.contains('sending') || kept.dataset['line'] === line) ? kept : card(s, line);
    }),
  );
}

/** One card, as SlotCard in room-request-page.tsx draws it. */
function card(s: SlotLine, line: string): HTMLElement {
  const h = `slot-${s.id}-h`;
  const title = el('h2', { id: h }, s.title);
  if (s.optional) title.append(el('span', { class: 'muted' }, ` · ${t('request.optional')}`));
  const li = el('li', { class: `slot slot-${s.status}`, id: `slot-${s.id}`, 'data-slot-id': s.id, 'data-line': line, 'aria-labelledby': h }, title);
  if (s.note) li.append(el('p', { class: 'slot-note' }, s.note));
  li.append(el('p', { class: 'slot-status' }, el('span', { class: 'status' }, s.statusText)));
  if (s.reason) li.append(el('p', { class: 'slot-reason' }, s.reason));
  if (s.file) {
    const file = el('p', { class: 'slot-file' });
    if (s.file.image) file.append(el('img', { src: s.file.url, alt: t('request.preview', { document: s.title }) }));
    file.append(el('a', { href: s.file.url, target: '_blank', rel: 'noopener' }, s.file.text));
    li.append(file);
  }
  if (s.canSend) {
    const camera = el('input', { id: `camera-${s.id}`, class: 'visually-hidden', type: 'file', accept: 'image/*', capture: 'environment', 'data-slot': s.id });
    const file = el('input', { id: `file-${s.id}`, class: 'visually-hidden', type: 'file', accept: 'image/*,application/pdf', 'data-slot': s.id });
    listenForPick(camera as HTMLInputElement);
    listenForPick(file as HTMLInputElement);
    li.append(
      el(
        'div',
        { class: 'slot-actions' },
        camera,
        el('label', { class: 'button primary', for: `camera-${s.id}` }, t('request.take_photo')),
        file,
        el('label', { class: 'button secondary', for: `file-${s.id}` }, s.file ? t('request.replace') : t('request.choose_file')),
      ),
    );
  }
  li.append(el('p', { class: 'error', role: 'alert', id: `slot-${s.id}-error` }));
  return li;
}

// Answers can come back out of order (a load started before a file was sent
// may end after it): each asks with a number, and an answer older than the one
// drawn is dropped. Every change sends a frame, and its load comes after it.
let asked = 0;
let shown = 0;
function drawIfNewest(ticket: number, view: DocumentRequestView): void {
  if (ticket <= shown) return;
  shown = ticket;
  draw(view);
}

/** The page drawn again from the request as the server has it now. */
async function refresh(): Promise<void> {
  const ticket = ++asked;
  const res = await fetch(path, { headers: ROOM }).catch(() => null);
  if (res?.ok) drawIfNewest(ticket, (await res.json()) as DocumentRequestView);
}

/** A photo or file picked for one document: checked and made ready here, then sent. */
async function send(slotId: string, picked: File): Promise<void> {
  // Looked up when needed: a live redraw may replace the card meanwhile.
  const error = () => document.getElementById(`slot-${slotId}-error`)!;
  error().textContent = '';
  const ready = await normalisePhoto(picked, minSide);
  if (!ready.ok) {
    error().textContent = t(`request.error.${ready.problem}`);
    return;
  }
  const slot = document.getElementById(`slot-${slotId}`)!;
  slot.classList.add('sending');
  const status = slot.querySelector('.slot-status .status');
  if (status) status.textContent = t('request.sending');
  const body = new FormData();
  body.append('file', ready.file);
  const ticket = ++asked;
  const res = await fetch(`${path}/slots/${slotId}/file`, { method: 'PUT', headers: ROOM, body }).catch(() => null);
  const answer: unknown = res?.headers.get('Content-Type')?.includes('json') ? await res.json().catch(() => null) : null;
  slot.classList.remove('sending');
  if (res?.ok) {
    drawIfNewest(ticket, answer as DocumentRequestView);
    return;
  }
  // Drawn again as the server has it (the "Sending…" goes), then the refusal in the customer's words.
  await refresh();
  error().textContent = res ? errorText(answer, 'request.error.send') : networkErrorText();
}

/**
 * Sends what is picked in one input. The listener sits on the input itself,
 * not on the page: a live redraw can replace a card while the camera or the
 * file picker is open, and a detached input's change never bubbles to the
 * page, so the photo would be lost.
 */
function listenForPick(input: HTMLInputElement): void {
  input.addEventListener('change', () => {
    const slotId = input.dataset['slot'];
    const picked = input.files?.[0];
    if (!slotId || !picked) return;
    input.value = '';
    void send(slotId, picked);
  });
}

main.querySelectorAll<HTMLInputElement>('input[type="file"][data-slot]').forEach(listenForPick);

wireLanguageMenu();
new LiveSocket<ParticipantFrame>({
  path: '/room/api/ws',
  version: Number(main.dataset['version'] ?? 0),
  onFrame: async (frame) => {
    if (!frameConcernsItem(frame, itemId) && frame.type !== 'resync') return;
    await refresh();
  },
});
