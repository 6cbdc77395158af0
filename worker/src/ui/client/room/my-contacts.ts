// "My contacts" in the customer's room (the #my-contacts section of
// room-pages.tsx): the people this customer assigned in an Assign step, with
// the details they gave and how far each got (GET /room/api/contacts). Until
// one has entered, "Change details and resend" corrects their email or phone
// and sends a fresh invitation (PATCH /room/api/contacts/{id}); the old link
// stops working.
import type { MyContactView } from '../../../contract/session';
import { el } from './dom';
import { errorText } from './errors';
import { t } from './i18n';

const ROOM = { 'X-Parley-Room': '1' };

/** Draw the section again from the server; hidden while this customer assigned nobody. */
export async function refreshMyContacts(): Promise<void> {
  const section = document.querySelector<HTMLElement>('#my-contacts');
  if (!section) return;
  const res = await fetch('/room/api/contacts', { headers: ROOM, credentials: 'same-origin' });
  if (!res.ok) return;
  const { contacts, smsEnabled } = (await res.json()) as { contacts: MyContactView[]; smsEnabled: boolean };
  const list = section.querySelector<HTMLElement>('#contacts-list')!;
  // A form someone is typing in stays as it is: the list redraws only when none is open.
  if (list.querySelector('form')) return;
  list.replaceChildren(...contacts.map((c) => contactItem(c, smsEnabled)));
  section.hidden = contacts.length === 0;
}

function contactItem(c: MyContactView, smsEnabled: boolean): HTMLElement {
  const item = el('li', { class: 'card', id: `contact-${c.id}` });
  const reach = [c.email, c.phone].filter(Boolean).join(', ');
  item.append(el('span', {}, `${c.name} (${c.roleName})${reach ? ` — ${reach}` : ''}`), el('span', { class: c.status === 'completed' ? 'status done' : 'status' }, t(`contacts.status.${c.status}`)));
  if (c.status === 'invited' || c.status === 'not_invited') {
    const open = el('button', { type: 'button', class: 'secondary', 'aria-expanded': 'false', 'aria-controls': `reengage-${c.id}` }, t('contacts.change'));
    open.addEventListener('click', () => {
      if (item.querySelector('form')) return;
      open.setAttribute('aria-expanded', 'true');
      const form = reengageForm(c, smsEnabled, () => {
        form.remove();
        open.setAttribute('aria-expanded', 'false');
        open.focus();
      });
      item.append(form);
      form.querySelector<HTMLInputElement>('input')?.focus();
    });
    item.append(open);
  }
  return item;
}

function reengageForm(c: MyContactView, smsEnabled: boolean, close: () => void): HTMLFormElement {
  const form = el('form', { id: `reengage-${c.id}`, novalidate: '' }) as HTMLFormElement;
  const email = field(`reengage-${c.id}-email`, t('contacts.email'), 'email', c.email ?? '');
  // No phone while text messages are off: it would be refused.
  const phone = smsEnabled ? field(`reengage-${c.id}-phone`, t('contacts.phone'), 'tel', c.phone ?? '') : null;
  const error = el('p', { class: 'error', role: 'alert' });
  const row = el('p', { class: 'row' });
  const cancel = el('button', { type: 'button', class: 'secondary' }, t('contacts.cancel'));
  cancel.addEventListener('click', close);
  row.append(el('button', { type: 'submit' }, t('contacts.resend')), cancel);
  form.append(email.box, ...(phone ? [phone.box] : []), error, row);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    const body: Record<string, string> = {};
    const newEmail = email.input.value.trim();
    const newPhone = phone?.input.value.trim();
    if (newEmail && newEmail !== c.email) body['email'] = newEmail;
    if (newPhone && newPhone !== c.phone) body['phone'] = newPhone;
    if (Object.keys(body).length === 0) {
      error.textContent = t(phone ? 'contacts.change_first' : 'contacts.change_email_first');
      email.input.focus();
      return;
    }
    const res = await fetch(`/room/api/contacts/${c.id}`, {
      method: 'PATCH',
      headers: { ...ROOM, 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
    if (!res.ok) {
      error.textContent = errorText(await res.json().catch(() => null), 'contacts.error.send');
      return;
    }
    close();
    const status = document.querySelector<HTMLElement>('#contacts-status');
    if (status) status.textContent = t('contacts.sent', { name: c.name });
    await refreshMyContacts();
  });
  return form;
}

function field(id: string, label: string, type: string, value: string): { box: HTMLElement; input: HTMLInputElement } {
  const box = el('p', {});
  const input = el('input', { id, type, autocomplete: 'off' }) as HTMLInputElement;
  input.value = value;
  box.append(el('label', { for: id }, label), input);
  return { box, input };
}
