// The session page's "Send a batch" dialog (workspace/batch-dialog.tsx): a
// name and 2–10 templates from Assets in the order they are to be
// completed, and one participant list for the whole batch (the roles beyond
// Customer and Agent across the chosen templates, client/workspace/batch-roles.ts,
// drawn by the single send's client/workspace/participant-list.ts), posted to
// POST …/batches with each document's part of the list. A template the API
// refuses is named by its place ("documents.1: …") and shown at that row; a
// refused role ("documents.1.roles.Cosigner…") at that role's fields, which
// all the documents share.
import { $, api, clearErrors, showError } from './common';
import { unionOfRoles, listForDocument } from './batch-roles';
import { atRoleFields, channelRulesOf, ParticipantListFields, type TemplateRole } from './participant-list';

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
  const people = $('batch-people');
  const peopleStatus = $('batch-people-status');
  const rolesBox = $('batch-roles');
  const min = Number(form?.dataset.min ?? 2);
  const max = Number(form?.dataset.max ?? 10);
  const fields = form && rolesBox ? new ParticipantListFields(rolesBox, { idPrefix: 'batch-role', rules: channelRulesOf(form) }) : null;
  /** Each template's roles (GET /templates/{id}), asked once per page. */
  const rolesOf = new Map<string, TemplateRole[]>();
  let templates: Template[] | null = null;
  let trigger: HTMLElement | null = null;
  /** The latest roles update: an older one finishing late does not draw over it. */
  let rolesTurn = 0;

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
    select.addEventListener('change', () => void showRoles());
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'ws-tool';
    remove.textContent = 'Remove';
    remove.addEventListener('click', () => {
      li.remove();
      renumber();
      rows()[0]?.focus();
      void showRoles();
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

  /**
   * The participant list for the templates chosen now: their roles are
   * fetched once each, and the union is drawn, keeping what was typed for a
   * role that stays. False when a template's roles could not be read (said at its row).
   */
  async function showRoles(): Promise<boolean> {
    if (!fields || !people) return true;
    const turn = ++rolesTurn;
    const chosen = rows().filter((s) => s.value);
    for (const select of chosen) {
      if (rolesOf.has(select.value)) continue;
      const t = await api<{ roles: TemplateRole[] }>('GET', `/templates/${select.value}`);
      if (!t.ok) {
        $(`${select.id}-err`)!.textContent = `Its roles could not be read: ${t.error.message}`;
        return false;
      }
      rolesOf.set(select.value, t.data.roles);
    }
    if (turn !== rolesTurn) return true;
    const roles = unionOfRoles(chosen.map((s) => rolesOf.get(s.value) ?? []));
    const before = fields.roles().map((r) => r.name).join(', ');
    fields.show(roles);
    people.hidden = roles.length === 0;
    const now = roles.map((r) => r.name).join(', ');
    if (peopleStatus && now !== before) peopleStatus.textContent = now ? `Participants to give for the batch: ${now}.` : '';
    return true;
  }

  async function open(button: HTMLButtonElement): Promise<void> {
    if (!dialog || !form || !list) return;
    trigger = button;
    form.reset();
    clearErrors(form);
    fields?.show([]);
    if (people) people.hidden = true;
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
    // Every chosen template's roles are known (and shown) before the list is read.
    if (!(await showRoles())) return;
    const name = $<HTMLInputElement>('batch-name')!.value.trim();
    const participantList = fields?.list() ?? {};
    const documents = chosen.map((s) => ({ templateId: s.value, roles: listForDocument(participantList, rolesOf.get(s.value) ?? []) }));
    const r = await api('POST', `${host.base}/batches`, { name, documents });
    if (!r.ok) return showError(form, atRoleFields(r.error, fields?.roles().map((role) => role.name) ?? []));
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
