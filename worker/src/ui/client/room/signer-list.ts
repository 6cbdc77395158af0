// A document's signers drawn in the browser, the same markup as the server's
// SignerList (ui/room-signers.tsx): the room's item cards and the document
// page redraw it live from the room's state or the document, with the
// signing moment already in the customer's own time zone.
import type { Translate } from '../../../i18n/translate';
import { signerLineWords, type SignerLine } from '../../signer-status';
import { timeElement } from './i18n';

export function signerList(t: Translate, lines: readonly SignerLine[], label: string, id?: string): HTMLUListElement {
  const ul = document.createElement('ul');
  ul.className = 'plain signers';
  ul.setAttribute('aria-label', label);
  if (id) ul.id = id;
  for (const l of lines) {
    const li = document.createElement('li');
    li.dataset['role'] = l.role;
    li.dataset['done'] = l.done ? '1' : '0';
    if (l.online !== null) {
      const dot = document.createElement('span');
      dot.className = l.online ? 'presence online' : 'presence';
      dot.setAttribute('aria-hidden', 'true');
      li.append(dot);
    }
    if (l.done) {
      const tick = document.createElement('span');
      tick.setAttribute('aria-hidden', 'true');
      tick.textContent = '✓ ';
      li.append(tick);
    }
    li.append(signerLineWords(t, l));
    if (l.done && l.doneAt) li.append(' ', timeElement(l.doneAt));
    ul.append(li);
  }
  return ul;
}
