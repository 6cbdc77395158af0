// The agent's document form: each field goes to PUT …/fields/:fieldId, then
// POST …/complete; a refused field shows the server's message in place.
import { $, api, clearErrors, sentence } from './common';

export function documentPage(sessionId: string): void {
  const form = $('doc-form');
  if (!form) return;
  const itemId = form.dataset.item!;
  const base = `/sessions/${sessionId}/documents/${itemId}`;
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const submit = form.querySelector<HTMLButtonElement>('button[type=submit]');
    if (submit) submit.disabled = true;
    try {
      let first: HTMLElement | null = null;
      for (const input of form.querySelectorAll<HTMLInputElement>('[data-field-id]')) {
        const value = valueOf(input);
        if (!value) continue;
        const r = await api('PUT', `${base}/fields/${input.dataset.fieldId}`, { value });
        if (!r.ok) {
          const line = $(`${input.id}-err`);
          if (line) line.textContent = sentence(r.error.message.replace(/^(body\.)?value[^:]*: /, ''));
          input.setAttribute('aria-invalid', 'true');
          first ??= input;
          if (r.status === 401 || r.status === 409) break;
        }
      }
      if (first) return first.focus();
      const done = await api('POST', `${base}/complete`);
      if (!done.ok) {
        $('doc-err')!.textContent = sentence(done.error.message);
        return;
      }
      location.href = form.dataset.back!;
    } finally {
      if (submit) submit.disabled = false;
      if (document.activeElement === document.body) submit?.focus();
    }
  });
}

function valueOf(input: HTMLInputElement): Record<string, unknown> | null {
  const type = input.dataset.type;
  if (type === 'checkbox') return { kind: 'checked', checked: input.checked };
  const text = input.value.trim();
  if (!text) return null;
  if (type === 'signature' || type === 'initials') return { kind: 'typed', text };
  return { kind: 'text', text };
}
