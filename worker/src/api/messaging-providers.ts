// /api/v1/settings/messaging — admin only: the org's own Twilio account and
// email provider account, or Parley's (when the deployment has them), or
// none. Secrets are write-only; each is sealed where D1 keeps it.
import { createRoute } from '@hono/zod-openapi';
import { requireAdmin } from '../auth/agent-auth';
import { messagingProvidersAnswerSchema, messagingProvidersPatchSchema, type MessagingProvidersView } from '../contract/messaging';
import { findMessagingProviders, saveMessagingProviders } from '../directory/messaging-providers';
import type { Env } from '../env';
import { ApiError } from '../errors';
import { now } from '../clock';
import { serviceTwilioAccount } from '../notify/senders';
import { jsonBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const messagingProviders = createApi();
const tags = ['Settings (admin)'];

messagingProviders.use('/settings/messaging', requireAdmin);

async function view(env: Env, orgId: string): Promise<MessagingProvidersView> {
  const own = await findMessagingProviders(env, orgId);
  const base = env.PUBLIC_URL.replace(/\/$/, '');
  const serviceSms = serviceTwilioAccount(env) !== null;
  const serviceEmail = Boolean(env.EMAIL_API_KEY && env.EMAIL_FROM_ADDRESS);
  return {
    sms: {
      connected: own.twilio ? 'org' : serviceSms ? 'service' : 'none',
      accountSid: own.twilio?.accountSid ?? null,
      fromNumber: own.twilio ? own.twilio.fromNumber : serviceSms ? (env.TWILIO_FROM_NUMBER ?? null) : null,
      messagingServiceSid: own.twilio ? own.twilio.messagingServiceSid : serviceSms ? (env.TWILIO_MESSAGING_SERVICE_SID ?? null) : null,
      inboundWebhookUrl: `${base}/hooks/twilio/inbound`,
    },
    email: {
      connected: own.email ? 'org' : serviceEmail ? 'service' : 'none',
      fromAddress: own.email?.fromAddress ?? (serviceEmail ? env.EMAIL_FROM_ADDRESS! : null),
      webhookSecretSet: own.email ? own.email.webhookSecret !== null : Boolean(env.EMAIL_WEBHOOK_SECRET),
      webhookUrl: own.email ? `${base}/hooks/email/${orgId}` : `${base}/hooks/email`,
    },
  };
}

messagingProviders.openapi(
  createRoute({
    method: 'get',
    path: '/settings/messaging',
    operationId: 'getMessagingProviders',
    tags,
    summary: "Who sends the org's SMS and email, and the webhook addresses to give the providers",
    responses: { 200: json(messagingProvidersAnswerSchema, 'Messaging providers'), ...errorResponses },
  }),
  async (c) => c.json({ messaging: await view(c.env, c.get('agent').orgId) }, 200),
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
    const current = await findMessagingProviders(c.env, orgId);
    // A token belongs to its account, a key to its provider: a new one needs its secret, or it could not send.
    if (change.sms && change.sms.authToken === undefined && current.twilio?.accountSid !== change.sms.accountSid) {
      throw ApiError.invalidField('sms.authToken', 'give the auth token of this account');
    }
    if (change.email && change.email.apiKey === undefined && !current.email) throw ApiError.invalidField('email.apiKey', 'give the API key of the email provider account');
    await saveMessagingProviders(c.env, orgId, { twilio: change.sms, email: change.email }, now());
    return c.json({ messaging: await view(c.env, orgId) }, 200);
  },
);
