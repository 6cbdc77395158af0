// `npm start`: Parley on this machine, ready to try.
// Applies the D1 migrations, runs `wrangler dev` on 127.0.0.1, has it seed
// the demo org (once; later starts reuse it), and prints tokens and a curl
// line to start a first session. Local storage lives in .wrangler/state.
// Messages wait in the local outbox; with PARLEY_FAKE_PROVIDERS=1 they go to
// local fakes of Twilio and the email provider instead, and come back with
// every status, and the demo org is connected to a fake HubSpot portal that
// write-back writes to. Ctrl-C stops the server.
import path from 'node:path';
import { installDemoPortal } from './lib/fake-hubspot-portal.mjs';
import { serveFakeProviders } from './lib/fake-providers.mjs';
import { ROOT, applyMigrations, portInUse, sealPlaintextSecrets, seedDemoOrg, startWrangler, writeDevSecrets } from './lib/local-dev.mjs';

const PERSIST_DIR = path.join(ROOT, '.wrangler/state');
const TOKEN_TTL_HOURS = 24;
const port = Number(process.env.PARLEY_PORT ?? 8787);
const fakeProviders = process.env.PARLEY_FAKE_PROVIDERS === '1';

// wrangler's own harmless complaint that it cannot reach the internet for Request.cf.
const NOISE = [/Unable to fetch the `Request\.cf` object/, /ENOTFOUND workers\.cloudflare\.com/, /^\s+at GetAddrInfoReqWrap/];

let server = null;
let providers = null;
let stopping = false;
async function shutdown(signal) {
  if (stopping) return; // already on it; stop() escalates by itself if wrangler lingers
  stopping = true;
  console.log(`\n${signal}: stopping Parley…`);
  // Before the server is up, exiting is enough: local-dev kills a wrangler still starting.
  if (server) await server.stop();
  if (providers) await providers.stop();
  console.log('Stopped.');
  process.exit(server ? 0 : 130);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => void shutdown(signal));

async function main() {
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(`PARLEY_PORT must be a port number, not "${process.env.PARLEY_PORT}"`);
  if (await portInUse(port)) fail(`port ${port} on 127.0.0.1 is already in use (another npm start?). Stop it, or choose another port: PARLEY_PORT=8788 npm start`);

  step('Applying database migrations (local D1 in .wrangler/state)');
  await applyMigrations(PERSIST_DIR);

  // Secrets go to wrangler dev through .dev.vars (readable by you only), never its command line.
  const dev = writeDevSecrets();
  if (dev.madePrivate) step('.dev.vars was readable by others: it is now readable by you only (0600)');
  if (dev.added.length) step(`Development secrets written to .dev.vars (0600): ${dev.added.join(', ')}`);
  step(dev.development.includes('SEAL_P12') ? 'Sealing certificate: the development one (self-signed, kept in .parley/)' : 'Sealing certificate: SEAL_P12 from .dev.vars');
  step(dev.development.includes('SECRETS_KEY') ? 'Stored secrets encrypted with the development SECRETS_KEY (kept in .parley/)' : 'Stored secrets encrypted with SECRETS_KEY from .dev.vars');
  if (fakeProviders) {
    providers = await serveFakeProviders({ parleyUrl: `http://127.0.0.1:${port}` });
    step(`Fake Twilio, email provider and HubSpot on ${providers.vars.TWILIO_API_BASE}, ${providers.vars.EMAIL_API_BASE} and ${providers.vars.HUBSPOT_API_BASE}: messages go to them`);
  }
  step(`Starting the Worker (wrangler dev) on http://127.0.0.1:${port}`);
  server = await startWrangler({
    port,
    persistDir: PERSIST_DIR,
    vars: providers?.vars ?? {},
    onOutput: (line) => {
      if (server && line.trim() && !NOISE.some((re) => re.test(line))) console.log(`  wrangler │ ${line}`);
    },
  });
  server.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(`\nwrangler dev stopped on its own (${signal ?? `exit code ${code}`}); Parley is no longer running.`);
    process.exit(1);
  });
  // The Worker refuses a secret kept in plaintext; a local store from before they were sealed gets them sealed now.
  const sealed = Object.entries(await sealPlaintextSecrets(server.url)).filter(([, n]) => n > 0);
  if (sealed.length) step(`Sealed secrets this local store kept in plaintext: ${sealed.map(([column, n]) => `${column} (${n})`).join(', ')}`);
  step('Seeding the demo org');
  const seed = await seedDemoOrg(server.url, { ttlHours: TOKEN_TTL_HOURS });
  let hubspot = null;
  if (providers) {
    step('Installing Parley in the fake HubSpot portal for the demo org');
    hubspot = await installDemoPortal({ parleyUrl: server.url, adminToken: seed.adminToken, hubspot: providers.hubspot, contact: { email: 'dana.demo@example.com', firstname: 'Dana', lastname: 'Demo' } });
  }

  console.log(banner({ url: server.url, seed, phoneUrl: providers?.phoneUrl ?? null, hubspot }));
}

function banner({ url, seed, phoneUrl, hubspot }) {
  const { agentToken, adminToken } = seed;
  const customer = JSON.stringify({ customer: { name: 'Dana Demo', email: 'dana.demo@example.com' } });
  return `
────────────────────────────────────────────────────────────────────────
 Parley is running at ${url}
────────────────────────────────────────────────────────────────────────

 Demo Org (${seed.orgId}), team "Front desk"
   Agent token (Alex Agent, ${seed.agentId}, valid ${TOKEN_TTL_HOURS} h):
     ${agentToken}
   Admin token (Ada Admin, ${seed.adminId}, valid ${TOKEN_TTL_HOURS} h):
     ${adminToken}

 Agent workspace, signed in as Alex Agent (open in a browser):
   ${url}/app/sign-in?token=${encodeURIComponent(seed.agentSignInToken)}
 The same, signed in as Ada Admin, who also has the admin pages:
   ${url}/app/sign-in?token=${encodeURIComponent(seed.adminSignInToken)}
${adminPages()}
 Templates ready to send (a session's "Send a template"): ${seed.templates.map((t) => t.name).join(', ')}

 Start a session for a demo customer (paste into another terminal):

curl -sS -X POST ${url}/api/v1/sessions -H 'Authorization: Bearer ${agentToken}' -H 'Content-Type: application/json' -d '${customer}'
${
   hubspot
     ? `
 The demo org is connected to fake HubSpot portal ${hubspot.portalId}; link the session to its
 contact ${hubspot.contactId} and write-back shows on the page below:

curl -sS -X POST ${url}/api/v1/sessions -H 'Authorization: Bearer ${agentToken}' -H 'Content-Type: application/json' -d '${JSON.stringify({ ...JSON.parse(customer), crmRecord: { system: 'hubspot', objectType: 'contacts', recordId: hubspot.contactId } })}'
`
     : ''
 }
${
   phoneUrl
     ? ` The invitation goes to the fake providers; the customer's phone and mailbox
 (every text and email, its link, and a form to reply as the customer; below,
 what write-back wrote to the HubSpot portal):
   ${phoneUrl}
   Outbox:    ${url}/dev/outbox        (each message's delivery status)`
     : ` The invitation lands in the local outbox; open its link to enter the room
 (PARLEY_FAKE_PROVIDERS=1 npm start sends it through local fakes of Twilio and email instead):
   Outbox:    ${url}/dev/outbox        (JSON: ${url}/dev/outbox.json)`
 }
   API docs:  ${url}/api/docs
   OpenAPI:   ${url}/api/openapi.json

 Data is kept in .wrangler/state (delete it to start over).
 Press Ctrl-C to stop.
`;
}

/** The admin pages, by path, in the order of their menu, with what each is for: where Ada Admin's sign-in link leads. */
const ADMIN_PAGES = [
  ['/app/admin/settings', 'session and access times, e-sign disclosure, sealing, SMS and email'],
  ['/app/admin/branding', 'logo, brand colour, display name and support contact'],
  ['/app/admin/teams', 'teams and their own settings'],
  ['/app/admin/templates', 'templates to send; "New template" places fields on a PDF'],
  ['/app/admin/workflows', 'ordered steps (templates, document requests, payments) sent as one'],
  ['/app/admin/payments', "the org's Stripe account and the amounts agents may ask"],
];

function adminPages() {
  const width = Math.max(...ADMIN_PAGES.map(([p]) => p.length));
  return ADMIN_PAGES.map(([p, what]) => `   ${p.padEnd(width)}  ${what}`).join('\n');
}

function step(text) {
  console.log(`▸ ${text}…`);
}

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

main().catch((err) => {
  console.error(`\nnpm start failed: ${err.message}`);
  process.exit(1);
});
