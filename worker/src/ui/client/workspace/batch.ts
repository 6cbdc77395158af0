// The session page's "Send a batch" dialog (workspace/batch-dialog.tsx): a
// name and 2–10 templates from Assets in the order they are to be
// completed, posted to POST …/batches. A template the API refuses is named
// by its place ("documents.1: …") and shown at that row.
import { $, api, clearErrors, showError } from './common';

export interface BatchHost {
  /** /sessions/{id}, for the API paths. */
  base: string;
  announce(text: string): void;
  refresh(): Promise<void>;
}

type Template = { id: string; name: string; version: number };

export function batchDialog(host: BatchHost): { onClick(target: HTMLButtonElement): boolean } {
  const dialog = $<HTMLDialogElement>('batch-dialog');
  const form = $<HTMLFormElement>('batch-form');
  const list = $<HTMLOListElement>('batch-docs');
  const addRow = $<HTMLButtonElement>('batch-add-doc');
  const min = Number(form?.dataset.min ?? 2);
  const max = Number(form?.dataset.max ?? 10);
  let templates: Template[] | null = null;
  let trigger: HTMLElement | null = null;

  const rows = () => Array.from(list?.querySelectorAll<HTMLSelectElement>('select') ?? []);

  /** One numbered row: its template, its error line (named as the API names it), and Remove above the minimum. */
  function row(): HTMLLIElement {
    const li = document.createElement('li');
    li.className = 'ws-field';
    const select = document.createElement('select');
    const label = document.createElement('label');
    const err = document.createElement('p');
    err.className = 'ws-err';
    select.append(new Option('Choose a template…', ''), ...(templates ?? []).map((t) => new Option(`${t.name} (v${t.version})`, t.id)));
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'ws-tool';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => {
      li.remove();
      renumber();
      rows()[0]?.focus();
    });
    li.append(label, select, remove, err);
    return li;
  }

  /** Ids, labels and error fields follow the order: the API names the documents by their place. */
  function renumber(): void {
    const items = Array.from(list?.children ?? []) as HTMLLIElement[];
    items.forEach((li, i) => {
      const select = li.querySelector('select')!;
      const label = li.querySelector('label')!;
      const err = li.querySelector<HTMLElement>('.ws-err')!;
      select.id = `batch-doc-${i}`;
      label.htmlFor = select.id;
      label.textContent = `Document ${i + 1}`;
      err.id = `batch-doc-${i}-err`;
      err.dataset.field = `body.documents.${i}`;
      select.setAttribute('aria-describedby', err.id);
      const remove = li.querySelector('button')!;
      remove.hidden = items.length <= min;
      remove.setAttribute('aria-label', `Remove document ${i + 1}`);
    });
    if (addRow) addRow.hidden = items.length >= max;
  }

  async function open(button: HTMLButtonElement): Promise<void> {
    if (!dialog || !form || !list) return;
    trigger = button;
    form.reset();
    clearErrors(form);
    if (!templates) {
      const r = await api<{ templates: Template[] }>('GET', '/templates');
      if (!r.ok) {
        dialog.showModal();
        return showError(form, r.error);
      }
      templates = r.data.templates;
    }
    list.replaceChildren(...Array.from({ length: min }, row));
    renumber();
    dialog.showModal();
    if (templates.length < min) $('batch-err')!.textContent = `A batch needs at least ${min} templates in Assets; there ${templates.length === 1 ? 'is 1' : `are ${templates.length}`}.`;
    $('batch-name')?.focus();
  }

  addRow?.addEventListener('click', () => {
    if (!list || rows().length >= max) return;
    list.append(row());
    renumber();
    rows().at(-1)?.focus();
  });
  $('batch-cancel')?.addEventListener('click', () => dialog?.close());
  dialog?.addEventListener('close', () => {
    if (trigger && document.body.contains(trigger)) trigger.focus();
    trigger = null;
  });
  form?.addEventListener('submit', async (e) => {
    e.preventDefault();
    clearErrors(form);
    const chosen = rows();
    const empty = chosen.find((s) => !s.value);
    if (empty) {
      $(`${empty.id}-err`)!.textContent = 'Choose a template, or remove this row.';
      empty.setAttribute('aria-invalid', 'true');
      empty.focus();
      return;
    }
    const name = $<HTMLInputElement>('batch-name')!.value.trim();
    const r = await api('POST', `${host.base}/batches`, { name, documents: chosen.map((s) => ({ templateId: s.value })) });
    if (!r.ok) return showError(form, r.error);
    dialog!.close();
    host.announce(`The batch ${name} was sent: ${chosen.length} documents, completed in order.`);
    await host.refresh();
  });

  return {
    onClick(target) {
      if (!target.dataset.batch) return false;
      void open(target);
      return true;
    },
  };
}
