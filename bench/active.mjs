// j. Active sessions at scale: 200 sessions, each with three people in it
// (the agent, the customer and a co-signer invited by their own link), each
// on their own live socket, chatting for a minute: every session carries one
// message a second, its three people taking turns, sent open loop at their
// scheduled times (sessions spread across each second). Per message, the
// time from just before its POST to each of the session's three sockets
// receiving it; the local workerd's memory before, with every socket open,
// and at the end of the minute.
//
// BENCH_ACTIVE_SESSIONS and BENCH_ACTIVE_SECONDS shrink it (0 sessions skips it).

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { wholeNumber } from './env.mjs';
import { pool } from './pool.mjs';
import { request } from './writeback.mjs';

export const ACTIVE = {
  sessions: wholeNumber('BENCH_ACTIVE_SESSIONS', 200, 0),
  seconds: wholeNumber('BENCH_ACTIVE_SECONDS', 60, 1),
  setupConcurrency: 8,
  /** A message still unseen on a socket this long after its POST counts as lost. */
  lateMs: 15_000,
};

const TEXT = (n) => `active #${n}`;
/** A message POST still unanswered after this counts as an error (as in the fan-out step). */
const POST_TIMEOUT_MS = 30_000;

/**
 * @param {object} o
 * @param {{ url: string, token: string }} o.parley a Parley started for this step alone
 * @param {string} o.persistDir its local storage
 * @param {object} o.tools run.mjs's helpers: startSession, invitationLinks, enterRoom, openSocket, stats, sleep, now, memory (RSS by role, KiB)
 */
export async function benchActive({ parley, persistDir, tools }) {
  const { startSession, invitationLinks, enterRoom, openSocket, stats, sleep, now, memory } = tools;
  const ws = parley.url.replace(/^http/, 'ws');
  const before = memory();
  const diskBefore = storageBytes(persistDir);
  const sessions = [];
  const sent = new Map(); // message number → { at, seen: number, session }
  const latencies = [];
  let duplicates = 0;
  const onFrame = (e) => {
    if (typeof e.data !== 'string' || !e.data.includes('message.posted')) return;
    const frame = JSON.parse(e.data);
    const m = /^active #(\d+)$/.exec(frame.event?.data?.message?.text ?? '');
    const entry = m && sent.get(Number(m[1]));
    if (!entry) return;
    if (++entry.seen > 3) duplicates++;
    latencies.push(now() - entry.at);
  };

  const t0 = now();
  await pool(ACTIVE.sessions, ACTIVE.setupConcurrency, async (i) => {
    const id = await startSession(parley.url, parley.token);
    await request(parley.url, 'POST', `/api/v1/sessions/${id}/participants`, { token: parley.token, body: { roleName: 'Co-signer', contact: { name: `Co-signer ${i}`, email: `active-${Date.now().toString(36)}-${i}@example.com` } } });
    const links = await invitationLinks(parley.url, id, 2);
    const people = await Promise.all(links.map((link) => enterRoom(link)));
    const sockets = [
      await openSocket(`${ws}/api/v1/sessions/${id}/ws?token=${encodeURIComponent(parley.token)}`),
      ...(await Promise.all(people.map((p) => openSocket(`${ws}/room/api/ws`, { Cookie: p.cookie, Origin: parley.url })))),
    ];
    for (const s of sockets) s.addEventListener('message', onFrame);
    sessions[i] = {
      id,
      sockets,
      senders: [{ path: `/api/v1/sessions/${id}/messages`, token: parley.token }, ...people.map((p) => ({ path: '/room/api/messages', cookie: p.cookie }))],
    };
  });
  const setupSeconds = (now() - t0) / 1000;
  await sleep(2_000);
  const open = memory();

  // One message a second per session, its people in turn, sessions spread evenly across each second.
  let posted = 0;
  let postErrors = 0;
  let firstError = null;
  const start = now() + 500;
  const total = ACTIVE.sessions * ACTIVE.seconds;
  const sends = [];
  for (let k = 0; k < ACTIVE.seconds; k++) {
    for (let i = 0; i < ACTIVE.sessions; i++) {
      const n = k * ACTIVE.sessions + i;
      const due = start + k * 1000 + (i * 1000) / ACTIVE.sessions;
      const wait = due - now();
      if (wait > 1) await sleep(wait);
      const s = sessions[i];
      const sender = s.senders[k % s.senders.length];
      sent.set(n, { at: now(), seen: 0 });
      sends.push(
        request(parley.url, 'POST', sender.path, { token: sender.token, cookie: sender.cookie, body: { text: TEXT(n) }, timeoutMs: POST_TIMEOUT_MS })
          .then(() => posted++)
          .catch((err) => {
            postErrors++;
            firstError ??= err.message;
          }),
      );
    }
  }
  await Promise.all(sends);
  const sendSeconds = (now() - start) / 1000;
  // Wait for stragglers, at most lateMs.
  for (const until = now() + ACTIVE.lateMs; now() < until && latencies.length < total * 3; ) await sleep(100);
  const end = memory();
  for (const s of sessions) for (const socket of s.sockets) socket.close();
  await sleep(1_000);
  const diskAfter = storageBytes(persistDir);
  return {
    sessions: ACTIVE.sessions,
    sockets: ACTIVE.sessions * 3,
    seconds: ACTIVE.seconds,
    setupSeconds,
    sendSeconds,
    messages: total,
    posted,
    postErrors,
    firstError,
    expected: total * 3,
    received: latencies.length - duplicates,
    duplicates,
    achievedRate: total / sendSeconds,
    latency: stats(latencies),
    rssKiB: { before, open, end },
    bytesPerSession: { directory: perSession(diskBefore.directory, diskAfter.directory, ACTIVE.sessions), object: perSession(diskBefore.objects, diskAfter.objects, ACTIVE.sessions) },
  };
}

/**
 * What the local D1 directory and the Durable Objects hold, in bytes: each
 * SQLite database's pages in use by table and index (SQLite's dbstat), read
 * through its write-ahead log (the files' own sizes mostly measure a log not
 * yet folded back).
 */
function storageBytes(persistDir) {
  const sum = (dir) => {
    const byTable = {};
    for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.sqlite') || entry.name === 'metadata.sqlite') continue;
      const db = new DatabaseSync(path.join(entry.parentPath, entry.name), { readOnly: true });
      try {
        for (const { name, bytes } of db.prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name').all()) byTable[name] = (byTable[name] ?? 0) + bytes;
      } finally {
        db.close();
      }
    }
    return { total: Object.values(byTable).reduce((a, b) => a + b, 0), byTable };
  };
  return { directory: sum(path.join(persistDir, 'v3/d1')), objects: sum(path.join(persistDir, 'v3/do')) };
}

/** What each session added, in bytes: in all, and by the tables (with their indexes) that grew most. */
function perSession(before, after, sessions) {
  const grown = Object.entries(after.byTable)
    .map(([name, bytes]) => [name, (bytes - (before.byTable[name] ?? 0)) / sessions])
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  return { total: (after.total - before.total) / sessions, largest: grown.slice(0, 5) };
}

export function printActive(a, table, ms, mib) {
  table(
    `j. ${a.sessions} active sessions × 3 people on their own sockets, 1 message a second each for ${a.seconds} s (${a.messages} messages, sent at ${a.achievedRate.toFixed(0)}/s; set up in ${a.setupSeconds.toFixed(1)} s)`,
    ['', 'p50', 'p99', 'max', 'received', 'POST errors'],
    [['message → each of the session\'s sockets', ms(a.latency.p50), ms(a.latency.p99), ms(a.latency.max), `${a.received}/${a.expected}`, a.postErrors]],
  );
  table(
    '   Memory of the local Parley (RSS)',
    ['', 'worker (workerd)', 'dev proxy (workerd)'],
    [
      ['before', mib(a.rssKiB.before.worker), mib(a.rssKiB.before.proxy)],
      ['every socket open', mib(a.rssKiB.open.worker), mib(a.rssKiB.open.proxy)],
      [`after ${a.seconds} s of chat`, mib(a.rssKiB.end.worker), mib(a.rssKiB.end.proxy)],
    ],
  );
  const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;
  const largest = (p) => p.largest.map(([name, bytes]) => `${name} ${kib(bytes)}`).join(', ');
  console.log(`  on disk, per session (${a.seconds} messages each), in SQLite pages:`);
  console.log(`    D1 directory ${kib(a.bytesPerSession.directory.total)} (${largest(a.bytesPerSession.directory)})`);
  console.log(`    its own object ${kib(a.bytesPerSession.object.total)} (${largest(a.bytesPerSession.object)})`);
  if (a.firstError) console.log(`  first POST error: ${a.firstError}`);
}

export function activeBudgets(a, ms) {
  return [
    { what: `${a.sessions} active sessions × 3 people, 1 message/s each: every message reached its 3 sockets`, budget: `${a.expected}`, value: `${a.received} (${a.postErrors} POST errors, ${a.duplicates} twice)`, pass: a.received === a.expected && a.postErrors === 0 && a.duplicates === 0 },
    { what: `${a.sessions} active sessions × 3 people: message p99 to each socket`, budget: 'reported', value: ms(a.latency.p99), pass: null },
  ];
}
