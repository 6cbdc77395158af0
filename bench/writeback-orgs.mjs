// e. CRM write-back across many orgs: 50 orgs, each with its own Salesforce
// (a fake on 127.0.0.1 answering every call after LATENCY_MS, as a real org
// across the internet does; one of them, the slow org, after SLOW_LATENCY_MS,
// as a Salesforce under load or heavy triggers does), burst at once: 20
// status changes each, 1,000 in all. While the burst is sent, every org's Salesforce holds its answers,
// so the whole burst waits in the write-back queues, as it does whenever
// orgs change faster than write-back writes; then Salesforce answers again
// and the backlog drains. Run twice on fresh Parleys under `wrangler dev`, in
// the same run: with CRM_WRITEBACK_SHARDS=1 (every org through one queue)
// and with the four queues wrangler.toml binds (crm/writeback-queues.ts).
//
// Reports, for each: per org, when its last change landed after Salesforce
// answered again, and so each org's changes written per second, summed over
// the orgs: what every org sees of write-back, not only the slowest. With one
// queue every batch waits for the slow org, so every org does; with four,
// only the orgs that share its queue. Lost changes and version regressions (a
// write older than one already made; the fakes run without the package's
// guard trigger, so none is hidden) must both be 0.
import { FakeSalesforce } from '../test/fakes/salesforce/fake-salesforce.ts';
import { serveFakeSalesforce } from '../test/fakes/salesforce/serve.ts';
import { generateConnectedAppKeys } from '../test/fakes/salesforce/test-connected-app.ts';
import { applyMigrations, freePort, startWrangler } from '../scripts/lib/local-dev.mjs';
import { pool } from './pool.mjs';
import { changeEveryItem, request, sessionWithItems, settle, statusChanges } from './writeback.mjs';

export const ORGS = { orgs: 50, sessionsPerOrg: 2, itemsPerSession: 2, shards: [1, 4] }; // 50 × 2 × 2 × 5 changes = 1,000
/** A Salesforce API call's round trip from a Worker: upserts of a few records take 100–300 ms (the high end with the package's triggers). */
const LATENCY_MS = 200;
const SLOW_LATENCY_MS = 3_000;
/** The org whose Salesforce answers slowly. */
const SLOW_ORG = 0;
const SETUP_CONCURRENCY = 8;
const APP = { clientId: '3MVG9parley.bench.orgs.app', username: 'parley-integration@orgs.bench.example' };
const CONTACT = '003000000000001AAA';

/** One burst on a fresh Parley whose write-back uses `shards` queues. */
async function burst({ persistDir, vars, track, shards, keys }) {
  await applyMigrations(persistDir);
  // Sessions a run found held by another (dispatch.ts logs each): none, when each queue writes one batch at a time.
  let busy = 0;
  const server = await startWrangler({ port: await freePort(), persistDir, vars: { ...vars, CRM_WRITEBACK_SHARDS: String(shards) }, onOutput: (line) => line.includes('"crm_session_busy"') && busy++ });
  track(server);
  const base = server.url;
  const orgs = [];
  try {
    // 50 orgs, each connected to a Salesforce of its own, with its sessions and their items there already.
    await pool(ORGS.orgs, SETUP_CONCURRENCY, async (o) => {
      const seed = (await request(base, 'POST', '/dev/demo-org', { body: { org: `Bench org ${o}`, ttlHours: 2 } })).json;
      const fake = new FakeSalesforce({ versionGuard: false, latencyMs: o === SLOW_ORG ? SLOW_LATENCY_MS : LATENCY_MS });
      fake.registerConnectedApp({ clientId: APP.clientId, publicKeyPem: keys.publicKeyPem, username: APP.username });
      const served = await serveFakeSalesforce(fake);
      orgs[o] = { fake, served, sessions: [] };
      await request(base, 'PUT', '/api/v1/crm/salesforce', {
        token: seed.adminToken,
        body: { loginUrl: served.url, instanceUrl: served.url, sfOrgId: `00D0000000${String(o).padStart(5, '0')}EAA`, clientId: APP.clientId, username: APP.username, privateKey: keys.privateKeyPem },
      });
      for (let k = 0; k < ORGS.sessionsPerOrg; k++) {
        const customer = { name: `Org ${o} customer ${k}`, email: `orgs-${o}-${k}-${Date.now().toString(36)}@example.com` };
        orgs[o].sessions.push(await sessionWithItems(base, seed.agentToken, { customer, crmRecord: { system: 'salesforce', objectType: 'Contact', recordId: CONTACT }, items: ORGS.itemsPerSession }));
      }
    });
    const itemsPerOrg = ORGS.sessionsPerOrg * ORGS.itemsPerSession;
    const everyFake = { get calls() { return orgs.flatMap((o) => o.fake.calls); } };
    if (!(await settle(everyFake, () => orgs.every((o) => o.fake.records('Parley_Item__c').length === itemsPerOrg)))) throw new Error('the orgs\' sessions never reached their Salesforce');

    // Every org's Salesforce holds its answers while the burst is sent.
    let answer = () => {};
    const answering = new Promise((resolve) => (answer = resolve));
    for (const org of orgs) {
      const fetch = org.fake.fetch.bind(org.fake);
      org.fake.fetch = async (request) => {
        await answering;
        return fetch(request);
      };
    }

    // The burst: every org at once; within an org, its sessions side by side, each session's changes in order.
    const changes = []; // { org, sessionId, itemId, n, at }
    const burstStart = Date.now();
    await Promise.all(
      orgs.flatMap((org, o) =>
        org.sessions.map((s) => changeEveryItem(base, s, (itemId, n) => changes.push({ org: o, sessionId: s.id, itemId, n, at: Date.now() }))),
      ),
    );
    const burstMs = Date.now() - burstStart;
    const released = Date.now();
    answer();
    const settled = await settle(everyFake, () => orgs.every((o) => o.fake.records('Parley_Item__c').every((r) => r.fields.Status__c === 'completed')));

    const events = new Map();
    for (const org of orgs) for (const [key, e] of await statusChanges(base, org.sessions[0].token, org.sessions)) events.set(key, e);
    // A change has landed once its item received a write of its version or a later one.
    const lastLanding = new Array(ORGS.orgs).fill(released);
    let unwritten = 0;
    for (const c of changes) {
      const { version } = events.get(`${c.itemId}/${c.n}`);
      const landed = orgs[c.org].fake.writes('Parley_Item__c', c.itemId).find((w) => w.version !== null && w.version >= version);
      if (landed) lastLanding[c.org] = Math.max(lastLanding[c.org], landed.at);
      else unwritten++;
    }
    const doneMs = lastLanding.map((t) => Math.max(1, t - released));
    // Every other org, each at the pace its own changes landed.
    const others = doneMs.filter((_, o) => o !== SLOW_ORG);
    const perOrg = changes.length / ORGS.orgs;
    const orgDone = [...others].sort((a, b) => a - b);
    return {
      shards,
      changes: changes.length,
      burstSeconds: burstMs / 1000,
      settled,
      drainSeconds: Math.max(...doneMs) / 1000,
      throughput: others.reduce((sum, ms) => sum + perOrg / (ms / 1000), 0),
      orgDoneMs: { p50: at(orgDone, 50), p90: at(orgDone, 90), max: orgDone.at(-1) },
      slowOrgDoneMs: doneMs[SLOW_ORG],
      unwritten,
      regressions: orgs.reduce((sum, o) => sum + o.fake.versionRegressions().length, 0),
      busy,
      calls: orgs.reduce((sum, o) => sum + o.fake.apiCalls, 0),
    };
  } finally {
    await server.stop();
    await Promise.all(orgs.map((o) => o?.served.close()));
  }
}

const at = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

/** The burst with one write-back queue, then with every bound one, each on a Parley of its own. */
export async function benchWritebackOrgs({ persistDir, vars = {}, track = () => {} }) {
  const keys = await generateConnectedAppKeys();
  const runs = [];
  for (const shards of ORGS.shards) runs.push(await burst({ persistDir: `${persistDir}-${shards}`, vars, track, shards, keys }));
  return { runs, latencyMs: LATENCY_MS, slowLatencyMs: SLOW_LATENCY_MS };
}

export function printWritebackOrgs(r, table, ms) {
  table(
    `e. CRM write-back across ${ORGS.orgs} orgs bursting at once: a backlog of ${r.runs[0].changes} status changes drained; each org's Salesforce answers after ${r.latencyMs} ms, the slow org's after ${r.slowLatencyMs} ms`,
    ['write-back queues', 'burst sent in', 'drained in', 'changes written per s, org by org', 'other orgs done p50', 'p90', 'last', 'slow org done', 'API calls'],
    r.runs.map((w) => [w.shards, `${w.burstSeconds.toFixed(1)} s`, `${w.drainSeconds.toFixed(1)} s`, w.throughput.toFixed(0), ms(w.orgDoneMs.p50), ms(w.orgDoneMs.p90), ms(w.orgDoneMs.max), ms(w.slowOrgDoneMs), w.calls]),
  );
  for (const w of r.runs) console.log(`  ${w.shards} queue(s): ${w.unwritten} change(s) never landed; ${w.regressions} version regression(s); ${w.busy} session(s) found held by another run`);
}

export function writebackOrgsBudgets(r) {
  const one = r.runs.find((w) => w.shards === 1);
  const all = r.runs.at(-1);
  const rise = all.throughput / one.throughput;
  const typical = all.orgDoneMs.p50 / one.orgDoneMs.p50;
  return [
    {
      what: `CRM write-back, ${ORGS.orgs} orgs at once, one slow: changes written per second, org by org, ${all.shards} queues vs 1`,
      budget: '≥ 1.5×',
      value: `${rise.toFixed(2)}× (${all.throughput.toFixed(0)} vs ${one.throughput.toFixed(0)}/s)`,
      pass: r.runs.every((w) => w.settled) && rise >= 1.5,
    },
    {
      what: `CRM write-back, ${ORGS.orgs} orgs at once, one slow: the typical other org done, ${all.shards} queues vs 1`,
      budget: '≤ 0.5×',
      value: `${typical.toFixed(2)}× (${Math.round(all.orgDoneMs.p50)} vs ${Math.round(one.orgDoneMs.p50)} ms)`,
      pass: typical <= 0.5,
    },
    {
      what: `CRM write-back, ${ORGS.orgs} orgs at once: every change landed, none out of order`,
      budget: '0 lost, 0 regressions',
      value: r.runs.map((w) => `${w.shards} queue(s): ${w.unwritten} lost, ${w.regressions} regressions`).join('; '),
      pass: r.runs.every((w) => w.unwritten === 0 && w.regressions === 0),
    },
  ];
}
