// The placement page (/assets/placement.js): the chosen PDF drawn page by page
// with pdf.js (loaded only once a file is chosen, from /vendor), fields
// dragged from the palette onto a page with pointer events (mouse and touch),
// moved, resized by their corner handle and deleted; or, by keyboard, added
// to a page's centre and moved with the arrow keys. Rects are kept in PDF
// points from the page's bottom-left corner (viewport.convertToPdfPoint, the
// inverse of convertToViewportRectangle) and clamped inside the page. Send
// posts the file and the definition JSON to the API and shows its message.
import { clamp, pageSize, toPdf, toScreen, type PageView, type Rect, type Viewport } from './placement/geometry';
import type { DocumentItemView } from '../../contract/documents';
import type { TemplateVersion } from '../../contract/templates';
import { RoleEditor } from './placement/roles';
import { api, type ApiError } from './workspace/common';

interface Placed {
  id: string;
  type: string;
  page: number;
  rect: Rect;
  role: string;
  required: boolean;
  label: string;
  options: string[];
  el: HTMLElement;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const form = $<HTMLFormElement>('pl-form');
const mode = form.dataset['mode'] === 'template' ? 'template' : 'adhoc';
const sessionId = form.dataset['session'] ?? '';
const pagesEl = $('pl-pages');
const errEl = $('pl-err');
const statusEl = $('pl-status');
const fileStatus = $('pl-file-status');
const pageSelect = $<HTMLSelectElement>('pl-page');
const addBtn = $<HTMLButtonElement>('pl-add');
const inspector = $('pl-inspector');
const labelIn = $<HTMLInputElement>('pl-label');
const roleIn = $<HTMLSelectElement>('pl-role');
const requiredIn = $<HTMLInputElement>('pl-required');
const optionsRow = $('pl-options-row');
const optionsIn = $<HTMLTextAreaElement>('pl-options');
const listEl = $('pl-list');

const NAMES: Record<string, string> = {
  signature: 'Signature',
  initials: 'Initials',
  text: 'Text',
  date_signed: 'Date signed',
  checkbox: 'Checkbox',
  full_name: 'Full name',
  number: 'Number',
  email: 'Email',
  phone: 'Phone',
  dropdown: 'Dropdown',
  radio: 'Radio choice',
};
/** A new field's size in PDF points. */
const SIZES: Record<string, [number, number]> = {
  signature: [160, 40],
  initials: [60, 30],
  checkbox: [16, 16],
  date_signed: [100, 20],
  number: [80, 20],
  email: [180, 20],
  phone: [120, 20],
};
const sizeOf = (type: string): [number, number] => SIZES[type] ?? [160, 20];
/** How close to the window's edge (px) a drag scrolls the page. */
const EDGE = 48;

let pages: PageView[] = [];
let fields: Placed[] = [];
let selected: Placed | null = null;
let counter = 0;
let file: File | null = null;

// ───────────── roles ─────────────

const roleEditor = new RoleEditor(mode === 'template' ? [{ name: 'Customer', required: true }] : [{ name: 'Customer', required: true }, { name: 'Agent', required: true }], {
  renamed(from, to) {
    for (const f of fields) if (f.role === from) f.role = to;
    renderList();
  },
  changed: () => renderRoleChoices(),
});
const roles = roleEditor.roles;

/** The inspector's role menu: the roles as they are now, the selected field's chosen. */
function renderRoleChoices(): void {
  roleIn.replaceChildren(...roles.map((r) => r.name).filter(Boolean).map((n) => new Option(n, n)));
  if (selected) roleIn.value = selected.role;
}

// ───────────── the PDF ─────────────

$<HTMLInputElement>('pl-file').addEventListener('change', async (e) => {
  const chosen = (e.target as HTMLInputElement).files?.[0] ?? null;
  if (!chosen) return;
  file = chosen;
  errEl.textContent = '';
  const name = $<HTMLInputElement>('pl-name');
  if (!name.value.trim()) name.value = chosen.name.replace(/\.pdf$/i, '').slice(0, 120);
  fileStatus.textContent = 'Loading the pages…';
  try {
    await renderPdf(new Uint8Array(await chosen.arrayBuffer()));
    fileStatus.textContent = `${pages.length} ${pages.length === 1 ? 'page' : 'pages'}. Drag fields onto them.`;
  } catch {
    pages = [];
    pagesEl.replaceChildren();
    fileStatus.textContent = '';
    errEl.textContent = 'This file could not be read as a PDF. Choose another file.';
  }
});

let pdfDoc: { numPages: number; getPage(n: number): Promise<any> } | null = null;
let renderedWidth = 0;
const pageWidth = () => Math.min(pagesEl.clientWidth || 800, 900);

async function renderPdf(bytes: Uint8Array): Promise<void> {
  const pdfjs = await import(/* @vite-ignore */ '/vendor/pdfjs/pdf.min.mjs' as string);
  pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
  const pdf = await pdfjs.getDocument({ data: bytes, isEvalSupported: false }).promise;
  for (const f of fields) f.el.remove();
  fields = [];
  select(null);
  pages = [];
  pdfDoc = pdf;
  pagesEl.replaceChildren();
  const width = (renderedWidth = pageWidth());
  for (let n = 1; n <= pdf.numPages; n++) {
    const wrap = document.createElement('div');
    wrap.className = 'pl-page';
    wrap.dataset['page'] = String(n);
    wrap.setAttribute('role', 'group');
    wrap.setAttribute('aria-label', `Page ${n} of ${pdf.numPages}`);
    const canvas = document.createElement('canvas');
    canvas.setAttribute('aria-hidden', 'true');
    wrap.append(canvas);
    pagesEl.append(wrap);
    const page = await pdf.getPage(n);
    pages.push({ n, wrap, viewport: await paint(page, wrap, width), view: page.view as number[] });
  }
  pageSelect.replaceChildren(...pages.map((p) => new Option(String(p.n), String(p.n))));
  pageSelect.disabled = false;
  addBtn.disabled = false;
  updateAddLabel();
  renderList();
}

/** Draws a page at the given width (px) into its wrapper's canvas; returns its viewport. */
async function paint(page: any, wrap: HTMLElement, width: number): Promise<Viewport> {
  const base = page.getViewport({ scale: 1 });
  const viewport = page.getViewport({ scale: width / base.width }) as Viewport;
  const canvas = wrap.querySelector('canvas')!;
  const ratio = window.devicePixelRatio || 1;
  wrap.style.width = canvas.style.width = `${viewport.width}px`;
  wrap.style.height = canvas.style.height = `${viewport.height}px`;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  await page.render({ canvasContext: canvas.getContext('2d')!, viewport, transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0] }).promise;
  return viewport;
}

// A narrower or wider window draws the pages again at its width; fields keep their PDF rects.
// One repaint at a time: pdf.js refuses two renders into one canvas.
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
let repaint = Promise.resolve();
window.addEventListener('resize', () => {
  clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => {
    repaint = repaint.then(async () => {
      const width = pageWidth();
      if (!pdfDoc || pages.length < pdfDoc.numPages || Math.abs(width - renderedWidth) < 8) return;
      renderedWidth = width;
      for (const p of pages) {
        p.viewport = await paint(await pdfDoc.getPage(p.n), p.wrap, width);
        for (const f of fields) if (f.page === p.n) draw(f);
      }
    }).catch(() => undefined);
  }, 200);
});

const pageOf = (f: Placed) => pages[f.page - 1]!;

// ───────────── placing ─────────────

function chosenType(): string {
  return form.querySelector<HTMLInputElement>('input[name="pl-type"]:checked')?.value ?? 'signature';
}

/** A new field centred on a point of a page (px from its top-left). */
function place(type: string, p: PageView, cx: number, cy: number): Placed {
  const [w, h] = sizeOf(type);
  const [px, py] = p.viewport.convertToPdfPoint(cx, cy) as [number, number];
  const rect = clamp(p, { x: px - p.view[0]! - w / 2, y: py - p.view[1]! - h / 2, width: w, height: h });
  counter += 1;
  const el = document.createElement('div');
  const f: Placed = {
    id: `${type}_${counter}`,
    type,
    page: p.n,
    rect,
    role: roles[0]?.name ?? 'Customer',
    required: type !== 'checkbox',
    label: `${NAMES[type] ?? type} ${counter}`,
    options: type === 'dropdown' || type === 'radio' ? ['Option 1', 'Option 2'] : [],
    el,
  };
  el.className = 'pl-field';
  el.tabIndex = 0;
  el.setAttribute('role', 'button');
  el.dataset['fieldId'] = f.id;
  const text = document.createElement('span');
  text.className = 'pl-field-text';
  const handle = document.createElement('span');
  handle.className = 'pl-handle';
  handle.setAttribute('aria-hidden', 'true');
  el.append(text, handle);
  el.addEventListener('pointerdown', (e) => startMove(f, e, e.target === handle));
  el.addEventListener('keydown', (e) => fieldKey(f, e));
  el.addEventListener('focus', () => select(f));
  p.wrap.append(el);
  fields.push(f);
  draw(f);
  renderList();
  return f;
}

function draw(f: Placed): void {
  const s = toScreen(pageOf(f), f.rect);
  Object.assign(f.el.style, { left: `${s.x}px`, top: `${s.y}px`, width: `${s.width}px`, height: `${s.height}px` });
  f.el.firstElementChild!.textContent = f.label || NAMES[f.type] || f.type;
  f.el.classList.toggle('pl-sig', f.type === 'signature' || f.type === 'initials');
  f.el.setAttribute('aria-label', `${describe(f)}. Arrow keys move it, Alt with arrow keys resizes it, Delete removes it.`);
  f.el.setAttribute('aria-pressed', String(f === selected));
}

const describe = (f: Placed) =>
  `${NAMES[f.type] ?? f.type} field "${f.label || 'no label'}" for ${f.role}${f.required ? ', required' : ''}, page ${f.page} at ${Math.round(f.rect.x)}, ${Math.round(f.rect.y)} pt, ${Math.round(f.rect.width)} × ${Math.round(f.rect.height)} pt`;

function select(f: Placed | null): void {
  const before = selected;
  selected = f;
  if (before && before !== f && fields.includes(before)) draw(before);
  for (const x of fields) x.el.classList.toggle('pl-selected', x === f);
  inspector.hidden = !f;
  if (!f) return;
  draw(f);
  labelIn.value = f.label;
  renderRoleChoices();
  roleIn.value = f.role;
  requiredIn.checked = f.required;
  optionsRow.hidden = !(f.type === 'dropdown' || f.type === 'radio');
  optionsIn.value = f.options.join('\n');
  $('pl-where').textContent = describe(f);
}

function remove(f: Placed): void {
  const i = fields.indexOf(f);
  if (i < 0) return;
  fields.splice(i, 1);
  f.el.remove();
  const next = fields[Math.min(i, fields.length - 1)] ?? null;
  select(next);
  renderList();
  statusEl.textContent = `${NAMES[f.type] ?? f.type} field removed.`;
  (next?.el ?? addBtn).focus();
}

function changed(f: Placed): void {
  draw(f);
  if (f === selected) $('pl-where').textContent = describe(f);
  renderList();
}

function renderList(): void {
  listEl.replaceChildren(
    ...fields.map((f) => {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'pl-list-item';
      b.textContent = `${f.label || NAMES[f.type]} · ${f.role} · page ${f.page}`;
      // The visible text starts the accessible name; the rest is for screen readers.
      b.append(Object.assign(document.createElement('span'), { className: 'ws-sr', textContent: `: ${describe(f)}` }));
      b.addEventListener('click', () => {
        select(f);
        f.el.focus();
        f.el.scrollIntoView({ block: 'center', behavior: 'smooth' });
      });
      li.append(b);
      return li;
    }),
  );
  $('pl-empty').hidden = fields.length > 0;
}

// The inspector.
labelIn.addEventListener('input', () => {
  if (!selected) return;
  selected.label = labelIn.value.slice(0, 120);
  changed(selected);
});
roleIn.addEventListener('change', () => {
  if (!selected) return;
  selected.role = roleIn.value;
  changed(selected);
});
requiredIn.addEventListener('change', () => {
  if (!selected) return;
  selected.required = requiredIn.checked;
  changed(selected);
});
optionsIn.addEventListener('input', () => {
  if (!selected) return;
  selected.options = optionsIn.value.split('\n').map((o) => o.trim()).filter(Boolean);
});
$('pl-delete').addEventListener('click', () => selected && remove(selected));

// ───────────── keyboard ─────────────

function updateAddLabel(): void {
  addBtn.textContent = `Add to page ${pageSelect.value || 1}`;
}
pageSelect.addEventListener('change', updateAddLabel);
addBtn.addEventListener('click', () => {
  const p = pages[Number(pageSelect.value) - 1];
  if (!p) return;
  const f = place(chosenType(), p, p.viewport.width / 2, p.viewport.height / 2);
  select(f);
  f.el.focus();
  f.el.scrollIntoView({ block: 'center' });
  statusEl.textContent = `Added: ${describe(f)}.`;
});

const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function fieldKey(f: Placed, e: KeyboardEvent): void {
  if (e.key === 'Delete' || e.key === 'Backspace') {
    e.preventDefault();
    remove(f);
    return;
  }
  const d = ARROWS[e.key];
  if (!d) return;
  e.preventDefault();
  const p = pageOf(f);
  const step = e.shiftKey ? 10 : 2;
  const s = toScreen(p, f.rect);
  const scale = p.viewport.width / pageSize(p).w;
  if (e.altKey) f.rect = toPdf(p, { ...s, width: s.width + d[0] * step * scale, height: s.height + d[1] * step * scale });
  else f.rect = toPdf(p, { ...s, x: s.x + d[0] * step * scale, y: s.y + d[1] * step * scale });
  changed(f);
}

// ───────────── pointer: drag from the palette, move, resize ─────────────

function pageAt(x: number, y: number): PageView | null {
  for (const p of pages) {
    const r = p.wrap.getBoundingClientRect();
    if (x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) return p;
  }
  return null;
}

for (const tool of Array.from(form.querySelectorAll<HTMLElement>('.pl-tool'))) {
  tool.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || !pages.length) return;
    const type = tool.dataset['type']!;
    const startX = e.clientX;
    const startY = e.clientY;
    let ghost: HTMLElement | null = null;
    const scale = pages[0]!.viewport.width / pageSize(pages[0]!).w;
    const [w, h] = sizeOf(type).map((v) => v * scale) as [number, number];
    tool.setPointerCapture(e.pointerId);
    // Near the window's top or bottom edge the page scrolls, so a field can
    // reach a page below the palette (on a phone it always is).
    let edgeY = 0;
    let frame = 0;
    const scroll = () => {
      const speed = edgeY < EDGE ? -(EDGE - edgeY) / 3 : edgeY > innerHeight - EDGE ? (edgeY - innerHeight + EDGE) / 3 : 0;
      if (speed) window.scrollBy(0, speed);
      frame = ghost ? requestAnimationFrame(scroll) : 0;
    };
    const move = (ev: PointerEvent) => {
      edgeY = ev.clientY;
      if (!ghost && Math.hypot(ev.clientX - startX, ev.clientY - startY) < 5) return;
      if (!frame) frame = requestAnimationFrame(scroll);
      if (!ghost) {
        ghost = document.createElement('div');
        ghost.className = 'pl-ghost';
        ghost.textContent = NAMES[type] ?? type;
        Object.assign(ghost.style, { width: `${w}px`, height: `${h}px` });
        document.body.append(ghost);
      }
      ghost.style.left = `${ev.clientX - w / 2}px`;
      ghost.style.top = `${ev.clientY - h / 2}px`;
      ghost.classList.toggle('pl-ghost-over', !!pageAt(ev.clientX, ev.clientY));
    };
    const end = (ev: PointerEvent) => {
      tool.removeEventListener('pointermove', move);
      tool.removeEventListener('pointerup', end);
      tool.removeEventListener('pointercancel', end);
      cancelAnimationFrame(frame);
      if (!ghost) return; // a click: it selects the radio
      ghost.remove();
      ghost = null;
      const p = ev.type === 'pointerup' ? pageAt(ev.clientX, ev.clientY) : null;
      if (!p) {
        statusEl.textContent = 'Drop the field on a page.';
        return;
      }
      const r = p.wrap.getBoundingClientRect();
      const f = place(type, p, ev.clientX - r.left, ev.clientY - r.top);
      select(f);
      f.el.focus({ preventScroll: true });
      statusEl.textContent = `Added: ${describe(f)}.`;
    };
    tool.addEventListener('pointermove', move);
    tool.addEventListener('pointerup', end);
    tool.addEventListener('pointercancel', end);
  });
}

function startMove(f: Placed, e: PointerEvent, resize: boolean): void {
  if (e.button !== 0) return;
  e.preventDefault();
  select(f);
  f.el.focus({ preventScroll: true });
  const p = pageOf(f);
  const start = toScreen(p, f.rect);
  const sx = e.clientX;
  const sy = e.clientY;
  f.el.setPointerCapture(e.pointerId);
  const move = (ev: PointerEvent) => {
    const dx = ev.clientX - sx;
    const dy = ev.clientY - sy;
    f.rect = toPdf(p, resize ? { ...start, width: start.width + dx, height: start.height + dy } : { ...start, x: start.x + dx, y: start.y + dy });
    draw(f);
  };
  const end = () => {
    f.el.removeEventListener('pointermove', move);
    f.el.removeEventListener('pointerup', end);
    f.el.removeEventListener('pointercancel', end);
    changed(f);
  };
  f.el.addEventListener('pointermove', move);
  f.el.addEventListener('pointerup', end);
  f.el.addEventListener('pointercancel', end);
}

// ───────────── sending ─────────────

function definition() {
  const used = new Set(fields.map((f) => f.role));
  const defRoles = mode === 'template' ? roles.map((r) => ({ name: r.name.trim(), required: r.required })) : roles.filter((r) => used.has(r.name));
  return {
    roles: defRoles,
    signingOrder: mode === 'template' ? $<HTMLSelectElement>('pl-order').value : 'parallel',
    fields: fields.map((f) => ({
      id: f.id,
      type: f.type,
      page: f.page,
      rect: f.rect,
      role: f.role,
      required: f.required,
      ...(f.label.trim() ? { label: f.label.trim() } : {}),
      ...(f.type === 'dropdown' || f.type === 'radio' ? { options: f.options } : {}),
    })),
  };
}

function fail(message: string): void {
  errEl.textContent = message;
  statusEl.textContent = '';
  // A message naming a field (definition.fields.3.rect…) selects it.
  const m = /definition\.fields\.(\d+)/.exec(message);
  const f = m ? fields[Number(m[1])] : undefined;
  if (f) {
    select(f);
    f.el.scrollIntoView({ block: 'center' });
  }
}

form.addEventListener('submit', async (e) => {
  e.preventDefault();
  errEl.textContent = '';
  const name = $<HTMLInputElement>('pl-name').value.trim();
  if (!file) return fail('Choose a PDF file first.');
  if (!name) return fail(`Give the ${mode === 'template' ? 'template' : 'document'} a name.`);
  if (!fields.length) return fail('Place at least one field on a page.');
  const body = new FormData();
  body.append('file', file, file.name);
  body.append('name', name);
  body.append('definition', JSON.stringify(definition()));
  const send = $<HTMLButtonElement>('pl-send');
  send.disabled = true;
  statusEl.textContent = mode === 'template' ? 'Saving…' : 'Sending…';
  if (mode === 'adhoc') {
    const r = await api<DocumentItemView>('POST', `/sessions/${sessionId}/documents/adhoc`, body);
    send.disabled = false;
    if (!r.ok) return fail(message(r.error));
    statusEl.textContent = 'Sent. Back to the session…';
    location.assign(form.dataset['back']!);
    return;
  }
  const r = await api<TemplateVersion>('POST', '/templates', body);
  send.disabled = false;
  if (!r.ok) return fail(message(r.error));
  showTemplate(r.data);
});

const message = (e: ApiError) => (e.issues?.length ? e.issues.map((i) => `${i.field.replace(/^body\./, '')}: ${i.message}`).join('; ') : e.message);

function showTemplate(t: TemplateVersion): void {
  form.hidden = true;
  const facts = $('pl-result-facts');
  const rows: [string, string][] = [
    ['Name', t.name],
    ['Id', t.id],
    ['Version', String(t.version)],
    ['Roles', t.roles.map((r) => `${r.name}${r.required ? '' : ' (optional)'}`).join(', ')],
    ['Signing order', t.signingOrder],
    ['Fields', t.fields.map((f) => `${f.label ?? f.id} (${NAMES[f.type] ?? f.type}, ${f.role}, page ${f.page})`).join('; ')],
  ];
  facts.replaceChildren(
    ...rows.flatMap(([k, v]) => {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      return [dt, dd];
    }),
  );
  const result = $('pl-result');
  result.hidden = false;
  result.focus();
}

roleEditor.render();
