// The dialog for one field: text, choices, a checkbox, a file or photo, or a
// signature drawn with signature_pad (or typed). Every value is checked again
// by the server; its refusal is shown in the dialog, in the customer's words.
import SignaturePad from 'signature_pad';
import type { DocumentItemView } from '../../../../contract/documents';
import { errorText } from '../errors';
import { t } from '../i18n';
import { $, api, canFill, itemId, labelOf, page, type Field } from './context';
import { forgetDrawing } from './pages';

const dialog = $<HTMLDialogElement>('#field-dialog');
const inputEl = $('#field-input');
const fieldError = $('#field-error');
let current: Field | null = null;
let pad: SignaturePad | null = null;
let readValue: () => Promise<unknown> = async () => null;

const textOf = (f: Field) => (f.value && 'text' in f.value ? (f.value.text ?? '') : '');
const checkedOf = (f: Field) => f.value?.kind === 'checked' && f.value.checked;

export function openField(id: string): void {
  const f = page.view.document.fields.find((x) => x.id === id);
  if (!f || !canFill(f)) return;
  current = f;
  fieldError.textContent = '';
  $('#field-dialog-title').textContent = labelOf(f);
  inputEl.replaceChildren();
  pad = null;
  buildInput(f);
  dialog.showModal();
}

/** Wires the dialog's Save and Cancel; after a save, `saved` moves on (the next field, or Finish). */
export function fieldDialog(saved: () => void): void {
  $('#field-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!current) return;
    fieldError.textContent = '';
    let value: unknown;
    try {
      value = await readValue();
    } catch (err) {
      fieldError.textContent = (err as Error).message;
      return;
    }
    const r = await api(`/room/api/documents/${itemId}/fields/${encodeURIComponent(current.id)}`, { method: 'PUT', body: JSON.stringify({ value }) });
    if (!r.ok) {
      fieldError.textContent = errorText(r.json, 'document.field.save_failed');
      return;
    }
    page.view = r.json as DocumentItemView;
    forgetDrawing(current.id);
    dialog.close();
    page.redraw();
    saved();
  });
  $('#field-cancel').addEventListener('click', () => dialog.close());
}

function buildInput(f: Field): void {
  const id = 'field-value';
  const add = (node: HTMLElement) => inputEl.append(node);
  if (f.type === 'signature' || f.type === 'initials') return signatureInput(f, id, add);
  if (f.type === 'checkbox') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.checked = checkedOf(f);
    const line = document.createElement('p');
    line.className = 'row';
    line.append(box, labelFor(id, labelOf(f)));
    add(line);
    readValue = async () => ({ kind: 'checked', checked: box.checked });
    return;
  }
  if (f.type === 'radio' || f.type === 'dropdown') {
    const select = document.createElement('select');
    select.id = id;
    for (const o of f.options ?? []) select.append(new Option(o, o, false, textOf(f) === o));
    add(labelFor(id, labelOf(f)));
    add(select);
    readValue = async () => ({ kind: 'text', text: select.value });
    return;
  }
  if (f.type === 'attachment') {
    const file = document.createElement('input');
    file.type = 'file';
    file.id = id;
    file.accept = 'application/pdf,image/*';
    file.setAttribute('capture', 'environment');
    add(labelFor(id, t('document.file.choose')));
    add(file);
    readValue = async () => {
      const chosen = file.files?.[0];
      if (!chosen) throw new Error(t('document.file.choose_first'));
      const form = new FormData();
      form.append('file', chosen);
      const up = await api('/room/api/attachments', { method: 'POST', body: form });
      if (!up.ok) throw new Error(errorText(up.json, 'document.file.failed'));
      return { kind: 'file', fileId: up.json.file.id };
    };
    return;
  }
  const input = textInput(id, '');
  input.type = f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text';
  if (f.type === 'number') input.inputMode = 'decimal';
  input.value = textOf(f);
  input.required = f.required;
  add(labelFor(id, labelOf(f)));
  add(input);
  readValue = async () => {
    // Said here, in the customer's words; the server checks everything again.
    if (f.required && !input.value.trim()) throw new Error(t('document.field.required_empty'));
    return { kind: 'text', text: input.value };
  };
}

/** Draw (the default) or Type, as two toggle buttons; Clear under the pad. */
function signatureInput(f: Field, id: string, add: (node: HTMLElement) => void): void {
  const initials = f.type === 'initials';
  const tabs = document.createElement('div');
  tabs.className = 'row';
  tabs.setAttribute('role', 'group');
  const draw = button(t('document.pad.draw'), 'secondary');
  const type = button(t('document.pad.type'), 'secondary');
  tabs.append(draw, type);
  add(tabs);
  const area = document.createElement('div');
  add(area);
  const choose = (drawing: boolean) => {
    draw.setAttribute('aria-pressed', String(drawing));
    type.setAttribute('aria-pressed', String(!drawing));
  };
  const showDraw = () => {
    choose(true);
    area.replaceChildren();
    const canvas = document.createElement('canvas');
    canvas.className = 'pad';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t(initials ? 'document.pad.draw_initials' : 'document.pad.draw_signature'));
    const clear = button(t('document.pad.clear'), 'secondary');
    area.append(canvas, clear);
    requestAnimationFrame(() => {
      const ratio = Math.max(window.devicePixelRatio || 1, 1);
      canvas.width = canvas.offsetWidth * ratio;
      canvas.height = canvas.offsetHeight * ratio;
      canvas.getContext('2d')!.scale(ratio, ratio);
      pad = new SignaturePad(canvas, { backgroundColor: 'rgba(0,0,0,0)' });
    });
    clear.addEventListener('click', () => pad?.clear());
    readValue = async () => {
      if (!pad || pad.isEmpty()) throw new Error(t('document.pad.empty'));
      return { kind: 'drawn', png: pad.toDataURL('image/png').split(',')[1] };
    };
  };
  const showType = () => {
    choose(false);
    area.replaceChildren();
    const input = textInput(id, t(initials ? 'document.pad.type_initials' : 'document.pad.type_name'));
    input.classList.add('script');
    area.append(labelFor(id, t(initials ? 'document.pad.initials_label' : 'document.pad.name_label')), input);
    input.focus();
    pad = null;
    readValue = async () => ({ kind: 'typed', text: input.value });
  };
  draw.addEventListener('click', showDraw);
  type.addEventListener('click', showType);
  showDraw();
}

function button(text: string, cls = ''): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (cls) b.className = cls;
  return b;
}
function textInput(id: string, placeholder: string): HTMLInputElement {
  const i = document.createElement('input');
  i.id = id;
  i.type = 'text';
  i.autocomplete = 'off';
  if (placeholder) i.placeholder = placeholder;
  return i;
}
function labelFor(id: string, text: string): HTMLLabelElement {
  const l = document.createElement('label');
  l.htmlFor = id;
  l.textContent = text;
  return l;
}
