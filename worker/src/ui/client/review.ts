// The shared review's board (ui/review/review-board.tsx), the same script on
// both sides: the customer's page and the agent's. It draws the page the
// review is on (pdf.js, loaded only here), the marks over it and the other
// side's pointer, and keeps them live from the session's socket. Whoever
// turns the page leads; a reader who follows goes where the leader goes,
// page and scroll. Pointers and scroll pass as frames, never stored; turns
// and marks are API calls, answered with the review as it now is.
import type { AgentFrame, ParticipantFrame } from '../../contract/frames';
import type { Annotation, NewAnnotation, ReviewPointer, ReviewView } from '../../contract/reviews';
import { LiveSocket } from './live/live-socket';
import { t } from './room/i18n';
import { leaderText, markText, pointerName } from '../review/review-words';
import { PagePainter } from './review/page-painter';
import { Throttle } from './review/throttle';

type Frame = AgentFrame | ParticipantFrame;
type Tool = 'point' | 'highlight' | 'comment';
type Answer<T> = { ok: true; data: T } | { ok: false; message: string };

const board = document.getElementById('review')!;
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const itemId = board.dataset['itemId']!;
const me = board.dataset['me']!;
const mayAct = board.dataset['mayAct'] === 'true';
const names = JSON.parse(board.dataset['names'] ?? '{}') as Record<string, string>;
const api = board.dataset['api']!;
/** The agent's cookie is accepted with X-Parley-App; the room's changes carry X-Parley-Room (api/room-caller.ts). */
const sideHeader: Record<string, string> = me === 'agent' ? { 'X-Parley-App': '1' } : { 'X-Parley-Room': '1' };

/** How often this side says where its pointer is: the server passes one every 40 ms at most. */
const POINTER_EVERY_MS = 60;
/** A drag shorter than this (a fraction of the page) is a tap, not a highlight. */
const MIN_HIGHLIGHT = 0.01;

let view: ReviewView;
let live: LiveSocket<Frame> | null = null;
/** The page this reader sees: the leader's when following. */
let shown = 1;
let tool: Tool = 'point';
const stage = $('rv-stage');
const painter = new PagePainter($<HTMLCanvasElement>('rv-canvas'), `${api}/pdf`, me === 'agent' ? sideHeader : {});
const following = () => $<HTMLInputElement>('rv-follow')?.checked ?? true;

async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
  let res: Response;
  try {
    res = await fetch(`${api}${path}`, {
      method,
      credentials: 'same-origin',
      headers: { ...sideHeader, Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ok: false, message: t('entry.error.network') };
  }
  const json = await res.json().catch(() => null);
  if (res.ok) return { ok: true, data: json as T };
  return { ok: false, message: refusal(json?.error?.code, json?.error?.message) };
}

/** A refusal in the reader's words: the customer's language for a known code; the agent, the server's own words. */
function refusal(code: string | undefined, message: string | undefined): string {
  return code && t.has(`entry.error.${code}`) ? t(`entry.error.${code}`) : (message ?? t('review.error.load'));
}

function problem(text: string): void {
  $('rv-error').textContent = text;
}

// ───────────── drawing ─────────────

/** Everything but the page's pixels, from the review as it now is. */
function draw(): void {
  const { review } = view;
  const ended = review.endedAt !== null;
  $('rv-status').textContent = ended ? t('review.ended') : !mayAct ? t('review.limited') : leaderText(t, review.leader, me, names);
  const pageText = t('review.page', { page: shown, pages: review.pages });
  $('rv-page').textContent = pageText;
  stage.setAttribute('aria-label', pageText);
  $<HTMLButtonElement>('rv-prev').disabled = shown <= 1;
  $<HTMLButtonElement>('rv-next').disabled = shown >= review.pages;
  const lead = document.getElementById('rv-lead');
  if (lead) lead.hidden = ended || review.leader === me;
  if (ended) for (const el of document.querySelectorAll<HTMLElement>('.rv-tools, #rv-lead, .rv-follow, #rv-comment')) el.hidden = true;
  drawMarks();
}

function drawMarks(): void {
  const { annotations } = view.review;
  const layer = $('rv-layer');
  layer.replaceChildren(
    ...annotations
      .map((a, i) => ({ a, n: i + 1 }))
      .filter(({ a }) => a.page === shown)
      .map(({ a, n }) => {
        const box = document.createElement('div');
        box.className = `rv-mark rv-mark-${a.kind}${a.by === me ? ' rv-mine' : ''}`;
        box.dataset['id'] = a.id;
        box.style.left = `${a.rect.x * 100}%`;
        box.style.top = `${a.rect.y * 100}%`;
        box.style.width = `${a.rect.width * 100}%`;
        box.style.height = `${a.rect.height * 100}%`;
        box.title = markText(t, a, me, names);
        // A comment's pin carries its number in the list below.
        if (a.kind === 'comment') box.textContent = String(n);
        return box;
      }),
  );
  const list = $('rv-marks');
  list.replaceChildren(...annotations.map(markItem));
  $('rv-marks-none').hidden = annotations.length > 0;
}

function markItem(a: Annotation): HTMLElement {
  const li = document.createElement('li');
  li.className = 'rv-mark-line';
  const text = document.createElement('span');
  text.textContent = markText(t, a, me, names);
  const show = button(t('review.mark.show'), () => void goTo(a.page, false).then(() => flash(a.id)));
  li.append(text, ' ', show);
  if (mayAct && view.review.endedAt === null && (a.by === me || me === 'agent')) {
    li.append(
      ' ',
      button(t('review.mark.remove'), async () => {
        const r = await call<ReviewView>('DELETE', `/annotations/${a.id}`);
        if (r.ok) apply(r.data);
        else problem(r.message);
      }),
    );
  }
  return li;
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'rv-btn rv-small';
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function flash(id: string): void {
  const box = document.querySelector<HTMLElement>(`.rv-mark[data-id="${id}"]`);
  if (!box) return;
  box.scrollIntoView({ block: 'center', behavior: 'smooth' });
  box.classList.add('rv-flash');
  setTimeout(() => box.classList.remove('rv-flash'), 1200);
}

/** The review as the server now has it; a follower goes to the leader's page. */
function apply(next: ReviewView): void {
  view = next;
  if (following() && next.review.page !== shown && next.review.leader !== me) void goTo(next.review.page, false);
  else draw();
}

/** Show a page; `lead`: this reader turned it, so they lead and the others follow. */
async function goTo(page: number, lead: boolean): Promise<void> {
  if (page < 1 || page > view.review.pages) return;
  shown = page;
  draw();
  hidePointer();
  await painter.paint(page).catch(() => problem(t('review.error.load')));
  if (!lead || !mayAct || view.review.endedAt !== null) return;
  const r = await call<ReviewView>('POST', '/lead', { page });
  if (r.ok) apply(r.data);
  else problem(r.message);
}

// ───────────── the other side's pointer ─────────────

const pointerEl = $('rv-pointer');
function hidePointer(): void {
  pointerEl.hidden = true;
}

function showPointer(frame: Extract<Frame, { type: 'review' }>): void {
  const who = frame.who === 'agent' ? 'agent' : `participant:${frame.id ?? ''}`;
  if (who === me) return;
  if (frame.scroll !== null && following() && frame.page === shown) {
    const box = stage.getBoundingClientRect();
    window.scrollTo({ top: window.scrollY + box.top + frame.scroll * box.height, behavior: 'smooth' });
  }
  if (frame.x === null || frame.y === null || frame.page !== shown) return hidePointer();
  pointerEl.style.left = `${frame.x * 100}%`;
  pointerEl.style.top = `${frame.y * 100}%`;
  pointerEl.querySelector('.rv-pointer-name')!.textContent = pointerName(t, who, names);
  pointerEl.hidden = false;
}

// ───────────── this side's pointer, scroll and marks ─────────────

/** Where on the page an event is, in fractions of the page. */
function at(e: { clientX: number; clientY: number }): { x: number; y: number } {
  const box = stage.getBoundingClientRect();
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  return { x: clamp((e.clientX - box.left) / box.width), y: clamp((e.clientY - box.top) / box.height) };
}

/** How far down the page the window's top is, for followers to scroll alike. */
function scrollFraction(): number {
  const box = stage.getBoundingClientRect();
  return Math.min(1, Math.max(0, -box.top / box.height));
}

let lastPoint: { x: number; y: number } | null = null;
/** The pointer rides the live socket (no request per move); before it is open, the API takes it. */
const pointer = new Throttle(POINTER_EVERY_MS, () => {
  const body: ReviewPointer = { page: shown, x: lastPoint?.x ?? null, y: lastPoint?.y ?? null };
  if (view.review.leader === me) body.scroll = scrollFraction();
  if (!live?.send({ type: 'review', itemId, ...body })) void call('POST', '/pointer', body);
});

let dragFrom: { x: number; y: number } | null = null;
let dragBox: HTMLElement | null = null;
let commentAt: { x: number; y: number } | null = null;

function wireActing(): void {
  stage.addEventListener('pointermove', (e) => {
    lastPoint = at(e);
    pointer.poke();
    if (dragFrom && dragBox) placeBox(dragBox, dragFrom, lastPoint);
  });
  stage.addEventListener('pointerleave', () => {
    lastPoint = null;
    pointer.poke();
  });
  window.addEventListener('scroll', () => {
    if (view.review.leader === me) pointer.poke();
  }, { passive: true });

  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="rv-tool"]')) {
    radio.addEventListener('change', () => {
      tool = radio.value as Tool;
      $('rv-hint').textContent = t(`review.hint.${tool}`);
      // Drawing on a touch screen must not scroll the page; pointing leaves scrolling alone.
      stage.classList.toggle('rv-drawing', tool !== 'point');
    });
  }

  stage.addEventListener('pointerdown', (e) => {
    if (tool !== 'highlight') return;
    stage.setPointerCapture(e.pointerId);
    dragFrom = at(e);
    dragBox = document.createElement('div');
    dragBox.className = 'rv-mark rv-mark-highlight rv-drafting';
    $('rv-layer').append(dragBox);
    placeBox(dragBox, dragFrom, dragFrom);
  });
  stage.addEventListener('pointerup', (e) => {
    if (tool === 'comment') return openComment(at(e));
    if (tool !== 'highlight' || !dragFrom) return;
    const rect = boxOf(dragFrom, at(e));
    dragFrom = null;
    dragBox?.remove();
    dragBox = null;
    if (rect.width < MIN_HIGHLIGHT && rect.height < MIN_HIGHLIGHT) return;
    void annotate({ page: shown, kind: 'highlight', rect: { ...rect, height: Math.max(rect.height, MIN_HIGHLIGHT) } });
  });
  // The keyboard's way to comment: Enter on the page puts the comment in the middle of what is in view.
  stage.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' || tool !== 'comment') return;
    e.preventDefault();
    openComment({ x: 0.5, y: Math.min(0.95, scrollFraction() + 0.1) });
  });

  const form = $<HTMLFormElement>('rv-comment');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = $<HTMLTextAreaElement>('rv-comment-text').value.trim();
    if (!text || !commentAt) return;
    const done = await annotate({ page: shown, kind: 'comment', rect: { x: Math.min(commentAt.x, 0.96), y: Math.min(commentAt.y, 0.97), width: 0.04, height: 0.03 }, text });
    if (done) closeComment();
  });
  $('rv-comment-cancel').addEventListener('click', closeComment);
  $('rv-lead')?.addEventListener('click', async () => {
    const r = await call<ReviewView>('POST', '/lead', {});
    if (r.ok) apply(r.data);
    else problem(r.message);
  });
}

function openComment(point: { x: number; y: number }): void {
  commentAt = point;
  const form = $('rv-comment');
  form.hidden = false;
  $<HTMLTextAreaElement>('rv-comment-text').focus();
}

function closeComment(): void {
  commentAt = null;
  $('rv-comment').hidden = true;
  $<HTMLTextAreaElement>('rv-comment-text').value = '';
  stage.focus();
}

function boxOf(a: { x: number; y: number }, b: { x: number; y: number }) {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

function placeBox(el: HTMLElement, a: { x: number; y: number }, b: { x: number; y: number }): void {
  const r = boxOf(a, b);
  Object.assign(el.style, { left: `${r.x * 100}%`, top: `${r.y * 100}%`, width: `${r.width * 100}%`, height: `${r.height * 100}%` });
}

async function annotate(input: NewAnnotation): Promise<boolean> {
  problem('');
  const r = await call<ReviewView>('POST', '/annotations', input);
  if (!r.ok) {
    problem(r.message);
    return false;
  }
  apply(r.data);
  return true;
}

// ───────────── start ─────────────

function concernsThisReview(frame: Frame): boolean {
  if (frame.type !== 'event') return false;
  return (frame.event.data as { item?: { id?: string } }).item?.id === itemId;
}

void (async () => {
  const first = await call<ReviewView>('GET', '');
  if (!first.ok) return problem(first.message);
  view = first.data;
  shown = view.review.page;
  draw();
  await painter.paint(shown).catch(() => problem(t('review.error.load')));
  $('rv-prev').addEventListener('click', () => void goTo(shown - 1, true));
  $('rv-next').addEventListener('click', () => void goTo(shown + 1, true));
  if (mayAct) wireActing();
  // The agent's page has the end button (workspace/review-page.tsx).
  document.getElementById('rv-end')?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await call<ReviewView>('POST', '/end');
    if (!r.ok) return problem(r.message);
    (e.target as HTMLElement).hidden = true;
    apply(r.data);
  });
  live = new LiveSocket<Frame>({
    path: board.dataset['socket']!,
    version: Number(board.dataset['version'] ?? 0),
    onFrame: async (frame) => {
      // A pointer refused (the review ended meanwhile…) says why; one dropped for going too fast says nothing.
      if (frame.type === 'error') return frame.code === 'rate_limited' ? undefined : problem(refusal(frame.code, frame.message));
      if (frame.type === 'review') {
        if (frame.itemId === itemId) showPointer(frame);
        return;
      }
      if (!concernsThisReview(frame) && frame.type !== 'resync') return;
      const fresh = await call<ReviewView>('GET', '');
      if (fresh.ok) apply(fresh.data);
    },
  });
})();
