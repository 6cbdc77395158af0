// What the OpenAPI document says besides the routes: who Parley is, how
// callers sign in, and what each group of routes is for. Served at
// /api/openapi.json with this server's URL; every route declares its own
// requests and answers (worker/src/contract/).
export const OPENAPI_SECURITY_SCHEMES = {
  agentToken: { type: 'http', scheme: 'bearer', description: 'An agent token signed with the org secret (v1.<payload>.<signature>)' },
  crmKey: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Parley-Key',
    description:
      "The org key (pk.<orgId>.<secret>), added by the CRM's Named Credential, with the CRM user the call acts for: " +
      'X-Parley-Crm-User (required: the Salesforce User Id, 15 or 18 characters, 005…; the agent is found by it, never by email), ' +
      'X-Parley-User (their email, for display and notices), X-Parley-User-Name (percent-encoded UTF-8) and X-Parley-Role (agent or admin). ' +
      'The key acts only for agents it made: an email that belongs to an account made in Parley is refused with 409. ' +
      "X-Parley-Role: admin makes the user an admin only when the org's crmMayPromoteAdmins setting is on (/api/v1/settings/security).",
  },
  hubspotSignature: {
    type: 'apiKey',
    in: 'header',
    name: 'X-HubSpot-Signature-v3',
    description:
      "A call from Parley's HubSpot app (a card's or the settings page's hubspot.fetch): base64 HMAC-SHA256, keyed with the app's client secret, of the method, " +
      'the full URI, the raw body and X-HubSpot-Request-Timestamp (at most 5 minutes old; each signature is accepted once). ' +
      'HubSpot appends portalId, userId and userEmail to the query: the portal maps to the org that installed the app, the user to their agent, found by HubSpot user id. ' +
      'The user who installed the app is an admin; other users are agents unless an admin of the org made them admins.',
  },
  roomCookie: { type: 'apiKey', in: 'cookie', name: '__Host-parley_room', description: "The room cookie the invitation link sets; room calls that change something also carry X-Parley-Room: 1" },
} as const;

const OPENAPI_TAGS = [
  { name: 'Sessions', description: 'Start, pre-plan, invite, renew and end sessions; read one, list them, follow them live.' },
  { name: 'Participants', description: 'Co-signers, approvers and others with their own links; re-engage; private sessions.' },
  { name: 'Items', description: 'What the agent sends the customer, and its status machine.' },
  { name: 'Chat', description: 'Messages and attachments between the agent and the participants.' },
  { name: 'Documents', description: 'Template and ad hoc documents: send, fill as agent, sign as agent, download, audit, forward for approval.' },
  { name: 'Address book', description: 'Customers agents have contacted, within the search space.' },
  { name: 'Directory', description: 'The signed-in agent, teams, agents, their tokens, workspace sign-in links.' },
  { name: 'Settings (admin)', description: 'Org and team settings, notification texts, the e-sign disclosure, sealing.' },
  { name: 'Document requests', description: 'Ask the customer for documents (ID, proof of address…), look at each file, accept it or send it back with a reason.' },
  { name: 'Payments', description: "Ask the customer to pay through the org's Stripe account; only Stripe's webhook completes a payment; refunds by an admin." },
  { name: 'Shared review', description: 'Look at a document with the customer: the same page live, each other’s pointer, highlights and comments.' },
  { name: 'Templates (Assets)', description: 'Admin-prepared PDFs with fields, roles and signing order, versioned.' },
  { name: 'Workflows', description: 'Admin-built sequences of templates, document requests and payments, with their roles, versioned.' },
  { name: 'CRM connection (admin)', description: 'The CRM connection, its org key, and what write-back could not do.' },
  { name: 'Customer room', description: "What the customer's room calls, signed in by the room cookie." },
  { name: 'Verification (public)', description: 'Whether a PDF is an unmodified document sealed by this Parley.' },
];

export const OPENAPI_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Parley',
    version: '1',
    description: 'Agent and admin API (/api/v1, bearer token signed with the org secret, the org key from Salesforce, or a HubSpot signature) and the customer room API (/room/api, room cookie).',
    license: { name: 'Proprietary', identifier: 'LicenseRef-Parley' },
  },
  security: [{ agentToken: [] }, { crmKey: [] }, { hubspotSignature: [] }] as Array<Record<string, string[]>>,
  tags: OPENAPI_TAGS,
};
