// h. shared review: how fast a pointer and a page turn reach the other side
// of a review (room/shared-review.ts), beside the bare workerd echo doing
// the same in the same run.
//
//   - pointer: the agent's pointer sent at the board's own pace (one every
//     60 ms, client/review.ts), open loop, on the agent's live socket as the
//     board sends it (and again through the API, as an integration would),
//     timed from just before it is sent to the customer's socket receiving
//     the review frame;
//   - page turn: the customer turns the page (POST …/lead), one at a time,
//     timed to the agent's socket receiving review.page_turned.
//
// The echo is sent the same number of frames, at the same pace, to one socket.
import { PDFDocument, StandardFonts } from 'pdf-lib';

// 300 turns: the p99 of 60 was their slowest one, which on a shared machine is
// whatever else ran at that moment (1.40×, 18.0×, 3.31× and 4.84× in four runs).
export const REVIEW = { pointers: 200, pointerEveryMs: 60, turns: 300, warmup: 20 };

/**
 * @param {object} o
 * @param {{ url: string, token: string }} o.parley
 * @param {{ url: string }} o.echo
 * @param {object} o.tools the bench's own helpers (run.mjs): startSession, invitationLink, enterRoom, openSocket, stats, sleep, now
 */
export async function benchReview({ parley, echo, tools }) {
  const { startSession, invitationLink, enterRoom, openSocket, stats, sleep, now } = tools;
  const ws = (u) => u.replace(/^http/, 'ws');
  const sessionId = await startSession(parley.url, parley.token);
  const { cookie } = await enterRoom(await invitationLink(parley.url, sessionId));
  const itemId = await startReview(parley, sessionId);
  const agentBase = `${parley.url}/api/v1/sessions/${sessionId}/reviews/${itemId}`;
  const roomBase = `${parley.url}/room/api/reviews/${itemId}`;
  const customer = await openSocket(`${ws(parley.url)}/room/api/ws`, { Cookie: cookie, Origin: parley.url });
  const agent = await openSocket(`${ws(parley.url)}/api/v1/sessions/${sessionId}/ws?token=${encodeURIComponent(parley.token)}`);
  const echoSocket = await openSocket(`${ws(echo.url)}/ws`);
  await sleep(300);

  const post = (url, headers, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body), signal: AbortSignal.timeout(30_000) });
  const asAgent = { Authorization: `Bearer ${parley.token}` };
  const asCustomer = { Cookie: cookie, 'X-Parley-Room': '1' };

  // A pointer's x says which one it is: n / 10,000.
  const pointerSeq = (data) => {
    const f = JSON.parse(data);
    return f.type === 'review' && typeof f.x === 'number' ? Math.round(f.x * 10_000) : -1;
  };
  // The board sends its pointer on its live socket; a refusal would come back on it as an error frame.
  let socketRefusals = 0;
  agent.onmessage = (e) => {
    if (JSON.parse(e.data).type === 'error') socketRefusals++;
  };
  const parleyPointer = await paced({
    socket: customer,
    seqOf: pointerSeq,
    send: (n) => agent.send(JSON.stringify({ type: 'review', itemId, page: 1, x: n / 10_000, y: 0.5 })),
  });
  parleyPointer.refused += socketRefusals;
  // The same through the API, as an integration would send it.
  const apiPointer = await paced({
    socket: customer,
    seqOf: pointerSeq,
    send: (n) => post(`${agentBase}/pointer`, asAgent, { page: 1, x: n / 10_000, y: 0.5 }),
  });
  const echoPointer = await paced({
    socket: echoSocket,
    seqOf: pointerSeq,
    send: (n) => fetch(`${echo.url}/publish`, { method: 'POST', body: JSON.stringify({ type: 'review', x: n / 10_000 }) }),
  });

  // A turn is known by the page it lands on, and they alternate: one at a time, so the next frame of that page is its own.
  const turnPage = (n) => 2 - (n % 2);
  const parleyTurns = await serial({
    socket: agent,
    matches: (data, n) => {
      const f = JSON.parse(data);
      return f.type === 'event' && f.event.type === 'review.page_turned' && f.event.data.page === turnPage(n);
    },
    send: (n) => post(`${roomBase}/lead`, asCustomer, { page: turnPage(n) }),
  });
  const echoTurns = await serial({
    socket: echoSocket,
    matches: (data, n) => JSON.parse(data).turn === n,
    send: (n) => fetch(`${echo.url}/publish`, { method: 'POST', body: JSON.stringify({ turn: n }) }),
  });
  for (const s of [customer, agent, echoSocket]) s.close();

  return {
    pointer: { parley: parleyPointer, api: apiPointer, echo: echoPointer, ratioP99: parleyPointer.latency.p99 / echoPointer.latency.p99 },
    turn: { parley: parleyTurns, echo: echoTurns, ratioP99: parleyTurns.latency.p99 / echoTurns.latency.p99 },
  };

  /** Sends REVIEW.pointers at the board's pace (after a few one at a time), and times each to its frame. */
  async function paced({ socket, seqOf, send }) {
    const total = REVIEW.warmup + REVIEW.pointers;
    const sentAt = new Float64Array(total + 1).fill(NaN);
    const gotAt = new Float64Array(total + 1).fill(NaN);
    socket.onmessage = (e) => {
      const n = seqOf(e.data);
      if (n > 0 && n <= total && Number.isNaN(gotAt[n])) gotAt[n] = now();
    };
    let refused = 0;
    // An API call answers; a socket send does not (its refusals come as frames).
    const check = async (res) => {
      if (!res) return;
      await res.arrayBuffer();
      if (res.status >= 300) refused++;
    };
    for (let n = 1; n <= REVIEW.warmup; n++) {
      sentAt[n] = now();
      await check(await send(n));
      await sleep(REVIEW.pointerEveryMs);
    }
    const pending = [];
    const t0 = now();
    for (let n = REVIEW.warmup + 1; n <= total; n++) {
      const wait = t0 + (n - REVIEW.warmup - 1) * REVIEW.pointerEveryMs - now();
      if (wait > 0) await sleep(wait);
      sentAt[n] = now();
      pending.push(Promise.resolve(send(n)).then(check));
    }
    await Promise.all(pending);
    await sleep(500);
    const latencies = [];
    for (let n = REVIEW.warmup + 1; n <= total; n++) if (!Number.isNaN(gotAt[n])) latencies.push(gotAt[n] - sentAt[n]);
    return { latency: stats(latencies), received: latencies.length, expected: REVIEW.pointers, refused };
  }

  /** Sends REVIEW.turns one at a time, each after the last one's frame arrived, and times each. */
  async function serial({ socket, matches, send }) {
    const latencies = [];
    let refused = 0;
    for (let n = 0; n < REVIEW.turns; n++) {
      const arrived = new Promise((resolve) => {
        const timer = setTimeout(() => resolve(null), 5_000);
        socket.onmessage = (e) => {
          if (!matches(e.data, n)) return;
          clearTimeout(timer);
          resolve(now());
        };
      });
      const t = now();
      const res = await send(n);
      await res.arrayBuffer();
      if (res.status >= 300) refused++;
      const at = await arrived;
      if (at !== null) latencies.push(at - t);
    }
    return { latency: stats(latencies), received: latencies.length, expected: REVIEW.turns, refused };
  }
}

/** A two-page document sent in the session, opened for review. */
async function startReview(parley, sessionId) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const n of [1, 2]) doc.addPage([612, 792]).drawText(`Bench review, page ${n}`, { x: 72, y: 720, size: 18, font });
  const form = new FormData();
  form.append('file', new Blob([await doc.save()], { type: 'application/pdf' }), 'review.pdf');
  form.append('name', 'Bench review');
  form.append('definition', JSON.stringify({ fields: [{ id: 'sig', type: 'signature', page: 1, rect: { x: 150, y: 120, width: 250, height: 50 }, role: 'Customer', required: true }] }));
  const auth = { Authorization: `Bearer ${parley.token}` };
  const sent = await fetch(`${parley.url}/api/v1/sessions/${sessionId}/documents/adhoc`, { method: 'POST', headers: auth, body: form });
  if (sent.status !== 201) throw new Error(`sending the review's document answered ${sent.status}: ${await sent.text()}`);
  const documentId = (await sent.json()).item.id;
  const started = await fetch(`${parley.url}/api/v1/sessions/${sessionId}/reviews`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: JSON.stringify({ sourceItemId: documentId }) });
  if (started.status !== 201) throw new Error(`starting the review answered ${started.status}: ${await started.text()}`);
  return (await started.json()).item.id;
}

/** The review's budget (DESIGN.md §6, a live event at a pace under 50/s): p99 within 1.5× the echo's. */
export function reviewBudgets(r, ms) {
  const whole = (x) => x.received === x.expected && x.refused === 0;
  return [
    { what: 'review pointer p99 vs bare echo', budget: '≤ 1.5×', value: `${r.pointer.ratioP99.toFixed(2)}× (${ms(r.pointer.parley.latency.p99)})`, pass: whole(r.pointer.parley) && r.pointer.ratioP99 <= 1.5 },
    { what: 'review page turn p99 vs bare echo', budget: '≤ 1.5×', value: `${r.turn.ratioP99.toFixed(2)}× (${ms(r.turn.parley.latency.p99)})`, pass: whole(r.turn.parley) && r.turn.ratioP99 <= 1.5 },
  ];
}

export function printReview(r, table, ms) {
  const row = (name, x) => [name, ms(x.latency.p50), ms(x.latency.p99), ms(x.latency.max), `${x.received}/${x.expected}`, x.refused];
  table(`h. shared review: ${REVIEW.pointers} pointers (one every ${REVIEW.pointerEveryMs} ms) and ${REVIEW.turns} page turns (one at a time), to the other side`, ['', 'p50', 'p99', 'max', 'received', 'refused'], [
    row("agent's pointer (live socket, as the board) → customer", r.pointer.parley),
    row("  the same through POST …/pointer", r.pointer.api),
    row('  bare workerd echo', r.pointer.echo),
    ['  Parley ÷ echo', `${(r.pointer.parley.latency.p50 / r.pointer.echo.latency.p50).toFixed(2)}×`, `${r.pointer.ratioP99.toFixed(2)}×`, '', '', ''],
    row("customer's page turn → agent", r.turn.parley),
    row('  bare workerd echo', r.turn.echo),
    ['  Parley ÷ echo', `${(r.turn.parley.latency.p50 / r.turn.echo.latency.p50).toFixed(2)}×`, `${r.turn.ratioP99.toFixed(2)}×`, '', '', ''],
  ]);
}
