// g. Messages to providers: invitations sent by SMS through Twilio and by
// email through Resend, from a Parley under `wrangler dev` (its real
// outbound-messages queue and consumer, worker/src/notify/outbox.ts) to the
// fake providers served on 127.0.0.1 (scripts/lib/fake-providers.mjs), which
// call Parley back with each message's status as the real ones do.
//
//   steady   150 sessions started by the API, 8 at a time, each inviting its
//            customer by SMS: messages delivered per second and, per message,
//            the time from the API's answer to Twilio receiving the create
//            (the added latency: the queue's batch window included)
//   outage   60 more SMS and 20 emails with the providers failing first
//            (OUTAGE below): per recipient, how many messages reached the
//            provider — none is a loss, two a message sent twice — and how
//            long the retries took
//
// wrangler dev keeps its queues in memory: if it reloads the Worker (a file
// under the project changed) the queued messages are gone, so a reload is
// watched for and voids the step's figures.
//
// Arrivals are seen by polling the fakes' records (fake.sent) every
// POLL_MS from this process, which also serves the fakes: the fakes
// themselves are not touched.
import { serveFakeProviders } from '../scripts/lib/fake-providers.mjs';
import { applyMigrations, freePort, seedDemoOrg, startWrangler } from '../scripts/lib/local-dev.mjs';
import { pool } from './pool.mjs';

export const MESSAGES = { steady: 150, outageSms: 60, outageEmails: 20, concurrency: 8 };

/**
 * The outage, set on the fakes before its sessions start. Each fake serves
 * its planned answers call by call, in order, and the fake Twilio serves its
 * planned timeouts before its planned statuses: Twilio's first 5 calls hang
 * past Parley's 10 s timeout (the message created all the same: the answer
 * is lost on its way back), the next 4 get 503, the next 2 get 429 with
 * Retry-After 2; Resend's first 5 get 503.
 *
 * Not 20 × 503 and 5 × 429: Parley tries a failing provider once per batch
 * and holds back the rest of that batch (deliverBatch), and its retries wait
 * 10 s, 30 s, 60 s, then 5 minutes, so 80 messages make three or four calls
 * to each provider a round. Measured: after 180 s only 12 of 20 planned
 * 503s had been served, and 55 of the 60 SMS were waiting out the 5-minute
 * step; with 6 × 503 and 2 × 429 the last faults fell in the third round and
 * the outage took 157 s. These counts end within the second round.
 */
export const OUTAGE = {
  twilio: { hungCreated: 5, unavailable: 4, limited: 2, retryAfterS: 2 },
  resend: { unavailable: 5 },
};

const POLL_MS = 2;
/** How long after a create the fake Twilio posts "sent", and as long again "delivered". */
const CALLBACK_DELAY_MS = 100;
const STEADY_LIMIT_MS = 90_000;
const STATUS_LIMIT_MS = 10_000;
/**
 * How long the outage may take to settle, from its first session: Parley's
 * provider timeout is 10 s, its retries wait 10 s, 30 s, 60 s, 5 min…
 * (worker/src/domain/delivery.ts), and a provider that fails one message of
 * a batch holds back the rest of that batch for it as long.
 */
const OUTAGE_LIMIT_MS = 180_000;
/** After every outbox row is closed, the callbacks of the last ones still come in. */
const CALLBACK_SETTLE_MS = 2_000;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.now();

/** A UK mobile number that libphonenumber-js reads as valid (+44 7911 0xxxxx): Ofcom's drama range, +44 7700 900xxx, is not. */
const ukMobile = (i) => `+447911${String(i).padStart(6, '0')}`;

function percentiles(values) {
  const v = Float64Array.from(values).sort();
  const at = (p) => (v.length ? Number(v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)].toFixed(1)) : null);
  return { count: v.length, p50: at(50), p95: at(95), p99: at(99), max: v.length ? Number(v[v.length - 1].toFixed(1)) : null };
}

/**
 * Watches the fakes' records of what they took (fake.sent: every SMS
 * created, every email accepted — a retry Resend answers from its
 * idempotency key adds none), noting, per recipient, when each one was
 * first seen.
 */
function watchArrivals({ twilio, resend }) {
  const sms = new Map();
  const email = new Map();
  let smsSeen = 0;
  let emailSeen = 0;
  const note = (map, to, at) => (map.get(to) ?? map.set(to, []).get(to)).push(at);
  const poll = () => {
    const at = now();
    for (; smsSeen < twilio.sent.length; smsSeen++) note(sms, twilio.sent[smsSeen].to, at);
    for (; emailSeen < resend.sent.length; emailSeen++) note(email, resend.sent[emailSeen].to[0], at);
  };
  const timer = setInterval(poll, POLL_MS);
  return { sms, email, poll, stop: () => clearInterval(timer) };
}

async function startSession(base, token, customer) {
  const res = await fetch(`${base}/api/v1/sessions`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ customer }),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  const answeredAt = now();
  if (res.status >= 300) throw new Error(`POST /api/v1/sessions → ${res.status} ${text.slice(0, 300)}`);
  return { sessionId: JSON.parse(text).session.id, answeredAt };
}

/** Starts a session per recipient, `concurrency` at a time: [{ channel, to, sessionId, answeredAt }]. */
function startAll(base, token, recipients) {
  return pool(recipients.length, MESSAGES.concurrency, async (i) => {
    const r = recipients[i];
    const customer = r.channel === 'sms' ? { name: `Bench Texter ${i + 1}`, phone: r.to } : { name: `Bench Mailer ${i + 1}`, email: r.to };
    return { ...r, ...(await startSession(base, token, customer)) };
  });
}

/** The outbox rows of these sessions, by session id (the local outbox's newest 200 rows: more than one phase makes). */
async function outboxRows(base, sessionIds) {
  const res = await fetch(`${base}/dev/outbox.json`, { signal: AbortSignal.timeout(15_000) });
  if (res.status !== 200) throw new Error(`GET /dev/outbox.json → ${res.status}`);
  const { messages } = await res.json();
  const wanted = new Set(sessionIds);
  const rows = new Map();
  for (const m of messages) if (wanted.has(m.session_id)) rows.set(m.session_id, m);
  if (rows.size < wanted.size) {
    for (const id of wanted) {
      if (rows.has(id)) continue;
      const one = await (await fetch(`${base}/dev/outbox.json?session=${id}`, { signal: AbortSignal.timeout(15_000) })).json();
      if (one.messages?.[0]) rows.set(id, one.messages[0]);
    }
  }
  return rows;
}

/** Polls `check` every `everyMs` until it returns true or `limitMs` passes; true when it did. */
async function waitFor(check, limitMs, everyMs) {
  const deadline = now() + limitMs;
  for (;;) {
    if (await check()) return true;
    if (now() >= deadline) return false;
    await sleep(everyMs);
  }
}

const countBy = (values) => Object.fromEntries([...values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map())].sort());

// ─────────────────────────────── steady ────────────────────────────────

async function measureSteady(base, token, arrivals, count) {
  const recipients = Array.from({ length: count }, (_, i) => ({ channel: 'sms', to: ukMobile(i) }));
  const started = await startAll(base, token, recipients);
  const arrived = await waitFor(() => started.every((s) => arrivals.sms.has(s.to)), STEADY_LIMIT_MS, 20);
  arrivals.poll();
  const firstAnswer = Math.min(...started.map((s) => s.answeredAt));
  const reached = started.filter((s) => arrivals.sms.has(s.to));
  const lastArrival = reached.length ? Math.max(...reached.map((s) => arrivals.sms.get(s.to)[0])) : firstAnswer;
  const latencies = reached.map((s) => arrivals.sms.get(s.to)[0] - s.answeredAt);

  // What Parley made of them: Twilio's callbacks move each row to "delivered".
  const ids = started.map((s) => s.sessionId);
  let rows = new Map();
  const delivered = () => [...rows.values()].filter((r) => r.status === 'delivered').length;
  const allDelivered = await waitFor(
    async () => {
      rows = await outboxRows(base, ids);
      return delivered() === ids.length;
    },
    STATUS_LIMIT_MS,
    500,
  );
  return {
    messages: started.length,
    reachedTwilio: reached.length,
    arrivedInTime: arrived,
    sentTwice: started.filter((s) => (arrivals.sms.get(s.to)?.length ?? 0) > 1).length,
    seconds: Number(((lastArrival - firstAnswer) / 1000).toFixed(2)),
    perSecond: reached.length ? Number((reached.length / ((lastArrival - firstAnswer) / 1000)).toFixed(1)) : 0,
    addedLatencyMs: percentiles(latencies),
    delivered: delivered(),
    allDelivered,
    statuses: countBy([...rows.values()].map((r) => r.status)),
  };
}

// ─────────────────────────────── outage ────────────────────────────────

/** Per recipient of one channel: how many messages reached the provider, the retries' latency, and what Parley says. */
function tally(started, got, rows, pendingStatuses) {
  const lost = started.filter((s) => !got.has(s.to));
  const latencies = started.filter((s) => got.has(s.to)).map((s) => got.get(s.to)[0] - s.answeredAt);
  return {
    messages: started.length,
    reached: started.length - lost.length,
    lost: lost.length,
    lostStillRetrying: lost.filter((s) => pendingStatuses.has(rows.get(s.sessionId)?.status)).length,
    sentTwice: started.filter((s) => (got.get(s.to)?.length ?? 0) > 1).length,
    sentTwiceTo: started.filter((s) => (got.get(s.to)?.length ?? 0) > 1).map((s) => ({ to: s.to, sessionId: s.sessionId, messages: got.get(s.to).length })),
    addedLatencyMs: percentiles(latencies),
    statuses: countBy(started.map((s) => rows.get(s.sessionId)?.status ?? 'no outbox row')),
    attempts: countBy(started.map((s) => rows.get(s.sessionId)?.attempts ?? 0)),
  };
}

/** A provider's calls, one line each: seconds after the outage began, method, answer. */
const timeline = (calls, t0) => calls.map((c) => `${((c.at - (performance.timeOrigin + t0)) / 1000).toFixed(1)}s ${c.method} ${c.fault === 'hang' ? 'hung' : c.status}`);

async function measureOutage(base, token, providers, arrivals, firstNumber) {
  const { twilio, resend } = providers;
  const plan = OUTAGE;
  twilio.timeoutNext(plan.twilio.hungCreated, { created: true });
  twilio.failNext(plan.twilio.unavailable, { status: 503 });
  twilio.failNext(plan.twilio.limited, { status: 429, retryAfter: plan.twilio.retryAfterS });
  resend.failNext(plan.resend.unavailable, { status: 503 });
  const twilioCallsBefore = twilio.calls.length;
  const resendCallsBefore = resend.calls.length;

  // Emails spread among the texts, so every batch has some of each and calls both providers.
  const sms = Array.from({ length: MESSAGES.outageSms }, (_, i) => ({ channel: 'sms', to: ukMobile(firstNumber + i) }));
  const emails = Array.from({ length: MESSAGES.outageEmails }, (_, i) => ({ channel: 'email', to: `bench-outage-${i + 1}@example.com` }));
  const step = Math.max(1, Math.floor(sms.length / Math.max(1, emails.length)));
  const recipients = sms.flatMap((r, i) => ((i + 1) % step === 0 && emails.length ? [r, emails.shift()] : [r])).concat(emails);
  const t0 = now();
  const started = await startAll(base, token, recipients);
  const ids = started.map((s) => s.sessionId);

  // Settled: every row closed (the provider took it, or Parley gave up on it):
  // nothing is left that could still send it, or send it again.
  let rows = new Map();
  const closed = (r) => r && r.body === null;
  const settled = await waitFor(
    async () => {
      rows = await outboxRows(base, ids);
      return ids.every((id) => closed(rows.get(id)));
    },
    Math.max(0, OUTAGE_LIMIT_MS - (now() - t0)),
    1_000,
  );
  const settledS = (now() - t0) / 1000;
  await sleep(CALLBACK_SETTLE_MS);
  arrivals.poll();
  rows = await outboxRows(base, ids);

  const pending = new Set(['queued', 'sending', 'retrying', 'unknown', 'held']);
  const faults = (calls, from) => calls.slice(from).filter((c) => c.fault);
  const twilioFaults = faults(twilio.calls, twilioCallsBefore);
  const resendFaults = faults(resend.calls, resendCallsBefore);
  const lastFaultS = (list) => (list.length ? Number(((list.at(-1).at - (performance.timeOrigin + t0)) / 1000).toFixed(1)) : null);
  return {
    plan,
    settled,
    settledSeconds: Number(settledS.toFixed(1)),
    limitSeconds: OUTAGE_LIMIT_MS / 1000,
    sms: {
      ...tally(started.filter((s) => s.channel === 'sms'), arrivals.sms, rows, pending),
      calls: twilio.calls.length - twilioCallsBefore,
      faultsServed: twilioFaults.length,
      faultsPlanned: plan.twilio.hungCreated + plan.twilio.unavailable + plan.twilio.limited,
      lastFaultAtS: lastFaultS(twilioFaults),
      reconcileCalls: twilio.calls.slice(twilioCallsBefore).filter((c) => c.method === 'GET').length,
      timeline: timeline(twilio.calls.slice(twilioCallsBefore), t0),
    },
    email: {
      ...tally(started.filter((s) => s.channel === 'email'), arrivals.email, rows, pending),
      calls: resend.calls.length - resendCallsBefore,
      faultsServed: resendFaults.length,
      faultsPlanned: plan.resend.unavailable,
      lastFaultAtS: lastFaultS(resendFaults),
      replays: resend.calls.slice(resendCallsBefore).filter((c) => c.replayed).length,
      timeline: timeline(resend.calls.slice(resendCallsBefore), t0),
    },
  };
}

// ─────────────────────────────── the step ────────────────────────────────

/**
 * Runs the step on its own Parley (a fresh store under `persistDir`) with
 * the fakes as its providers; `vars`: more Worker variables (the bench's
 * rate limits off); `track(server)`: the caller's list of servers to stop
 * if it gives up; `steady`: how many SMS the steady part sends. Everything
 * is stopped before it returns or throws.
 */
export async function benchMessages({ persistDir, vars = {}, track = () => {}, steady = MESSAGES.steady, onOutput }) {
  const port = await freePort();
  const providers = await serveFakeProviders({ parleyUrl: `http://127.0.0.1:${port}`, callbackDelayMs: CALLBACK_DELAY_MS });
  const arrivals = watchArrivals(providers);
  const t0 = now();
  const reloads = [];
  const output = (line) => {
    if (/Reloading local server/.test(line)) reloads.push(Number(((now() - t0) / 1000).toFixed(1)));
    onOutput?.(line);
  };
  let server = null;
  try {
    await applyMigrations(persistDir);
    server = await startWrangler({ port, persistDir, vars: { ...vars, ...providers.vars }, onOutput: output });
    track(server);
    const { agentToken } = await seedDemoOrg(server.url, { ttlHours: 2 });
    const steadyResult = await measureSteady(server.url, agentToken, arrivals, steady);
    const outage = await measureOutage(server.url, agentToken, providers, arrivals, steady);
    return { concurrency: MESSAGES.concurrency, pollMs: POLL_MS, callbackDelayMs: CALLBACK_DELAY_MS, reloadsAtS: reloads, steady: steadyResult, outage };
  } finally {
    arrivals.stop();
    await server?.stop();
    await providers.stop();
  }
}

const ms = (x) => (x === null ? '—' : `${x.toFixed(0)} ms`);
const pair = (l) => `${ms(l.p50)} / ${ms(l.p99)}`;

/** DESIGN.md §6: "delivered per second and added latency reported; 0 lost, 0 sent twice under an outage". pass null: a figure reported, not judged. */
export function messagesBudgets(r) {
  const { steady: s, outage: o } = r;
  const lost = o.sms.lost + o.email.lost;
  const retrying = o.sms.lostStillRetrying + o.email.lostStillRetrying;
  const twice = o.sms.sentTwice + o.email.sentTwice;
  const reloaded = r.reloadsAtS.length > 0;
  const notes = [
    ...(retrying ? [`${retrying} still retrying at ${o.settledSeconds} s`] : []),
    ...(reloaded ? [`void: wrangler dev reloaded the Worker at ${r.reloadsAtS.join(', ')} s and lost its queue`] : []),
  ];
  return [
    { what: 'messages lost under an outage', budget: '0', value: `${lost}${notes.length ? ` (${notes.join('; ')})` : ''}`, pass: lost === 0 && !reloaded },
    { what: 'messages sent twice under an outage', budget: '0', value: `${twice}`, pass: twice === 0 && !reloaded },
    { what: 'SMS handed to Twilio per second, steady', budget: 'reported', value: `${s.perSecond}/s`, pass: null },
    { what: 'SMS added latency p50 / p99, steady', budget: 'reported', value: pair(s.addedLatencyMs), pass: null },
    { what: 'added latency p50 / p99 under the outage, SMS; email', budget: 'reported', value: `${pair(o.sms.addedLatencyMs)}; ${pair(o.email.addedLatencyMs)}`, pass: null },
  ];
}

/** Prints the step's tables with the bench's table(title, header, rows). */
export function printMessages(r, table) {
  const { steady: s, outage: o } = r;
  table(
    `g. Messages to providers: ${s.messages} SMS invitations, sessions started ${r.concurrency} at a time (API answer → fake Twilio has the create; the queue's batch window included)`,
    ['', 'per second', 'p50', 'p95', 'p99', 'max', 'reached Twilio', 'sent twice', '"delivered" in Parley'],
    [['steady', `${s.perSecond}/s`, ms(s.addedLatencyMs.p50), ms(s.addedLatencyMs.p95), ms(s.addedLatencyMs.p99), ms(s.addedLatencyMs.max), `${s.reachedTwilio}/${s.messages}`, s.sentTwice, `${s.delivered}/${s.messages}`]],
  );
  if (!s.allDelivered) console.log(`  not all "delivered" within ${STATUS_LIMIT_MS / 1000} s of the last arrival: ${JSON.stringify(s.statuses)}`);
  const p = o.plan;
  table(
    `   Outage: Twilio's first ${p.twilio.hungCreated} calls hang past Parley's 10 s timeout (created all the same), the next ${p.twilio.unavailable} get 503, the next ${p.twilio.limited} 429 + Retry-After ${p.twilio.retryAfterS}; Resend's first ${p.resend.unavailable} get 503`,
    ['', 'messages', 'reached', 'lost', 'sent twice', 'latency p50', 'p99', 'max', 'calls', 'faults served', 'last fault'],
    [
      ['SMS (Twilio)', o.sms.messages, o.sms.reached, o.sms.lost, o.sms.sentTwice, ms(o.sms.addedLatencyMs.p50), ms(o.sms.addedLatencyMs.p99), ms(o.sms.addedLatencyMs.max), o.sms.calls, `${o.sms.faultsServed}/${o.sms.faultsPlanned}`, o.sms.lastFaultAtS === null ? '—' : `${o.sms.lastFaultAtS} s`],
      ['email (Resend)', o.email.messages, o.email.reached, o.email.lost, o.email.sentTwice, ms(o.email.addedLatencyMs.p50), ms(o.email.addedLatencyMs.p99), ms(o.email.addedLatencyMs.max), o.email.calls, `${o.email.faultsServed}/${o.email.faultsPlanned}`, o.email.lastFaultAtS === null ? '—' : `${o.email.lastFaultAtS} s`],
    ],
  );
  console.log(
    o.settled
      ? `  waited until every outage message's outbox row was closed (sent, delivered or failed: nothing left to send): ${o.settledSeconds} s after the first session started (limit ${o.limitSeconds} s)`
      : `  gave up after ${o.limitSeconds} s with outbox rows still open (Parley still retrying): ${JSON.stringify({ sms: o.sms.statuses, email: o.email.statuses })}`,
  );
  console.log(`  Parley's statuses at the end: SMS ${JSON.stringify(o.sms.statuses)}, email ${JSON.stringify(o.email.statuses)}; Twilio checks after a lost answer: ${o.sms.reconcileCalls}; Resend idempotent replays: ${o.email.replays}`);
  for (const d of [...o.sms.sentTwiceTo, ...o.email.sentTwiceTo]) console.log(`  SENT TWICE: ${d.to} (session ${d.sessionId}) got ${d.messages} messages`);
  if (r.reloadsAtS.length) console.log(`  wrangler dev reloaded the Worker at ${r.reloadsAtS.join(', ')} s (a file under the project changed): its in-memory queue was lost, the figures are void`);
}
