// The org's SMS and email providers as admins see and change them
// (/api/v1/settings/messaging). Secrets go in and never come back out: the
// answer says only whether one is set.
import { z } from '@hono/zod-openapi';
import { emailSchema } from '../domain/contact';

const connectedSchema = z.enum(['org', 'service', 'none']).openapi({
  description: '"org": the org\'s own account sends; "service": Parley\'s account does; "none": messages wait as held',
});

export const messagingProvidersSchema = z
  .object({
    sms: z.object({
      connected: connectedSchema,
      accountSid: z.string().nullable(),
      fromNumber: z.string().nullable(),
      messagingServiceSid: z.string().nullable(),
      /** Set this as the number's (or Messaging Service's) incoming-message webhook, so replies reach the chat. */
      inboundWebhookUrl: z.string(),
    }),
    email: z.object({
      connected: connectedSchema,
      fromAddress: z.string().nullable(),
      webhookSecretSet: z.boolean(),
      /** Where the account that sends now posts its webhooks. */
      webhookUrl: z.string(),
      /** Where the org's own account must post them: add it in that account before connecting (the provider shows the signing secret then). */
      ownWebhookUrl: z.string(),
    }),
  })
  .openapi('MessagingProviders');
export type MessagingProvidersView = z.infer<typeof messagingProvidersSchema>;

export const messagingProvidersAnswerSchema = z.object({ messaging: messagingProvidersSchema }).openapi('MessagingProvidersAnswer');

const e164 = z.string().regex(/^\+[1-9][0-9]{6,14}$/, 'must be a phone number in E.164 form, e.g. +14155550123');

/** A change: a provider left out stays as it is; null disconnects it (Parley's account serves the org again). */
export const messagingProvidersPatchSchema = z
  .object({
    sms: z
      .object({
        accountSid: z.string().regex(/^AC[0-9a-f]{32}$/, 'must be a Twilio account SID: AC and 32 hex digits'),
        authToken: z.string().regex(/^[0-9a-f]{32}$/, 'must be a Twilio auth token: 32 hex digits').optional(),
        fromNumber: e164.nullable().default(null),
        messagingServiceSid: z.string().regex(/^MG[0-9a-f]{32}$/, 'must be a Messaging Service SID: MG and 32 hex digits').nullable().default(null),
      })
      .strict()
      .refine((s) => s.fromNumber !== null || s.messagingServiceSid !== null, {
        message: 'give a fromNumber or a messagingServiceSid: countries that take no sender name need one',
        path: ['fromNumber'],
      })
      .nullable()
      .optional(),
    email: z
      .object({
        apiKey: z.string().regex(/^re_[A-Za-z0-9_]{8,}$/, 'must be a Resend API key (re_…)').optional(),
        fromAddress: emailSchema,
        webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/=]{16,}$/, 'must be the webhook signing secret (whsec_…)').nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .openapi('MessagingProvidersChange');
