// The room page's live parts redrawn in the browser: the agent's presence,
// the next-step card with its progress, the items and the people. Drawn
// from the same room model as the server's page (ui/room-model.ts), with
// the same markup as ui/room/{header,next-step,people}.tsx, so a live
// refresh shows exactly what a reload would.
import type { ParticipantRoomView } from '../../../contract/session';
import { roomModel, type ItemLine } from '../../room-model';
import { itemSignerLines, signedCountText } from '../../signer-status';
import { el } from './dom';
import { t } from './i18n';
import { signerList } from './signer-list';

const $ = (selector: string) => document.querySelector<HTMLElement>(selector);

export function drawRoom(state: ParticipantRoomView): void {
  const model = roomModel(t, state);
  $('#agent-presence')!.className = model.agent.online ? 'presence online' : 'presence';
  $('#agent-status')!.textContent = model.agent.status;

  const next = $('#next-step')!;
  next.className = model.next.kind === 'action' ? 'next-step' : 'next-step quiet';
  const card: Node[] = [el('h2', { id: 'next-title' }, model.next.title)];
  if (model.next.kind === 'action' && model.next.href) card.push(el('a', { class: 'button primary', href: model.next.href }, model.next.button));
  if (model.next.kind === 'action' && model.next.action === 'done') {
    card.push(el('button', { type: 'button', class: 'button primary', 'data-mark-done': model.next.itemId }, model.next.button), el('p', { id: 'next-error', role: 'alert', class: 'error' }));
  }
  if (model.next.kind === 'none' && model.next.detail) card.push(el('p', { class: 'muted' }, model.next.detail));
  if (model.progress) {
    const bar = el('progress', { id: 'progress-bar', max: String(model.progress.total), value: String(model.progress.done), 'aria-labelledby': 'progress-text' });
    card.push(el('div', { class: 'progress' }, el('p', { id: 'progress-text' }, model.progress.text), bar));
  }
  next.replaceChildren(...card);

  $('#items-section')!.hidden = model.items.length === 0;
  $('#items')!.replaceChildren(...model.items.map((line) => itemCard(line, state)));

  $('#people-h')!.hidden = model.alone !== null;
  const alone = $('#people-alone')!;
  alone.hidden = model.alone === null;
  alone.textContent = model.alone ?? '';
  $('#participants')!.replaceChildren(...model.people.map((p) => el('li', {}, el('span', { class: p.online ? 'presence online' : 'presence', 'aria-hidden': 'true' }), p.text)));
}

function itemCard(line: ItemLine, state: ParticipantRoomView): HTMLElement {
  const signers = line.item.signers;
  const card = el('li', { class: line.finished ? 'card item done' : 'card item', 'data-status': line.status }, el('span', { class: 'tick', 'aria-hidden': 'true' }, line.finished ? '✓' : ''));
  card.append(line.href ? el('a', { href: line.href }, line.name) : el('span', {}, line.name));
  if (signers) card.append(el('span', { class: 'count' }, signedCountText(t, signers)));
  card.append(el('span', { class: line.finished ? 'status done' : `status ${line.status}` }, line.statusText));
  if (signers && signers.length > 1) card.append(signerList(t, itemSignerLines(t, signers, state.me, state.others), t('room.items.signers', { name: line.name })));
  return card;
}
