// A HubSpot portal for `PARLEY_FAKE_PROVIDERS=1 npm start`: the fake HubSpot
// (test/fakes/hubspot/) served on 127.0.0.1, Parley's HubSpot app installed
// in it for the demo org through the real install flow (the admin's install
// link, HubSpot's redirect to /hooks/hubspot/oauth), and a demo contact to
// link sessions to. What write-back puts in the portal shows on the phone
// page (fake-providers.mjs).
import { FakeHubSpot, TEST_APP } from '../../test/fakes/hubspot/fake-hubspot.ts';
import { serveFakeHubSpot } from '../../test/fakes/hubspot/serve.ts';

export const FAKE_PORTAL_ID = '24681357';

export async function serveFakeHubSpotPortal() {
  const hubspot = new FakeHubSpot();
  const served = await serveFakeHubSpot(hubspot);
  return {
    hubspot,
    vars: { HUBSPOT_API_BASE: served.url, HUBSPOT_CLIENT_ID: TEST_APP.clientId, HUBSPOT_CLIENT_SECRET: TEST_APP.clientSecret, HUBSPOT_APP_ID: String(TEST_APP.appId) },
    stop: () => served.close(),
  };
}

/**
 * Installs the app for the org whose admin token is given, as an admin does
 * from Parley, and makes the demo contact. The fake starts empty each time,
 * so this runs on every start: the org's connection is renewed, not added.
 */
export async function installDemoPortal({ parleyUrl, adminToken, hubspot, contact }) {
  const status = await fetch(`${parleyUrl}/api/v1/crm/hubspot`, { headers: { Authorization: `Bearer ${adminToken}` }, signal: AbortSignal.timeout(30_000) });
  if (status.status !== 200) throw new Error(`GET /api/v1/crm/hubspot answered ${status.status}: ${await status.text()}`);
  const install = new URL((await status.json()).installUrl);
  const redirect = install.searchParams.get('redirect_uri');
  const code = hubspot.authorize({ portalId: FAKE_PORTAL_ID, userId: '101', userEmail: 'ada.admin@demo.example', hubDomain: 'demo.hubspot.localhost' }, redirect);
  const back = await fetch(`${redirect}?${new URLSearchParams({ code, state: install.searchParams.get('state') })}`, { signal: AbortSignal.timeout(60_000) });
  if (back.status !== 200) throw new Error(`the install was refused (${back.status}): ${(await back.text()).slice(0, 300)}`);
  const record = hubspot.createRecord(FAKE_PORTAL_ID, 'contacts', { email: contact.email, firstname: contact.firstname, lastname: contact.lastname });
  return { portalId: FAKE_PORTAL_ID, contactId: record.id };
}

const escape = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** The portal's records that carry Parley's properties, and Parley's notes: what write-back wrote. */
export function portalSection(hubspot) {
  const portal = hubspot.portal(FAKE_PORTAL_ID);
  const records = [...portal.records.values()].filter((r) => r.object !== 'notes' && Object.keys(r.properties).some((k) => k.startsWith('parley_')));
  const notes = portal.all('notes');
  const row = (cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
  return `<h1>HubSpot portal ${FAKE_PORTAL_ID} (fake)</h1>
<table><tr><th>Record</th><th>Session status</th><th>Items</th><th>Last activity</th><th>Session</th></tr>${records
    .map((r) => row([escape(`${r.object}/${r.id} ${r.properties.email ?? ''}`), escape(r.properties.parley_session_status), escape(r.properties.parley_items_progress), escape(r.properties.parley_last_activity), r.properties.parley_session_link ? `<a href="${escape(r.properties.parley_session_link)}">open</a>` : '']))
    .join('')}</table>
<h2>Notes</h2><table><tr><th>When</th><th>Note</th><th>Attachments</th></tr>${notes
    .map((n) => row([escape(n.properties.hs_timestamp), escape((n.properties.hs_note_body ?? '').replace(/<[^>]+>/g, ' ')), escape(n.properties.hs_attachment_ids ?? '')]))
    .join('')}</table>`;
}
