// The sessions list page: the start / pre-plan form posts to POST /api/v1/sessions.
import { $, api, clearErrors, showError, valueOf } from './common';

export function listPage(): void {
  const form = $('start-form');
  if (!form) return;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const submit = $<HTMLButtonElement>('start-submit')!;
    if (submit.disabled) return;
    clearErrors(form);
    const system = valueOf('start-crm-system');
    const objectType = valueOf('start-crm-object');
    const recordId = valueOf('start-crm-record');
    const body: Record<string, unknown> = {
      customer: { name: $<HTMLInputElement>('start-name')!.value, email: valueOf('start-email'), phone: valueOf('start-phone'), language: valueOf('start-language') },
      invite: !$<HTMLInputElement>('start-preplan')!.checked,
    };
    if (system || objectType || recordId) body.crmRecord = { system: system ?? '', objectType, recordId: recordId ?? '' };
    submit.disabled = true;
    submit.setAttribute('aria-busy', 'true');
    const r = await api<{ session: { id: string } }>('POST', '/sessions', body);
    submit.removeAttribute('aria-busy');
    if (r.ok) {
      location.href = `/app/sessions/${r.data.session.id}`;
      return;
    }
    submit.disabled = false;
    showError(form, r.error);
    if (document.activeElement === document.body) submit.focus();
  });
}
