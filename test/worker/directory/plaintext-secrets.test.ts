// A local store from before secrets were sealed: openSecret refuses its
// plaintext values, and `npm start` seals them (POST /dev/seal-plaintext-secrets)
// so they open again through the modules that read them.
import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { app } from '../../../worker/src/app';
import { findOrgSecret } from '../../../worker/src/directory/agents';
import { findSalesforceConnection } from '../../../worker/src/directory/crm-connections';
import { findOrgSealing } from '../../../worker/src/directory/org-sealing';
import { createOrg } from '../../../worker/src/directory/orgs';

const PEM = '-----BEGIN PRIVATE KEY-----\nMIIEplain\n-----END PRIVATE KEY-----';

async function orgWithPlaintextSecrets() {
  const id = `org_${crypto.randomUUID()}`;
  await createOrg(env, { id, name: 'Old Store', secret: 'sealed-at-creation', at: Date.now() });
  await env.DB.prepare(`UPDATE orgs SET secret = 'plain-org-key', seal_p12 = ?, seal_p12_password = 'plain-pw' WHERE id = ?`).bind(btoa('p12 bytes'), id).run();
  await env.DB.prepare(
    `INSERT INTO crm_connections (org_id, system, login_url, instance_url, crm_org_id, client_id, username, private_key, connected_at)
     VALUES (?, 'salesforce', 'https://login.salesforce.com', 'https://acme.my.salesforce.com', '00D000000000001', 'client', 'parley@acme.example', ?, ?)`,
  )
    .bind(id, PEM, Date.now())
    .run();
  return id;
}

const sealPlaintext = async () => {
  const res = await exports.default.fetch(new Request('https://parley.test/dev/seal-plaintext-secrets', { method: 'POST' }));
  expect(res.status).toBe(200);
  return (await res.json<{ sealed: Record<string, number> }>()).sealed;
};

describe('secrets stored in plaintext', () => {
  it('are refused where they are read, until npm start seals them; then they open as they were', async () => {
    const orgId = await orgWithPlaintextSecrets();
    await expect(findOrgSecret(env, orgId)).rejects.toThrow(`the secret stored at orgs.secret:${orgId} is not sealed`);
    await expect(findOrgSealing(env, orgId)).rejects.toThrow(/orgs\.seal_p12:.* is not sealed/);
    await expect(findSalesforceConnection(env, orgId)).rejects.toThrow(/crm_connections\.private_key:.* is not sealed/);

    expect(await sealPlaintext()).toEqual({ 'orgs.secret': 1, 'orgs.seal_p12': 1, 'orgs.seal_p12_password': 1, 'crm_connections.private_key': 1 });

    const raw = await env.DB.prepare(
      'SELECT o.secret, o.seal_p12, o.seal_p12_password, c.private_key FROM orgs o JOIN crm_connections c ON c.org_id = o.id WHERE o.id = ?',
    )
      .bind(orgId)
      .first<Record<string, string>>();
    for (const value of Object.values(raw!)) expect(value).toMatch(/^sb1\./);
    expect(await findOrgSecret(env, orgId)).toBe('plain-org-key');
    const sealing = await findOrgSealing(env, orgId);
    expect(new TextDecoder().decode(sealing.certificate!.p12)).toBe('p12 bytes');
    expect(sealing.certificate!.password).toBe('plain-pw');
    expect((await findSalesforceConnection(env, orgId))!.privateKey).toBe(PEM);

    // Once sealed, nothing is left to do.
    expect(await sealPlaintext()).toEqual({ 'orgs.secret': 0, 'orgs.seal_p12': 0, 'orgs.seal_p12_password': 0, 'crm_connections.private_key': 0 });
  });

  it('are sealed by a development route only', async () => {
    const res = await app.fetch(new Request('https://parley.test/dev/seal-plaintext-secrets', { method: 'POST' }), { ...env, DEV_ROUTES: undefined });
    expect(res.status).toBe(404);
  });
});
