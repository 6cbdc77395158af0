// The admin's message texts, one language at a time (workspace/admin-messaging.tsx
// MessageTextsSection): saving sends the texts of the language shown, under
// `messages` (English) or `languages.<code>`, to PATCH
// /api/v1/settings/notifications; only texts that changed are sent, so a text
// left alone stays Parley's own and keeps getting its improvements.
import { $, api, type ApiError } from './common';

export function messageTextsForm(showIssues: (root: HTMLElement, error: ApiError) => void, clear: (root: ParentNode) => void): void {
  const form = $<HTMLFormElement>('texts-form');
  if (!form) return;
  const status = $('texts-status');
  const areas = [...form.querySelectorAll<HTMLTextAreaElement>('textarea[data-type][data-text]')];
  const shown = new Map(areas.map((a) => [a, a.value]));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    clear(form);
    if (status) status.textContent = '';
    const texts: Record<string, Record<string, string>> = {};
    for (const area of areas) {
      if (area.value === shown.get(area)) continue;
      (texts[area.dataset.type!] ??= {})[area.dataset.text!] = area.value;
    }
    if (Object.keys(texts).length === 0) {
      if (status) status.textContent = 'Nothing changed.';
      return;
    }
    // "messages" or "languages.es": the same path the fields' errors name.
    const [head, language] = form.dataset.prefix!.split('.');
    const body = language ? { [head!]: { [language]: texts } } : { [head!]: texts };
    const save = $<HTMLButtonElement>('texts-save');
    if (save) save.disabled = true;
    const r = await api('PATCH', '/settings/notifications', body);
    if (save) save.disabled = false;
    if (!r.ok) return showIssues(form, r.error);
    for (const area of areas) shown.set(area, area.value);
    if (status) status.textContent = 'Saved.';
  });
}
