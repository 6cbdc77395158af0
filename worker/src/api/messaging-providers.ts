// /api/v1/settings/messaging — admin only: the org's own Twilio account and
// email provider account, or Parley's (when the deployment has them), or
// none. Secrets are write-only; each is sealed where D1 keeps it.
import { createRoute } from '@hono/zod-openapi';
import { requireAdmin } from '../auth/agent-auth';
import { messagingProvidersAnswerSchema, messagingProvidersPatchSchema } from '../contract/messaging';
import { describeMessagingProviders, saveMessagingProviders } from '../directory/messaging-providers';
import { ApiError } from '../errors';
import { now } from '../clock';
import { messagingProvidersView } from '../notify/messaging-view';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const messagingProviders = createApi();
const tags = ['Settings (admin)'];

messagingProviders.use('/settings/messaging', requireAdmin);

messagingProviders.openapi(
  createRoute({
    method: 'get',
    path: '/settings/messaging',
    operationId: 'getMessagingProviders',
    tags,
    summary: "Who sends the org's SMS and email, and the webhook addresses to give the providers",
    responses: { 200: json(messagingProvidersAnswerSchema, 'Messaging providers'), ...errorResponses },
  }),
  async (c) => c.json({ messaging: await messagingProvidersView(c.env, c.get('agent').orgId) }, 200),
);

messagingProviders.openapi(
  createRoute({
    method: 'patch',
    path: '/settings/messaging',
    operationId: 'changeMessagingProviders',
    tags,
    summary: "Connect the org's own Twilio or email provider account (null: use Parley's again); errors name the field",
    middleware: [jsonBody],
    request: { body: { required: true, content: { 'application/json': { schema: messagingProvidersPatchSchema } } } },
    responses: { 200: json(messagingProvidersAnswerSchema, 'Messaging providers'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const change = c.req.valid('json');
    // What is on file, not opened: an admin can replace or disconnect accounts whose secrets no longer open.
    const current = await describeMessagingProviders(c.env.DB, orgId);
    // A token belongs to its account, a key to its provider: a new one needs its secret, or it could not send.
    if (change.sms && change.sms.authToken === undefined && current.twilio?.accountSid !== change.sms.accountSid) {
      throw ApiError.invalidField('body.sms.authToken', 'give the auth token of this account');
    }
    if (change.email && change.email.apiKey === undefined && !current.email) throw ApiError.invalidField('body.email.apiKey', 'give the API key of the email provider account');
    await saveMessagingProviders(c.env, orgId, { twilio: change.sms, email: change.email }, now());
    return c.json({ messaging: await messagingProvidersView(c.env, orgId) }, 200);
  },
);
