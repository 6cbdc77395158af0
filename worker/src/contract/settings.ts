// Org and team settings as admins read them back, the e-sign disclosure,
// who seals documents, and the notification settings with what an editor
// needs beside them (defaults, placeholders, limits).
import { z } from '@hono/zod-openapi';
import { afterEndSettingsSchema, sessionSettingsSchema, settingsSchema } from '../domain/settings';
import { notificationSettingsSchema } from '../domain/notification-settings';
import { orgSecuritySchema } from '../domain/org-security';

export const settingsAnswerSchema = z.object({ settings: settingsSchema }).openapi('OrgSettings');

/** Each setting of a group: the team's own value, or "inherit". */
function ownOrInherit<T extends z.ZodRawShape>(group: z.ZodObject<T>) {
  return z.object(Object.fromEntries(Object.entries(group.shape).map(([key, value]) => [key, z.union([z.literal('inherit'), value as z.ZodType])])));
}

export const teamSettingsSchema = z
  .object({
    teamId: z.string(),
    name: z.string(),
    overrides: z.object({ session: ownOrInherit(sessionSettingsSchema), afterEnd: ownOrInherit(afterEndSettingsSchema) }),
    effective: settingsSchema,
  })
  .openapi('TeamSettings');

export const orgSecurityAnswerSchema = z.object({ security: orgSecuritySchema }).openapi('OrgSecurity');

export const disclosureSettingSchema = z.object({ text: z.string(), custom: z.boolean() }).openapi('DisclosureSetting');
export type DisclosureSetting = z.infer<typeof disclosureSettingSchema>;

export const sealingSchema = z
  .object({ certificate: z.object({ commonName: z.string(), custom: z.boolean() }), tsaUrl: z.string().nullable() })
  .openapi('Sealing');
export type SealingView = z.infer<typeof sealingSchema>;

export const notificationSettingsAnswerSchema = z
  .object({
    settings: notificationSettingsSchema,
    defaults: notificationSettingsSchema,
    placeholders: z.array(z.string()),
    limits: z.object({
      smsLong: z.number().int(),
      smsShort: z.number().int(),
      emailSubject: z.number().int(),
      emailHtml: z.number().int(),
      smsSenderName: z.number().int(),
      emailSenderName: z.number().int(),
    }),
  })
  .openapi('NotificationSettings');
