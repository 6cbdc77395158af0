// The hono app: agent API, customer room, pages, and one error handler that
// turns every failure into a clear JSON (or page) answer.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './api/context';
import type { Env } from './env';
import { requireAgent } from './auth/agent-auth';
import { SecretsKeyError } from './auth/secret-box';
import { crmSalesforce } from './api/crm-salesforce';
import { crmWriteback } from './api/crm-writeback';
import { crmHubSpot } from './api/crm-hubspot';
import { sessions } from './api/sessions';
import { participants } from './api/participants';
import { items } from './api/items';
import { messages } from './api/messages';
import { customers } from './api/customers';
import { settings } from './api/settings';
import { security } from './api/org-security';
import { messagingProviders } from './api/messaging-providers';
import { notificationSettings } from './api/notification-settings';
import { branding } from './api/branding';
import { directory } from './api/directory';
import { templates } from './api/templates';
import { documents } from './api/documents';
import { documentRequests } from './api/document-requests';
import { reviews } from './api/reviews';
import { workflows } from './api/workflows';
import { sessionWorkflows } from './api/session-workflows';
import { payments } from './api/payments';
import { stripeAccount } from './api/stripe-account';
import { verify } from './api/verify';
import { sealing } from './api/sealing';
import { workspaceLink } from './api/workspace-link';
import { roomApi } from './api/room';
import { twilioHooks } from './api/hooks/twilio';
import { stripeHooks } from './api/hooks/stripe';
import { stripeCsp } from './payments/stripe-js';
import { emailHooks } from './api/hooks/email';
import { hubspotOAuth } from './api/hooks/hubspot-oauth';
import { hubspotWebhooks } from './api/hooks/hubspot-webhooks';
import { HUBSPOT_FRAME_ANCESTORS, isHubSpotEmbed } from './ui/workspace/hubspot-embed';
import { hubspotEmbedPages } from './ui/workspace/hubspot-embed-routes';
import { roomPages } from './ui/room-pages';
import { languageRoutes } from './ui/language-routes';
import { BRAND_ASSETS_PREFIX, brandAssets } from './ui/brand-assets';
import { devPages, OUTBOX_PAGE } from './ui/dev-pages';
import { devDemoOrg } from './ui/dev-demo-org';
import { workspacePages } from './ui/workspace/routes';
import { signInPages } from './ui/workspace/sign-in-routes';
import { workspaceAdmin, workspaceAgent } from './ui/workspace/access';
import { placementPages } from './ui/workspace/placement-routes';
import { adminPages } from './ui/workspace/admin-routes';
import { DocsPage } from './ui/docs-page';
import { homePage } from './ui/home-page';
import { ApiError } from './errors';
import { logError, reasonOf } from './log';
import { OPENAPI_INFO, OPENAPI_SECURITY_SCHEMES } from './api/openapi-document';

export const app = new OpenAPIHono<AppEnv>();

/**
 * The same headers on every answer; only the HubSpot embed (ui/workspace/hubspot-embed.ts)
 * lets HubSpot frame it, and only the local outbox page allows inline styles.
 */
const securityHeaders = (
  frameAncestors: string[],
  styleSrc: string[] = ["'self'"],
  crossOriginResourcePolicy: 'same-origin' | 'cross-origin' = 'same-origin',
  // Other origins a page may reach: Stripe's, on the payment page only.
  also: { scriptSrc?: string[]; frameSrc?: string[]; connectSrc?: string[]; imgSrc?: string[] } = {},
) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      scriptSrc: ["'self'", ...(also.scriptSrc ?? [])],
      styleSrc,
      imgSrc: ["'self'", 'data:', 'blob:', ...(also.imgSrc ?? [])],
      // pdf.js renders in a worker of ours and builds the PDF's fonts in memory.
      workerSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'", ...(also.connectSrc ?? [])],
      ...(also.frameSrc ? { frameSrc: also.frameSrc } : {}),
      formAction: ["'self'"],
      baseUri: ["'none'"],
      frameAncestors,
    },
    // X-Frame-Options cannot name HubSpot; frame-ancestors rules where it is present.
    xFrameOptions: frameAncestors.includes("'none'"),
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy,
  });
const everywhere = securityHeaders(["'none'"]);
const inHubSpot = securityHeaders(HUBSPOT_FRAME_ANCESTORS);
// The local outbox (ui/dev-pages.tsx) shows each email in a sandboxed srcdoc
// iframe, which inherits this page's policy: emails are styled inline, so
// inline styles are allowed there; scripts stay off (and the sandbox runs none).
const onOutboxPage = securityHeaders(["'none'"], ["'self'", "'unsafe-inline'"]);
// The org's logo and theme (ui/brand-assets.ts): mail clients load the logo from another origin.
const onBrandAssets = securityHeaders(["'none'"], ["'self'"], 'cross-origin');
// The payment page loads Stripe.js and its frames (payments/stripe-js.ts); no other page may reach Stripe.
const onPaymentPage = (env: Env) => securityHeaders(["'none'"], ["'self'"], 'same-origin', stripeCsp(env));
app.use('*', (c, next) => {
  if (isHubSpotEmbed(c.req.path, () => c.req.query('next'))) return inHubSpot(c, next);
  if (c.req.path.startsWith('/room/payments/')) return onPaymentPage(c.env)(c, next);
  if (c.req.path.startsWith(BRAND_ASSETS_PREFIX)) return onBrandAssets(c, next);
  return c.req.path === OUTBOX_PAGE ? onOutboxPage(c, next) : everywhere(c, next);
});

// Agent and admin API.
app.use('/api/v1/*', requireAgent);
for (const routes of [sessions, participants, items, messages, documents, documentRequests, payments, reviews, stripeAccount, workflows, sessionWorkflows, customers, settings, security, messagingProviders, sealing, directory, templates, workspaceLink, crmSalesforce, crmHubSpot, crmWriteback]) app.route('/api/v1', routes);
app.route('/api/v1', notificationSettings);
app.route('/api/v1', branding);

// The customer's room.
app.route('/api', verify);
app.route('/room/api', roomApi);
app.route('/', twilioHooks);
app.route('/', stripeHooks);
app.route('/', emailHooks);
app.route('/', hubspotOAuth);
app.route('/', hubspotWebhooks);
app.route('/', homePage);
app.route('/', roomPages);
app.route('/', languageRoutes);
app.route('/', brandAssets);
app.route('/', devPages);
app.route('/', devDemoOrg);
// The agent workspace (/app): signing in and out is open to anyone; every
// other page needs the workspace cookie's agent, the admin pages an admin.
app.route('/', signInPages);
app.use('/app', workspaceAgent);
app.use('/app/*', workspaceAgent);
app.use('/app/admin', workspaceAdmin());
app.use('/app/admin/*', workspaceAdmin());
app.route('/', placementPages); // /app/…/documents/new and /app/templates/new: before /app/sessions/:id/documents/:itemId
app.route('/', workspacePages);
app.route('/', hubspotEmbedPages);
app.route('/', adminPages); // the admin pages (/app/admin)

app.get('/healthz', (c) => c.json({ ok: true }));
// Browsers ask for it on every page; there is none.
app.get('/favicon.ico', (c) => c.body(null, 204));

for (const [name, scheme] of Object.entries(OPENAPI_SECURITY_SCHEMES)) app.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
/** The OpenAPI document, naming the server it is served from, so a client generated from it calls this Parley. */
export function openApiDocument(publicUrl: string) {
  return app.getOpenAPI31Document({ ...OPENAPI_INFO, servers: [{ url: publicUrl, description: 'this Parley' }] });
}
app.get('/api/openapi.json', (c) => c.json(openApiDocument(c.env.PUBLIC_URL)));
app.get('/api/docs', (c) => c.html(<DocsPage doc={openApiDocument(c.env.PUBLIC_URL) as never} />));

app.notFound((c) => {
  if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/room/api/')) {
    return c.json({ error: { code: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` } }, 404);
  }
  return c.text('Not found', 404);
});

app.onError((err, c) => {
  if (err instanceof ApiError) {
    return c.json({ error: { code: err.code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } }, err.status);
  }
  if (err instanceof HTTPException) {
    // hono's own 4xx, e.g. a body that is not JSON.
    const status = err.status >= 400 && err.status < 500 ? err.status : 400;
    const message = err.message || 'the request could not be read';
    return c.json({ error: { code: 'bad_request', message: message.includes('JSON') ? 'body: not valid JSON' : message } }, status);
  }
  if (err instanceof SecretsKeyError) {
    // The server's configuration, not the request: say what an operator must fix (the message names no secret).
    logError('secrets_key', { method: c.req.method, path: c.req.path, reason: err.message });
    return c.json({ error: { code: 'server_configuration', message: `Parley cannot open a stored secret: ${err.message}` } }, 500);
  }
  logError('unhandled', { method: c.req.method, path: c.req.path, reason: reasonOf(err), stack: err instanceof Error ? err.stack : undefined });
  return c.json({ error: { code: 'internal', message: 'something went wrong on our side; nothing you sent was lost' } }, 500);
});
