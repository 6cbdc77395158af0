// @vitest-environment jsdom
// The request page's script (/assets/room-request.js) in a DOM: the page as
// the server renders it, the live socket and the photo preparation stood in
// for (jsdom has neither sockets nor canvas), fetch answered by the test.
// A photo picked while a live redraw replaced its card is still sent (a
// clean-clone e2e lost one that way), and an answer older than the one
// drawn never draws over it.
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentRequestView } from '../../../worker/src/contract/document-requests';
import { translatorFor } from '../../../worker/src/i18n/catalogue';
import { RequestPage } from '../../../worker/src/ui/room-request-page';

// Loaded by a path TypeScript does not follow: the pages' code is typed by its own tsconfig (the browser's DOM).
const REQUEST_SCRIPT: string = '../../../worker/src/ui/client/room-request';

const live = vi.hoisted(() => ({ onFrame: null as null | ((frame: unknown) => Promise<void>) }));
vi.mock('../../../worker/src/ui/client/live/live-socket', () => ({
  LiveSocket: class {
    constructor(options: { onFrame: (frame: unknown) => Promise<void> }) {
      live.onFrame = options.onFrame;
    }
  },
}));
vi.mock('../../../worker/src/ui/client/room/normalise-photo', () => ({ normalisePhoto: async (file: File) => ({ ok: true, file }) }));

/** The little of jsdom's DOM this file uses (the tests' tsconfig has no DOM library). */
interface El {
  isConnected: boolean;
  textContent: string | null;
  innerHTML: string;
  querySelector(selector: string): El | null;
  setAttribute(name: string, value: string): void;
  dispatchEvent(event: Event): boolean;
}
const document = (globalThis as unknown as { document: { documentElement: El; body: El; getElementById(id: string): El | null } }).document;

const ITEM = 'itm_Request000000001';
const [FRONT, BACK] = ['slt_Front0000000001', 'slt_Back00000000001'];
const AT = '2026-12-04T09:00:00.000Z';

function viewOf(front: 'pending' | 'submitted', back: 'pending' | 'submitted'): DocumentRequestView {
  const slot = (id: string, category: 'id_card_front' | 'id_card_back', status: 'pending' | 'submitted') => ({
    id,
    category,
    label: null,
    required: true,
    status,
    reason: null,
    fileType: status === 'submitted' ? 'image/jpeg' : null,
    note: 'Flat on a table',
    file: status === 'submitted' ? { name: `${category}.jpg`, type: 'image/jpeg', size: 1000, sha256: `${id}`.padEnd(64, '0'), width: 1600, height: 1000, submittedAt: AT } : null,
    decidedAt: null,
  });
  return {
    item: { id: ITEM, kind: 'document_request', name: 'Your ID', status: 'sent', assignees: [], threadId: null, reason: null, signers: null, createdAt: AT, updatedAt: AT },
    slots: [slot(FRONT, 'id_card_front', front), slot(BACK, 'id_card_back', back)],
  };
}

/** fetch as the test answers it: each call waits until the test settles it. */
const calls: { method: string; url: string; answer: (view: DocumentRequestView) => void }[] = [];
async function fakeFetch(url: string, init?: RequestInit): Promise<Response> {
  return new Promise((resolve) => {
    calls.push({
      method: init?.method ?? 'GET',
      url,
      answer: (view) => resolve(new Response(JSON.stringify(view), { status: 200, headers: { 'Content-Type': 'application/json' } })),
    });
  });
}

async function renderPage(view: DocumentRequestView) {
  const t = translatorFor('en');
  const page = RequestPage({ t, locale: 'en', view, room: { brand: { displayName: 'Acme', themeUrl: null } as never, may: { act: true } as never }, version: 1, minSide: 600 });
  const html = String(await page.toString());
  document.documentElement.innerHTML = /<html[^>]*>([\s\S]*)<\/html>/.exec(html)![1]!;
  vi.resetModules();
  await import(REQUEST_SCRIPT);
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise((r) => setTimeout(r, 0));
};
const $ = (id: string) => document.getElementById(id);
const statusOf = (slot: string) => $(`slot-${slot}`)!.querySelector('.slot-status')!.textContent;
function pick(input: El) {
  Object.defineProperty(input, 'files', { value: [new File(['jpeg'], 'back.jpg', { type: 'image/jpeg' })] });
  input.dispatchEvent(new Event('change', { bubbles: true }));
}
const frame = { type: 'event', event: { version: 2, type: 'request.file_submitted', data: { item: { id: ITEM } } } };

beforeAll(() => vi.stubGlobal('fetch', fakeFetch));
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => {
  calls.length = 0;
});

describe('the request page, live', () => {
  it('sends a photo picked in a card that a live redraw replaced while the camera was open', async () => {
    await renderPage(viewOf('pending', 'pending'));
    const camera = $(`camera-${BACK}`)!;
    // The front arrives elsewhere: the page draws again while the camera is open on the back.
    void live.onFrame!(frame);
    await settle();
    calls.shift()!.answer(viewOf('submitted', 'pending'));
    await settle();
    expect(camera.isConnected, 'the card was drawn again').toBe(false);
    pick(camera);
    await settle();
    expect(calls.map((c) => [c.method, c.url])).toEqual([['PUT', `/room/api/requests/${ITEM}/slots/${BACK}/file`]]);
    expect(statusOf(BACK)).toBe('Sending…');
    calls.shift()!.answer(viewOf('submitted', 'submitted'));
    await settle();
    expect($(`slot-${BACK}`)!.querySelector('.slot-file img')).not.toBeNull();
  });

  it('keeps a card that has not changed, and never draws an older answer over a newer one', async () => {
    await renderPage(viewOf('pending', 'pending'));
    void live.onFrame!(frame);
    await settle();
    calls.shift()!.answer(viewOf('pending', 'pending'));
    await settle();
    const front = $(`slot-${FRONT}`)!;
    // A load asked before the back is sent ends after the send's own answer.
    void live.onFrame!(frame);
    await settle();
    const stale = calls.shift()!;
    pick($(`camera-${BACK}`)!);
    await settle();
    calls.shift()!.answer(viewOf('pending', 'submitted'));
    await settle();
    stale.answer(viewOf('pending', 'pending'));
    await settle();
    expect(statusOf(BACK)).toBe('Sent — your agent will check it');
    expect($(`slot-${FRONT}`), 'the unchanged card is the same element').toBe(front);
  });
});
