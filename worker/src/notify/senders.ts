// Which provider sends an org's messages: its own account when it connected
// one (directory/messaging-providers.ts), else Parley's (the TWILIO_* and
// EMAIL_* secrets), else none — the message then waits as "held", visible in
// the outbox, as under `npm start` with no account at all.
import { SecretsKeyError } from '../auth/secret-box';
import { findMessagingProviders } from '../directory/messaging-providers';
import { orgNotificationSettings } from '../directory/notification-settings-store';
import { findOrgName } from '../directory/orgs';
import type { Channel } from '../directory/outbox';
import type { Env } from '../env';
import { DEFAULT_EMAIL_API_BASE, emailSender } from './email/email-sender';
import { SendFailure, type Sender } from './sender';
import { twilioSender } from './twilio/twilio-sender';

export type Senders = Partial<Record<Channel, Sender>>;

export const TWILIO_API = 'https://api.twilio.com';

/** The service-wide Twilio account, when the deployment has one. */
export function serviceTwilioAccount(env: Env): { accountSid: string; authToken: string } | null {
  return env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN ? { accountSid: env.TWILIO_ACCOUNT_SID, authToken: env.TWILIO_AUTH_TOKEN } : null;
}

/** The service-wide email account, when the deployment has one. */
export function serviceEmailAccount(env: Env): { apiKey: string; fromAddress: string } | null {
  return env.EMAIL_API_KEY && env.EMAIL_FROM_ADDRESS ? { apiKey: env.EMAIL_API_KEY, fromAddress: env.EMAIL_FROM_ADDRESS } : null;
}

export async function sendersFor(env: Env, orgId: string): Promise<Senders> {
  const [own, settings, orgName] = await Promise.all([
    findMessagingProviders(env, orgId).catch((err: unknown) => {
      if (!(err instanceof SecretsKeyError)) throw err;
      return err;
    }),
    orgNotificationSettings(env.DB, orgId),
    findOrgName(env.DB, orgId),
  ]);
  if (own instanceof SecretsKeyError) {
    // The org's own accounts are on file but do not open: waiting for the operator's key, not sent through someone else's account.
    const waiting = unusable('transient', `the org's own provider account cannot be opened: ${own.message}`);
    return { sms: waiting, email: waiting };
  }
  const senders: Senders = {};
  const service = serviceTwilioAccount(env);
  const twilio = own.twilio ?? (service && { ...service, fromNumber: env.TWILIO_FROM_NUMBER ?? null, messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID ?? null });
  if (twilio) senders.sms = configured(() => twilioSender({ apiBase: env.TWILIO_API_BASE ?? TWILIO_API, ...twilio, senderName: settings.general.smsSenderName || null }));
  const email = own.email ?? serviceEmailAccount(env);
  if (email) {
    senders.email = configured(() =>
      emailSender({
        apiBase: env.EMAIL_API_BASE ?? DEFAULT_EMAIL_API_BASE,
        apiKey: email.apiKey,
        fromAddress: email.fromAddress,
        fromName: settings.general.emailSenderName ?? orgName,
      }),
    );
  }
  return senders;
}

/** A provider made from its settings; settings it refuses fail every send with its reason, where the agent sees it. */
function configured(make: () => Sender): Sender {
  try {
    return make();
  } catch (err) {
    return unusable('permanent', `the provider's settings are not usable: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A provider that cannot send, saying why on every try. */
function unusable(kind: 'transient' | 'permanent', reason: string): Sender {
  const refuse = async (): Promise<never> => {
    throw new SendFailure(kind, reason);
  };
  return { send: refuse, reconcile: refuse };
}
