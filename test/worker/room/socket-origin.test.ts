// Where a live socket may be opened from: Parley's own pages, and for an
// org's agent sockets the CRM origins its admin listed. A cookie-signed
// upgrade must say where it comes from; a caller that sends its own token
// (a script, the sf plugin) need not.
import { describe, expect, it } from 'vitest';
import { BASE, Browser, call, makeOrg, outboxFor, signInToWorkspace, startSession } from '../../helpers/world';
import { PARLEY_ORIGIN, connect, upgrade } from '../../helpers/live-socket';

const EVIL = 'https://evil.example';
const CRM = 'https://acme.lightning.force.com';

async function setup() {
  const org = await makeOrg();
  const s = await startSession(org.alice, { name: 'Cora', email: `o-${crypto.randomUUID()}@example.com` });
  const id = s.session.id as string;
  const cora = new Browser();
  await cora.open((await outboxFor(id))[0]!.link);
  return { org, id, cora };
}

async function refused(res: Response, code: string) {
  expect(res.status).toBe(403);
  const body = (await res.json()) as any;
  expect(body.error.code).toBe(code);
  return body.error.message as string;
}

describe("the customer's room socket", () => {
  it("opens from Parley's own origin, whether PUBLIC_URL's or the one the request was addressed to", async () => {
    const { cora } = await setup();
    await (await connect('/room/api/ws', { Cookie: cora.cookie!, Origin: PARLEY_ORIGIN })).next((f) => f.type === 'hello');
    await (await connect('/room/api/ws', { Cookie: cora.cookie!, Origin: BASE })).next((f) => f.type === 'hello');
  });

  it('is refused from another origin, naming it', async () => {
    const { cora } = await setup();
    const message = await refused(await upgrade('/room/api/ws', { Cookie: cora.cookie!, Origin: EVIL }), 'origin_not_allowed');
    expect(message).toContain(EVIL);
    expect(message).toContain(PARLEY_ORIGIN);
    // "null" is what sandboxed frames and local files send.
    await refused(await upgrade('/room/api/ws', { Cookie: cora.cookie!, Origin: 'null' }), 'origin_not_allowed');
  });

  it('is refused without an Origin: the room cookie is sent by the browser by itself', async () => {
    const { cora } = await setup();
    const message = await refused(await upgrade('/room/api/ws', { Cookie: cora.cookie! }), 'origin_required');
    expect(message).toMatch(/Origin/);
  });

  it("is refused from the org's CRM origins too: the customer's room is only ever Parley's page", async () => {
    const { org, cora } = await setup();
    expect((await call('PATCH', '/api/v1/settings/security', { token: org.admin.token, body: { crmOrigins: [CRM] } })).status).toBe(200);
    await refused(await upgrade('/room/api/ws', { Cookie: cora.cookie!, Origin: CRM }), 'origin_not_allowed');
  });
});

describe("an agent's session socket", () => {
  it('opens without an Origin for a caller that sends its own token (header or ?token=)', async () => {
    const { org, id } = await setup();
    const byHeader = await upgrade(`/api/v1/sessions/${id}/ws`, { Authorization: `Bearer ${org.alice.token}` });
    expect(byHeader.status).toBe(101);
    byHeader.webSocket!.accept();
    const minted = await call('POST', `/api/v1/sessions/${id}/live-token`, { token: org.alice.token });
    const byQuery = await upgrade(`/api/v1/sessions/${id}/ws?token=${minted.json.token}`, {});
    expect(byQuery.status).toBe(101);
    byQuery.webSocket!.accept();
  });

  it("opens from a CRM origin the org's admin listed, and from no other", async () => {
    const { org, id } = await setup();
    const minted = await call('POST', `/api/v1/sessions/${id}/live-token`, { token: org.alice.token });
    const path = `/api/v1/sessions/${id}/ws?token=${minted.json.token}`;
    const before = await refused(await upgrade(path, { Origin: CRM }), 'origin_not_allowed');
    expect(before).toContain(CRM);
    expect(before).toContain('crmOrigins');

    const other = await makeOrg();
    await call('PATCH', '/api/v1/settings/security', { token: other.admin.token, body: { crmOrigins: ['https://other.lightning.force.com'] } });
    await refused(await upgrade(path, { Origin: 'https://other.lightning.force.com' }), 'origin_not_allowed');

    const newOrg = await makeOrg();
    const s = await startSession(newOrg.alice, { name: 'Cy', email: `c-${crypto.randomUUID()}@example.com` });
    expect((await call('PATCH', '/api/v1/settings/security', { token: newOrg.admin.token, body: { crmOrigins: [CRM] } })).status).toBe(200);
    const token = (await call('POST', `/api/v1/sessions/${s.session.id}/live-token`, { token: newOrg.alice.token })).json.token;
    await (await connect(`/api/v1/sessions/${s.session.id}/ws?token=${token}`, { Origin: CRM })).next((f) => f.type === 'hello');
    await refused(await upgrade(`/api/v1/sessions/${s.session.id}/ws?token=${token}`, { Origin: EVIL }), 'origin_not_allowed');
  });

  it("takes the workspace's cookie only with the Origin of Parley's page", async () => {
    const { org, id } = await setup();
    const workspace = await signInToWorkspace(org.alice);
    await refused(await upgrade(`/api/v1/sessions/${id}/ws`, { Cookie: workspace.cookie! }), 'origin_required');
    await refused(await upgrade(`/api/v1/sessions/${id}/ws`, { Cookie: workspace.cookie!, Origin: EVIL }), 'origin_not_allowed');
    await (await connect(`/api/v1/sessions/${id}/ws`, { Cookie: workspace.cookie!, Origin: PARLEY_ORIGIN })).next((f) => f.type === 'hello');
  });

  it('still answers 426 to a request that is no upgrade, whatever its Origin', async () => {
    const { org, id } = await setup();
    expect((await call('GET', `/api/v1/sessions/${id}/ws`, { token: org.alice.token, headers: { Origin: EVIL } })).status).toBe(426);
  });
});
