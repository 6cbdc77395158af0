// The Assign step on a document page of the customer's room: the roles the
// agent left for this customer to fill in (GET /room/api/items/{id}/assign),
// one fieldset each: name, email, phone (not asked while text messages are
// off), and for an optional role "No one takes this role". Mandatory roles
// must be given before "Next"; a refusal from the server is shown at the
// field it names ("roles.Cosigner.contact.email: …"). Texts in the
// customer's language (catalogue area "document.assign.*").
import type { AssignStepView } from '../../../contract/documents';
import { el } from './dom';
import { errorText } from './errors';
import { t } from './i18n';

type Api = (path: string, init?: RequestInit) => Promise<{ ok: boolean; status: number; json: any }>;

/**
 * Show the Assign step when this customer has roles to assign on the
 * document; resolves true while they do (the page keeps signing closed until
 * they are done, then loads itself again).
 */
export async function assignStep(itemId: string, api: Api, mayAct: boolean): Promise<boolean> {
  const section = document.querySelector<HTMLElement>('#assign');
  if (!section || !mayAct) return false;
  const r = await api(`/room/api/items/${itemId}/assign`);
  if (!r.ok) return false;
  const step = r.json as AssignStepView;
  if (step.roles.length === 0) return false;

  const rolesEl = section.querySelector<HTMLElement>('#assign-roles')!;
  const errorEl = section.querySelector<HTMLElement>('#assign-error')!;
  rolesEl.replaceChildren(...step.roles.map((role, i) => roleFieldset(role, i, step.channels)));
  section.hidden = false;
  section.querySelector<HTMLElement>('h2')?.focus();

  section.querySelector('form')!.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(section);
    const roles: Record<string, unknown> = {};
    for (const [i, role] of step.roles.entries()) {
      if (!role.required && input(`assign-${i}-skip`).checked) {
        roles[role.name] = { skip: true };
        continue;
      }
      const contact = { name: input(`assign-${i}-name`).value.trim(), email: valueOf(`assign-${i}-email`), phone: valueOf(`assign-${i}-phone`) };
      // Said here at once for a mandatory role left empty; the server checks everything again.
      if (!contact.name) {
        showAt(section, `roles.${role.name}.contact.name`, t(role.required ? 'document.assign.name_needed' : 'document.assign.name_or_skip'));
        return;
      }
      roles[role.name] = { contact };
    }
    const sent = await api(`/room/api/items/${itemId}/assign`, { method: 'POST', body: JSON.stringify({ roles }) });
    if (!sent.ok) {
      const message: string = sent.json?.error?.message ?? '';
      const issues: { field: string; message: string }[] = sent.json?.error?.issues ?? [];
      const first = issues[0];
      if (first) showAt(section, first.field.replace(/^body\./, ''), first.message);
      else {
        const named = /^([^:]+): (.*)$/.exec(message);
        if (!named || !showAt(section, named[1]!, named[2]!)) errorEl.textContent = errorText(sent.json, 'document.assign.failed');
      }
      return;
    }
    // Assigned: the document opens for signing as the page draws it anew.
    location.reload();
  });
  return true;
}

function roleFieldset(role: AssignStepView['roles'][number], i: number, channels: AssignStepView['channels']): HTMLElement {
  const box = el('fieldset', { class: 'assign-role', id: `assign-${i}` });
  box.append(el('legend', {}, t(role.required ? 'document.assign.required' : 'document.assign.optional', { role: role.name })));
  const field = (part: string) => `roles.${role.name}.contact${part}`;
  const fields = el('div', { id: `assign-${i}-fields` });
  fields.append(
    labelled(`assign-${i}-name`, t('document.assign.name'), 'text', field('.name'), 'name'),
    labelled(`assign-${i}-email`, t('document.assign.email'), 'email', field('.email'), 'email'),
  );
  if (channels.smsEnabled) fields.append(labelled(`assign-${i}-phone`, t('document.assign.phone'), 'tel', field('.phone'), 'tel'));
  if (channels.otpRequired) {
    fields.append(el('p', { class: 'muted' }, t(channels.smsEnabled ? 'document.assign.otp_both' : 'document.assign.otp_email')));
  }
  fields.append(el('p', { class: 'error', role: 'alert', 'data-field': field('') }));
  box.append(fields);
  if (!role.required) {
    const skip = el('input', { type: 'checkbox', id: `assign-${i}-skip` }) as HTMLInputElement;
    const line = el('p', { class: 'row' });
    line.append(skip, Object.assign(el('label', { for: `assign-${i}-skip` }), { textContent: t('document.assign.skip') }));
    skip.addEventListener('change', () => {
      fields.hidden = skip.checked;
    });
    box.append(line);
  }
  box.append(el('p', { class: 'error', role: 'alert', 'data-field': `roles.${role.name}` }));
  return box;
}

/** Show a message at the error line of `field` (or the nearest one above it); false when the form has none. */
function showAt(root: HTMLElement, field: string, message: string): boolean {
  let name = field;
  while (name) {
    const line = root.querySelector<HTMLElement>(`[data-field="${name.replace(/["\\]/g, '\\$&')}"].error`);
    if (line) {
      line.textContent = message;
      const control = root.querySelector<HTMLElement>(`input[data-field="${name.replace(/["\\]/g, '\\$&')}"]`);
      control?.setAttribute('aria-invalid', 'true');
      (control ?? line).focus?.();
      return true;
    }
    name = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : '';
  }
  return false;
}

function clear(root: HTMLElement): void {
  for (const line of root.querySelectorAll<HTMLElement>('.error')) line.textContent = '';
  for (const control of root.querySelectorAll('[aria-invalid]')) control.removeAttribute('aria-invalid');
}

function labelled(id: string, text: string, type: string, field: string, autocomplete: string): HTMLElement {
  const box = el('p', {});
  const errId = `${id}-err`;
  box.append(
    Object.assign(el('label', { for: id }), { textContent: text }),
    el('input', { id, type, autocomplete: `section-${id} ${autocomplete}`, 'data-field': field, 'aria-describedby': errId }),
    el('span', { class: 'error', id: errId, 'data-field': field, role: 'alert' }),
  );
  return box;
}

const input = (id: string) => document.getElementById(id) as HTMLInputElement;
const valueOf = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() || undefined;
