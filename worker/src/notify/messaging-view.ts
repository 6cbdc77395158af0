// Who sends an org's messages, as its admins see it (the settings API, the
// workspace's admin page, the Salesforce setup tab through the API): the org's
// own accounts, Parley's, or none, and the webhook addresses to give each
// provider. Nothing secret, and no secret opened: it reads what is on file.
import type { MessagingProvidersView } from '../contract/messaging';
import { describeMessagingProviders } from '../directory/messaging-providers';
import type { Env } from '../env';
import { serviceEmailAccount, serviceTwilioAccount } from './senders';

export async function messagingProvidersView(env: Env, orgId: string): Promise<MessagingProvidersView> {
  const own = await describeMessagingProviders(env.DB, orgId);
  const base = env.PUBLIC_URL.replace(/\/$/, '');
  const serviceSms = serviceTwilioAccount(env) !== null;
  const serviceEmail = serviceEmailAccount(env);
  const ownWebhookUrl = `${base}/hooks/email/${orgId}`;
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
      fromAddress: own.email?.fromAddress ?? serviceEmail?.fromAddress ?? null,
      webhookSecretSet: own.email ? own.email.webhookSecretSet : Boolean(env.EMAIL_WEBHOOK_SECRET),
      webhookUrl: own.email ? ownWebhookUrl : `${base}/hooks/email`,
      ownWebhookUrl,
    },
  };
}
