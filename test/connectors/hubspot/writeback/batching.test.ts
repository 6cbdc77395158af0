// The HubSpot writer's batching and version guard, on changes made up here
// (no sessions behind them): many sessions cost one call per object type and
// 100 inputs, never a batch over HubSpot's limit; an older stamp never
// overwrites a newer one; Parley's share of the rate limit is kept.
import { env } from 'cloudflare:workers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CrmChanges } from '../../../../worker/src/crm/changes';
import type { SessionChanges } from '../../../../worker/src/crm/connector';
import { forgetHubSpotTokens } from '../../../../connectors/hubspot/oauth/tokens';
import { forgetCallBudgets, reserveCall, WRITEBACK_BUDGET } from '../../../../connectors/hubspot/writeback/call-budget';
import { hubspotConnector } from '../../../../connectors/hubspot/connector';
import { isNewer } from '../../../../connectors/hubspot/writeback/record-properties';
import { ensureParleyProperties } from '../../../../connectors/hubspot/writeback/properties';
import { hubspotContactEmail, forgetHubSpotContact } from '../../../../worker/src/directory/hubspot-contacts';
import { FakeHubSpot } from '../../../fakes/hubspot/fake-hubspot';
import { connectHubSpot, hubspotEnv, type ConnectedPortal } from '../../../helpers/hubspot';
import { makeOrg, type Org } from '../../../helpers/world';

let clock: number;
let fake: FakeHubSpot;
let org: Org;
let portal: ConnectedPortal;

beforeEach(async () => {
  clock = Date.now();
  fake = new FakeHubSpot({ now: () => clock });
  vi.stubGlobal('fetch', fake.fetch);
  forgetHubSpotTokens();
  org = await makeOrg();
  portal = await connectHubSpot(org, fake, { propertiesReady: true });
  // Parley's properties as the install made them.
  await ensureParleyProperties(hubspotEnv(), org.id, () => clock);
  fake.calls.length = 0;
  forgetCallBudgets();
});
afterEach(() => vi.unstubAllGlobals());

function changes(sessionId: string, recordId: string, o: { version?: number; createdAt?: number; email?: string; status?: 'active' | 'ended'; objectType?: string } = {}): SessionChanges {
  const at = o.createdAt ?? 1_795_000_000_000;
  const c: CrmChanges = {
    orgId: org.id,
    sessionId,
    version: o.version ?? 5,
    crm: { system: 'hubspot', objectType: o.objectType ?? 'contacts', recordId },
    session: { version: o.version ?? 5, status: o.status ?? 'active', agentId: org.alice.id, customerName: 'Cora Customer', customerEmail: o.email ?? null, customerPhone: null, createdAt: at, invitedAt: at + 1000, endedAt: o.status === 'ended' ? at + 5000 : null, closedAt: null, itemsTotal: 3, itemsCompleted: 1 },
    participants: o.email
      ? [{ id: `par_${sessionId}`, version: 2, name: 'Cora Q. Customer', roleName: 'Customer', primary: true, email: o.email, phone: null, status: 'invited', invitedAt: at + 1000, enteredAt: null, consentedAt: null, completedAt: null, authStatus: 'none', message: null }]
      : [],
    items: [],
  };
  return { sessionId, changes: c };
}

async function write(work: SessionChanges[]) {
  const writer = (await hubspotConnector.connect(hubspotEnv(), org.id, () => clock))!;
  return writer.writeChanges(work);
}

describe('HubSpot write-back batching', () => {
  it('250 sessions: three calls per kind of write, none over 100 inputs; contacts made by Parley get names, matched ones keep theirs', async () => {
    const work = Array.from({ length: 250 }, (_, i) => {
      const contact = fake.createRecord(portal.portalId, 'contacts', { email: `linked-${i}@example.com` });
      return changes(`ses_${i}`, contact.id, { email: `person-${i}@example.com` });
    });
    const result = await write(work);
    expect(result.retry.size).toBe(0);
    expect(result.refusals).toEqual([]);
    const kinds = fake.calls.map((c) => `${c.kind}:${c.inputs}`);
    expect(kinds).toEqual([
      'contacts/batch/update:100', 'contacts/batch/update:100', 'contacts/batch/update:50',
      // Contacts matched by email, then the ones just made named.
      'contacts/batch/upsert:100', 'contacts/batch/update:100', 'contacts/batch/upsert:100', 'contacts/batch/update:100', 'contacts/batch/upsert:50', 'contacts/batch/update:50',
      'notes/batch/create:100', 'notes/batch/create:100', 'notes/batch/create:50',
    ]);
    expect(fake.maxInputs).toBeLessThanOrEqual(100);
    const person = fake.portal(portal.portalId).findByProperty('contacts', 'email', 'person-7@example.com')!;
    expect(person.properties).toMatchObject({ firstname: 'Cora Q.', lastname: 'Customer' });
    // A contact HubSpot already had keeps its name.
    const known = fake.createRecord(portal.portalId, 'contacts', { email: 'known@example.com', firstname: 'Kim', lastname: 'Known' });
    await write([changes('ses_known', known.id, { email: 'Known@Example.com' })]);
    expect(known.properties).toMatchObject({ firstname: 'Kim', lastname: 'Known' });
    expect(await hubspotContactEmail(env.DB, org.id, known.id)).toBe('known@example.com');
    // The privacy helpers find the person by the contact id, and forget them.
    expect(await hubspotContactEmail(env.DB, org.id, person.id)).toBe('person-7@example.com');
    await forgetHubSpotContact(env.DB, org.id, person.id);
    expect(await hubspotContactEmail(env.DB, org.id, person.id)).toBeNull();
  });

  it('keeps the newest write per record: within a batch, across runs, and between sessions', async () => {
    const contact = fake.createRecord(portal.portalId, 'contacts');
    const old = 1_795_000_000_000;
    // Two sessions on one record in one batch, and a late retry of an older version.
    await write([changes('ses_new', contact.id, { createdAt: old + 60_000, version: 3 }), changes('ses_old', contact.id, { createdAt: old, version: 9 })]);
    const rec = () => fake.portal(portal.portalId).record('contacts', contact.id)!;
    expect(rec().properties.parley_session_id).toBe('ses_new');
    expect(rec().writes.filter((w) => w.call >= 0)).toHaveLength(1);
    await write([changes('ses_new', contact.id, { createdAt: old + 60_000, version: 2, status: 'ended' })]);
    expect(rec().properties.parley_session_status).toBe('active');
    await write([changes('ses_old', contact.id, { createdAt: old, version: 12, status: 'ended' })]);
    expect(rec().properties).toMatchObject({ parley_session_id: 'ses_new', parley_session_status: 'active' });
    await write([changes('ses_new', contact.id, { createdAt: old + 60_000, version: 4, status: 'ended' })]);
    expect(rec().properties.parley_session_status).toBe('ended');
    expect(fake.calls.filter((c) => c.kind === 'contacts/batch/update')).toHaveLength(2);
  });

  it('a record HubSpot refuses (an option an admin removed) is reported and not retried; the rest of its batch lands', async () => {
    const status = fake.portal(portal.portalId).properties.get('contacts')!.get('parley_session_status')!;
    status.options = status.options!.filter((o) => o.value !== 'ended');
    const [a, b] = [fake.createRecord(portal.portalId, 'contacts'), fake.createRecord(portal.portalId, 'contacts')];
    const result = await write([changes('ses_active', a.id), changes('ses_ended', b.id, { status: 'ended' })]);
    expect(result.retry.size).toBe(0);
    expect(result.refusals).toEqual([{ sessionId: 'ses_ended', record: `contacts/${b.id}`, reason: expect.stringContaining('not one of the allowed options') }]);
    expect(a.properties.parley_session_status).toBe('active');
    expect(b.properties.parley_session_status).toBeUndefined();
    // The refused session's notes wait for nothing: its record was not written, so none is made.
    expect(fake.portal(portal.portalId).all('notes').map((n) => n.properties.hs_note_body ?? '').filter((body) => body.includes('ses_ended'))).toEqual([]);
  });

  it('orders stamps: same session by version, another session only when newer', () => {
    const a = { sessionId: 'a', sessionCreatedAt: 100, version: 5 };
    expect(isNewer(a, null)).toBe(true);
    expect(isNewer({ ...a, version: 6 }, a)).toBe(true);
    expect(isNewer({ ...a, version: 5 }, a)).toBe(false);
    expect(isNewer({ sessionId: 'b', sessionCreatedAt: 50, version: 99 }, a)).toBe(false);
    expect(isNewer({ sessionId: 'b', sessionCreatedAt: 150, version: 1 }, a)).toBe(true);
    // Without the session's creation time, another session's write is not taken over.
    expect(isNewer({ sessionId: 'b', sessionCreatedAt: null, version: 99 }, a)).toBe(false);
  });

  it("spends at most 80 calls of the portal's 100 per 10 s, then asks for a retry when the wait is long", async () => {
    for (let i = 0; i < WRITEBACK_BUDGET; i++) expect(reserveCall(portal.portalId, clock)).toBe(0);
    expect(reserveCall(portal.portalId, clock)).toBe(10_000);
    const contact = fake.createRecord(portal.portalId, 'contacts');
    const result = await write([changes('ses_1', contact.id)]);
    expect(fake.calls).toHaveLength(0);
    expect(result.retry.get('ses_1')).toMatchObject({ kind: 'retry', delayS: 10 });
    expect(result.refusals).toEqual([]);
    clock += 10_001;
    expect((await write([changes('ses_1', contact.id)])).retry.size).toBe(0);
  });

  it("honours HubSpot's 429: Retry-After, else the rate-limit interval", async () => {
    const contact = fake.createRecord(portal.portalId, 'contacts');
    fake.failNext(1, { status: 429, retryAfter: 3 });
    expect((await write([changes('ses_1', contact.id)])).retry.get('ses_1')?.delayS).toBe(3);
    fake.failNext(1, { status: 429, headers: { 'X-HubSpot-RateLimit-Interval-Milliseconds': '10000', 'X-HubSpot-RateLimit-Max': '100', 'X-HubSpot-RateLimit-Remaining': '0' } });
    expect((await write([changes('ses_1', contact.id)])).retry.get('ses_1')?.delayS).toBe(10);
    fake.failNext(1, { status: 503 });
    const outage = await write([changes('ses_1', contact.id)]);
    expect(outage.retry.get('ses_1')?.delayS).toBeNull();
    expect(outage.refusals).toEqual([]);
  });
});
