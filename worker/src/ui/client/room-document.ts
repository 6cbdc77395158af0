// The document page in the customer's room: pages drawn by pdf.js (loaded
// here only, from /vendor), the signer's fields placed over them, a dialog
// per field (text, choices, signature drawn with signature_pad or typed),
// next-field navigation, consent, finish and decline. Every value is checked
// again by the server; its message is shown at the field.
import SignaturePad from 'signature_pad';
import type { DocumentItemView } from '../../contract/documents';
import type { ParticipantFrame } from '../../contract/frames';
import { LiveSocket } from './live/live-socket';
import { approvalSentence } from '../approval-words';
import { signerList } from './room/signer-list';
import { assignStep } from './room/assign-step';
import { documentSignerLines, signedCountText } from '../signer-status';

type Field = DocumentItemView['document']['fields'][number];

/** The text a field holds (typed or written), or its checkbox state. */
const textOf = (f: Field) => (f.value && 'text' in f.value ? f.value.text : '');
const checkedOf = (f: Field) => f.value?.kind === 'checked' && f.value.checked;

const ROOM = { 'X-Parley-Room': '1' };
const $ = <T extends HTMLElement>(sel: string) => document.querySelector(sel) as T;
const main = $('#document');
const itemId = main.dataset['itemId']!;
/** False in limited access (after the session ended): view and download only. */
const mayAct = main.dataset['mayAct'] === 'true';
const pagesEl = $('#pages');
const statusEl = $('#doc-status');
const errorEl = $('#doc-error');
const OPEN = new Set(['sent', 'opened', 'in_progress', 'awaiting_agent']);

let view: DocumentItemView;
let consented = false;
/** The Assign step is showing: signing waits until the roles left to this customer are given (assign-step.ts). */
let assigning = false;
const overlays = new Map<string, HTMLButtonElement>();

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(path, { credentials: 'same-origin', ...init, headers: { ...ROOM, ...(init.body && !(init.body instanceof FormData) ? { 'Content-Type': 'application/json' } : {}), ...(init.headers ?? {}) } });
  const json = res.headers.get('Content-Type')?.includes('json') ? await res.json() : null;
  return { ok: res.ok, status: res.status, json };
}

const label = (f: Field) => f.label ?? f.id.replace(/[_-]+/g, ' ');
const canFill = (f: Field) => !assigning && mayAct && f.mine && view.document.myTurn && OPEN.has(view.item.status) && f.type !== 'date_signed';

function describeValue(f: Field): string {
  const v = f.value;
  if (!v) return f.type === 'date_signed' ? 'Filled when signed' : f.mine ? `${label(f)}${f.required ? ' (required)' : ''}` : '';
  if (v.kind === 'drawn') return 'Signed';
  if (v.kind === 'typed') return v.text ?? '';
  if (v.kind === 'checked') return v.checked ? '✓' : '☐';
  if (v.kind === 'file') return 'File attached';
  return v.text ?? '';
}

function refreshOverlays() {
  for (const f of view.document.fields) {
    const el = overlays.get(f.id);
    if (!el) continue;
    el.textContent = describeValue(f);
    el.className = `field${f.mine ? ' mine' : ''}${f.value ? ' filled' : ''}${f.type === 'signature' || f.type === 'initials' ? ' sig' : ''}`;
    el.disabled = !canFill(f);
    el.setAttribute('aria-label', `${label(f)}: ${f.value ? describeValue(f) : 'empty'}${canFill(f) ? ', press to fill' : ''}`);
  }
  const open = !assigning && mayAct && OPEN.has(view.item.status) && view.document.myTurn;
  $('#next-field').hidden = !open;
  $('#finish').hidden = !open;
  $('#decline').hidden = !(mayAct && view.document.myRoles.length && OPEN.has(view.item.status));
  renderSigners();
  const acting = view.document.roles.filter((r) => r.actingNow).map((r) => r.name);
  statusEl.textContent = assigning
    ? 'First, say who takes the roles your agent left to you.'
    : view.item.status === 'completed'
    ? 'Completed. You can download the signed document.'
    : view.item.status === 'declined'
      ? 'Declined.'
      : !mayAct
        ? 'View and download only.'
        : view.document.myTurn
        ? `${missing().length ? `${missing().length} required ${missing().length === 1 ? 'field' : 'fields'} left.` : 'All set: finish and sign.'}`
        : acting.length
          ? `Waiting for: ${acting.join(', ')}.`
          : statusEl.textContent;
}

/** The signers section as the page drew it (room-document-page.tsx), from the document as loaded now. */
function renderSigners() {
  const lines = documentSignerLines(view.document.roles, view.document.myRoles);
  $('#signers-count').textContent = signedCountText(lines);
  $('#signers-list').replaceWith(signerList(lines, `Signers of ${view.item.name}`, 'signers-list'));
}

const missing = () => view.document.fields.filter((f) => canFill(f) && f.required && !f.value);

async function load() {
  const r = await api(`/room/api/documents/${itemId}`);
  if (!r.ok) {
    errorEl.textContent = r.json?.error?.message ?? 'The document could not be loaded.';
    return false;
  }
  view = r.json as DocumentItemView;
  return true;
}

async function renderPages() {
  // pdf.js is loaded only now, when a document is opened.
  const pdfjs = await import(/* @vite-ignore */ '/vendor/pdfjs/pdf.min.mjs' as string);
  pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
  const pdf = await pdfjs.getDocument({ url: `/room/api/documents/${itemId}/original`, isEvalSupported: false, withCredentials: true }).promise;
  pagesEl.replaceChildren();
  const width = Math.min(pagesEl.clientWidth || 800, 900);
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const base = page.getViewport({ scale: 1 });
    const viewport = page.getViewport({ scale: width / base.width });
    const wrap = document.createElement('div');
    wrap.className = 'page';
    wrap.style.width = `${viewport.width}px`;
    wrap.style.height = `${viewport.height}px`;
    wrap.setAttribute('aria-label', `Page ${n} of ${pdf.numPages}`);
    const canvas = document.createElement('canvas');
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    canvas.setAttribute('aria-hidden', 'true');
    wrap.append(canvas);
    await page.render({ canvasContext: canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
    for (const f of view.document.fields.filter((f) => f.page === n && (f.mine || f.value))) {
      const [x1, y1, x2, y2] = viewport.convertToViewportRectangle([f.rect.x, f.rect.y, f.rect.x + f.rect.width, f.rect.y + f.rect.height]);
      const b = document.createElement('button');
      b.type = 'button';
      b.dataset['fieldId'] = f.id;
      const h = Math.abs(y2 - y1);
      // Text scaled to the field, as the sealed document will draw it.
      Object.assign(b.style, { left: `${Math.min(x1, x2)}px`, top: `${Math.min(y1, y2)}px`, width: `${Math.abs(x2 - x1)}px`, height: `${h}px`, fontSize: `${Math.max(8, Math.min(16, h * 0.6))}px` });
      b.addEventListener('click', () => openField(f.id));
      overlays.set(f.id, b);
      wrap.append(b);
    }
    pagesEl.append(wrap);
  }
  refreshOverlays();
}

// ───────────── the field dialog ─────────────

const dialog = $('#field-dialog') as HTMLDialogElement;
const inputEl = $('#field-input');
const fieldError = $('#field-error');
let current: Field | null = null;
let pad: SignaturePad | null = null;
let readValue: () => Promise<unknown> = async () => null;

function openField(id: string) {
  const f = view.document.fields.find((x) => x.id === id);
  if (!f || !canFill(f)) return;
  if ((f.type === 'signature' || f.type === 'initials') && !consented) {
    errorEl.textContent = 'Please read and agree to do business electronically first.';
    $('#consent').scrollIntoView({ behavior: 'smooth' });
    return;
  }
  current = f;
  fieldError.textContent = '';
  $('#field-dialog-title').textContent = label(f);
  inputEl.replaceChildren();
  pad = null;
  buildInput(f);
  dialog.showModal();
}

function buildInput(f: Field) {
  const id = 'field-value';
  const add = (html: HTMLElement) => inputEl.append(html);
  if (f.type === 'signature' || f.type === 'initials') {
    const tabs = document.createElement('div');
    tabs.className = 'row';
    const draw = button('Draw', 'secondary');
    const type = button('Type', 'secondary');
    tabs.append(draw, type);
    add(tabs);
    const area = document.createElement('div');
    add(area);
    const showDraw = () => {
      area.replaceChildren();
      const canvas = document.createElement('canvas');
      canvas.className = 'pad';
      canvas.setAttribute('aria-label', `Draw your ${f.type} here`);
      area.append(canvas);
      const clear = button('Clear', 'secondary');
      area.append(clear);
      requestAnimationFrame(() => {
        const ratio = Math.max(window.devicePixelRatio || 1, 1);
        canvas.width = canvas.offsetWidth * ratio;
        canvas.height = canvas.offsetHeight * ratio;
        canvas.getContext('2d')!.scale(ratio, ratio);
        pad = new SignaturePad(canvas, { backgroundColor: 'rgba(0,0,0,0)' });
      });
      clear.addEventListener('click', () => pad?.clear());
      readValue = async () => {
        if (!pad || pad.isEmpty()) throw new Error(`Draw your ${f.type}, or type it instead.`);
        return { kind: 'drawn', png: pad.toDataURL('image/png').split(',')[1] };
      };
    };
    const showType = () => {
      area.replaceChildren();
      const input = textInput(id, `Type your ${f.type === 'initials' ? 'initials' : 'full name'}`);
      input.classList.add('script');
      area.append(labelFor(id, `Your ${f.type === 'initials' ? 'initials' : 'name'}, as your signature`), input);
      input.focus();
      pad = null;
      readValue = async () => ({ kind: 'typed', text: input.value });
    };
    draw.addEventListener('click', showDraw);
    type.addEventListener('click', showType);
    showDraw();
    return;
  }
  if (f.type === 'checkbox') {
    const box = document.createElement('input');
    box.type = 'checkbox';
    box.id = id;
    box.checked = checkedOf(f);
    add(box);
    add(labelFor(id, label(f)));
    readValue = async () => ({ kind: 'checked', checked: box.checked });
    return;
  }
  if (f.type === 'radio' || f.type === 'dropdown') {
    const select = document.createElement('select');
    select.id = id;
    for (const o of f.options ?? []) select.append(new Option(o, o, false, textOf(f) === o));
    add(labelFor(id, label(f)));
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
    add(labelFor(id, 'Take a photo or choose a file'));
    add(file);
    readValue = async () => {
      const chosen = file.files?.[0];
      if (!chosen) throw new Error('Choose a file first.');
      const form = new FormData();
      form.append('file', chosen);
      const up = await api('/room/api/attachments', { method: 'POST', body: form });
      if (!up.ok) throw new Error(up.json?.error?.message ?? 'The file could not be sent.');
      return { kind: 'file', fileId: up.json.file.id };
    };
    return;
  }
  const input = textInput(id, label(f));
  input.type = f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : f.type === 'number' ? 'text' : 'text';
  if (f.type === 'number') input.inputMode = 'decimal';
  input.value = textOf(f);
  add(labelFor(id, label(f)));
  add(input);
  readValue = async () => ({ kind: 'text', text: input.value });
}

function button(text: string, cls = '') {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (cls) b.className = cls;
  return b;
}
function textInput(id: string, placeholder: string) {
  const i = document.createElement('input');
  i.id = id;
  i.type = 'text';
  i.autocomplete = 'off';
  i.placeholder = placeholder;
  return i;
}
function labelFor(id: string, text: string) {
  const l = document.createElement('label');
  l.htmlFor = id;
  l.textContent = text;
  return l;
}

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
  const r = await api(`/room/api/documents/${itemId}/fields/${current.id}`, { method: 'PUT', body: JSON.stringify({ value }) });
  if (!r.ok) {
    fieldError.textContent = r.json?.error?.message?.replace(/^value: /, '') ?? 'That could not be saved.';
    return;
  }
  view = r.json as DocumentItemView;
  dialog.close();
  refreshOverlays();
  nextField();
});
$('#field-cancel').addEventListener('click', () => dialog.close());

function nextField() {
  const next = missing()[0];
  if (!next) {
    $('#finish').focus();
    return;
  }
  const el = overlays.get(next.id);
  el?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  el?.focus();
}
$('#next-field').addEventListener('click', nextField);

// ───────────── consent, finish, decline ─────────────

async function loadConsent() {
  const r = await api('/room/api/consent');
  if (!r.ok) return;
  consented = r.json.consentedAt !== null;
  const section = $('#consent');
  section.hidden = consented || assigning || !mayAct || !view.document.myTurn || !OPEN.has(view.item.status);
  const text = $('#consent-text');
  text.replaceChildren(...String(r.json.text).split(/\n\n+/).map((para) => Object.assign(document.createElement('p'), { textContent: para })));
}
$('#consent-accept').addEventListener('click', async () => {
  const r = await api('/room/api/consent', { method: 'POST' });
  if (!r.ok) {
    errorEl.textContent = r.json?.error?.message ?? 'Your consent could not be recorded.';
    return;
  }
  consented = true;
  errorEl.textContent = '';
  $('#consent').hidden = true;
  nextField();
});

$('#finish').addEventListener('click', async () => {
  errorEl.textContent = '';
  if (!consented) {
    errorEl.textContent = 'Please read and agree to do business electronically first.';
    return;
  }
  const r = await api(`/room/api/documents/${itemId}/complete`, { method: 'POST' });
  if (!r.ok) {
    errorEl.textContent = r.json?.error?.message ?? 'The document could not be signed.';
    nextField();
    return;
  }
  view = r.json as DocumentItemView;
  refreshOverlays();
  statusEl.focus();
});

const declineDialog = $('#decline-dialog') as HTMLDialogElement;
$('#decline').addEventListener('click', () => declineDialog.showModal());
$('#decline-cancel').addEventListener('click', () => declineDialog.close());
$('#decline-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const reason = ($('#decline-reason') as HTMLTextAreaElement).value.trim();
  const r = await api(`/room/api/documents/${itemId}/decline`, { method: 'POST', body: JSON.stringify({ reason }) });
  if (!r.ok) {
    $('#decline-reason-error').textContent = r.json?.error?.message?.replace(/^body\.reason: /, '') ?? 'Could not decline.';
    return;
  }
  view = r.json as DocumentItemView;
  declineDialog.close();
  refreshOverlays();
});

// ───────────── the approver's decision (the page renders #approval for the approver only) ─────────────

const approval = document.querySelector<HTMLElement>('#approval');
const approvalDialog = document.querySelector<HTMLDialogElement>('#approval-dialog');

/** Sends the decision; on success the section says what was decided and its buttons go. */
async function decide(decision: 'approve' | 'decline', reason?: string): Promise<string | null> {
  const r = await api(`/room/api/documents/${itemId}/approval`, { method: 'POST', body: JSON.stringify(reason === undefined ? { decision } : { decision, reason }) });
  if (!r.ok) return r.json?.error?.message?.replace(/^(body\.)?reason: /, '') ?? 'Your decision could not be recorded.';
  view = r.json as DocumentItemView;
  $('#approval-actions')?.remove();
  $('#approval-status').textContent = approvalSentence(view.item.status, view.item.reason);
  $('#approval-status').focus();
  return null;
}

if (approval) {
  document.querySelector('#approval-approve')?.addEventListener('click', async () => {
    $('#approval-error').textContent = (await decide('approve')) ?? '';
  });
  document.querySelector('#approval-decline')?.addEventListener('click', () => approvalDialog?.showModal());
  document.querySelector('#approval-cancel')?.addEventListener('click', () => approvalDialog?.close());
  document.querySelector('#approval-form')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const reasonEl = $('#approval-reason') as HTMLTextAreaElement;
    const reason = reasonEl.value.trim();
    const errorLine = $('#approval-reason-error');
    // The reason is required: said here at once, and checked again by the server.
    if (!reason) {
      errorLine.textContent = 'Give a reason for declining.';
      reasonEl.focus();
      return;
    }
    const refused = await decide('decline', reason);
    if (refused) {
      errorLine.textContent = refused;
      return;
    }
    approvalDialog?.close();
  });
}

// ───────────── live ─────────────

/** The document again when it changed (another signer, the agent, the seal), or when more was missed than the socket replays. */
function live() {
  new LiveSocket<ParticipantFrame>({
    path: '/room/api/ws',
    version: Number(main.dataset['version'] ?? 0),
    onFrame: async (frame) => {
      const about = frame.type === 'event' && 'item' in frame.event.data && frame.event.data.item.id === itemId;
      // Presence too: the signers section shows who is in the room now.
      if ((about || frame.type === 'resync' || (frame.type === 'presence' && frame.who === 'participant')) && (await load())) refreshOverlays();
    },
  });
}

void (async () => {
  if (!(await load())) return;
  assigning = await assignStep(itemId, api, mayAct);
  await loadConsent();
  try {
    await renderPages();
  } catch {
    pagesEl.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: 'The pages could not be shown here; use Download to open the document.' }));
  }
  live();
})();
