// k. The customer's document page on a phone: Chromium (Debian's, through
// playwright-core) at a 360-px phone's size, its network throttled to
// DevTools' "Fast 4G" and its CPU slowed 4×, cache off, so every run is a
// first visit. Measured in the page (a MutationObserver added before any of
// its scripts): from navigation start to the first page drawn (the first
// canvas in #pages: pages are put there once drawn) and to the first field
// tappable (an enabled field of the customer's over it). The document: a
// 12-page agreement whose last page carries a 300 KB scan, fields on page 1.
//
// Beside it, in the same run and under the same throttling, the floor of any
// page that draws a PDF with pdf.js as it comes: a bare page, on Parley's
// origin, that imports pdf.js and draws page 1 of the same file, and nothing
// else. Parley's page also loads the document's state and the consent, yet
// must draw no later: everything it needs starts at once, the worker before
// the library, and the file's first and last 64 KB are fetched up front
// (client/room/document/pages.ts). Before that (stop 29), on this machine:
// first page 3.77 s and first field 5.76 s, the bare page 2.51 s (1.50×).
//
// BENCH_PHONE_RUNS: runs of each page (default 5); BENCH_PHONE_TRACE=1 prints
// each run's resource timings (what started when, and when it arrived).
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { chromium } from 'playwright-core';
import { noisePng } from '../test/helpers/images.ts';
import { wholeNumber } from './env.mjs';

export const PHONE = {
  /** BENCH_PHONE_RUNS, checked when read: a bad value stops the step naming it. */
  get runs() {
    return wholeNumber('BENCH_PHONE_RUNS', 5, 1);
  },
  pages: 12,
  /** DevTools' "Fast 4G" preset (Chromium's front_end/core/sdk/NetworkManager.ts): bytes per second and latency. */
  network: { offline: false, downloadThroughput: (9_000_000 / 8) * 0.9, uploadThroughput: (1_500_000 / 8) * 0.9, latency: 60 * 2.75 },
  cpuSlowdown: 4,
  timeoutMs: 60_000,
};
const CHROMIUM = process.env.PARLEY_CHROMIUM ?? '/usr/bin/chromium';
const FIELDS = [
  { id: 'name', type: 'text', page: 1, rect: { x: 150, y: 200, width: 250, height: 20 }, role: 'Customer', required: true, label: 'Full name' },
  { id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true, label: 'Signature' },
];

async function agreement() {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let i = 1; i <= PHONE.pages; i++) {
    const page = doc.addPage([612, 792]);
    page.drawText(`Service agreement, page ${i} of ${PHONE.pages}`, { x: 72, y: 720, size: 18, font });
    for (let line = 0; line < 40; line++) page.drawText('The customer and the company agree to the terms set out in this document, each having read them.', { x: 72, y: 690 - line * 12, size: 9, font });
  }
  const scan = await doc.embedPng(await noisePng(548)); // a scanned page's worth of image
  doc.getPage(PHONE.pages - 1).drawImage(scan, { x: 72, y: 72, width: 468, height: 468 });
  return doc.save();
}

/** Installed before the page's own scripts: when the first drawn page and the first tappable field of mine appear. */
function watchPage() {
  const marks = {};
  window.__phoneMarks = marks;
  const check = () => {
    if (marks.firstPage === undefined && document.querySelector('#pages canvas')) marks.firstPage = performance.now();
    if (marks.firstField === undefined && document.querySelector('#pages button.field.mine:not([disabled])')) marks.firstField = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class'] });
}

/** The floor: pdf.js imported and page 1 of the same file drawn at the phone's width, nothing else. */
const barePage = (itemId) => `<!doctype html><meta name="viewport" content="width=device-width"><div id="pages"></div>
<script type="module">
const pdfjs = await import('/vendor/pdfjs/pdf.min.mjs');
pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';
const pdf = await pdfjs.getDocument({ url: '/room/api/documents/${itemId}/original', isEvalSupported: false, withCredentials: true }).promise;
const page = await pdf.getPage(1);
const base = page.getViewport({ scale: 1 });
const viewport = page.getViewport({ scale: document.getElementById('pages').clientWidth / base.width });
const canvas = document.createElement('canvas');
canvas.width = Math.floor(viewport.width * devicePixelRatio);
canvas.height = Math.floor(viewport.height * devicePixelRatio);
await page.render({ canvasContext: canvas.getContext('2d'), viewport, transform: [devicePixelRatio, 0, 0, devicePixelRatio, 0, 0] }).promise;
document.getElementById('pages').append(canvas);
</script>`;

async function measure(context, url) {
  const page = await context.newPage();
  try {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', PHONE.network);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });
    await page.goto(url, { waitUntil: 'commit', timeout: PHONE.timeoutMs });
    await page.waitForFunction((field) => window.__phoneMarks?.firstPage !== undefined && (!field || window.__phoneMarks.firstField !== undefined), url.includes('/room/documents/'), {
      timeout: PHONE.timeoutMs,
      polling: 50,
    });
    if (process.env.BENCH_PHONE_TRACE) console.log(url, JSON.stringify(await page.evaluate(() => [window.__phoneMarks, performance.getEntriesByType('resource').map((e) => [e.name.replace(location.origin, '').slice(0, 60), Math.round(e.startTime), Math.round(e.responseEnd), e.transferSize])])));
    return await page.evaluate(() => window.__phoneMarks);
  } finally {
    await page.close();
  }
}

const median = (xs) => {
  const v = [...xs].sort((a, b) => a - b);
  return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** tools: startSession(base, token) → sessionId; invitationLink(base, sessionId) → the customer's link. */
export async function benchDocumentPhone({ base, token, tools }) {
  const runs = PHONE.runs;
  const sessionId = await tools.startSession(base, token);
  const link = await tools.invitationLink(base, sessionId);
  const pdf = await agreement();
  const form = new FormData();
  form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'agreement.pdf');
  form.append('definition', JSON.stringify({ fields: FIELDS }));
  form.append('name', 'Service agreement');
  const sent = await fetch(`${base}/api/v1/sessions/${sessionId}/documents/adhoc`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form, signal: AbortSignal.timeout(30_000) });
  if (sent.status !== 201) throw new Error(`sending the agreement answered ${sent.status}: ${(await sent.text()).slice(0, 300)}`);
  const { item } = await sent.json();

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-gpu'], timeout: 30_000 });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2, locale: 'en-US', reducedMotion: 'reduce' });
    // The customer enters the room and consents once, unthrottled: the runs measure opening the document.
    const entry = await context.newPage();
    await entry.goto(link);
    await Promise.all([entry.waitForNavigation(), entry.getByRole('button', { name: 'Open my secure room' }).click()]);
    const consent = await entry.request.post(`${base}/room/api/consent`, { headers: { 'X-Parley-Room': '1' } });
    if (!consent.ok()) throw new Error(`consent answered ${consent.status()}`);
    await entry.close();
    await context.addInitScript(watchPage);
    await context.route(`${base}/bench/bare-pdf`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: barePage(item.id) }));

    const room = [];
    const bare = [];
    for (let i = 0; i < runs; i++) {
      room.push(await measure(context, `${base}/room/documents/${item.id}`));
      bare.push(await measure(context, `${base}/bench/bare-pdf`));
    }
    return {
      runs,
      pdfBytes: pdf.length,
      pages: PHONE.pages,
      firstPage: { room: median(room.map((m) => m.firstPage)), bare: median(bare.map((m) => m.firstPage)) },
      firstField: median(room.map((m) => m.firstField)),
    };
  } finally {
    await browser.close();
  }
}

export function documentPhoneBudgets(r) {
  const ratio = (x) => x / r.firstPage.bare;
  return [
    {
      what: 'document page on a phone: first page drawn vs a bare pdf.js page (Fast 4G, CPU 4×)',
      budget: '≤ 1.0×',
      value: `${ratio(r.firstPage.room).toFixed(2)}× (${(r.firstPage.room / 1000).toFixed(2)} vs ${(r.firstPage.bare / 1000).toFixed(2)} s)`,
      pass: ratio(r.firstPage.room) <= 1,
    },
    {
      what: "document page on a phone: first field tappable vs the bare page's first page",
      budget: '≤ 1.1×',
      value: `${ratio(r.firstField).toFixed(2)}× (${(r.firstField / 1000).toFixed(2)} s)`,
      pass: ratio(r.firstField) <= 1.1,
    },
  ];
}

export function printDocumentPhone(r, table) {
  const s = (x) => `${(x / 1000).toFixed(2)} s`;
  table(
    `k. the document page on a phone (Fast 4G, CPU 4× slower, no cache): a ${r.pages}-page PDF of ${(r.pdfBytes / 1024).toFixed(0)} KB, median of ${r.runs} runs`,
    ['', 'first page drawn', 'first field tappable'],
    [
      ["Parley's document page", s(r.firstPage.room), s(r.firstField)],
      ['bare page: pdf.js draws page 1 (baseline)', s(r.firstPage.bare), '—'],
      ['Parley ÷ baseline', `${(r.firstPage.room / r.firstPage.bare).toFixed(2)}×`, ''],
    ],
  );
}
