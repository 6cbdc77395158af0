// /api/v1/settings/notifications — the org's notification settings (SPEC §7):
// sender names, the texts of each message, reminders and new-activity notices.
// Every agent may read them (the CRM's setup page and panels show them); only
// admins change them.
import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from './context';
import {
  applyNotificationPatch,
  DEFAULT_NOTIFICATION_SETTINGS,
  EMAIL_HTML_MAX,
  EMAIL_SENDER_MAX,
  EMAIL_SUBJECT_MAX,
  notificationSettingsPatchSchema,
  PLACEHOLDERS,
  SMS_LONG_MAX,
  SMS_SENDER_MAX,
  SMS_SHORT_MAX,
  type NotificationSettings,
} from '../domain/notification-settings';
import { orgNotificationOverrides, orgNotificationSettings, saveOrgNotificationOverrides } from '../directory/notification-settings-store';
import { requireAdmin } from '../auth/agent-auth';
import { notificationSettingsAnswerSchema } from '../contract/settings';
import { ApiError } from '../errors';
import { tellNotificationSettingsChanged } from '../room/settings-changed';
import { notificationTextsBody } from './body-limits';
import { bodyErrorResponses, createApi, errorResponses, json } from './openapi';

export const notificationSettings = createApi();
const tags = ['Settings (admin)'];
const PATH = '/settings/notifications';

// Reading is for everyone in the org; the admin check comes before the body is validated, so an agent gets 403, not 422.
notificationSettings.use(PATH, async (c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : requireAdmin(c, next)));

/** What a settings editor needs besides the values: the defaults to go back to, the placeholders and the limits. */
function view(c: Context<AppEnv>, settings: NotificationSettings) {
  return c.json(
    {
      settings,
      defaults: DEFAULT_NOTIFICATION_SETTINGS,
      placeholders: PLACEHOLDERS.map((p) => `{${p}}`),
      limits: { smsLong: SMS_LONG_MAX, smsShort: SMS_SHORT_MAX, emailSubject: EMAIL_SUBJECT_MAX, emailHtml: EMAIL_HTML_MAX, smsSenderName: SMS_SENDER_MAX, emailSenderName: EMAIL_SENDER_MAX },
    },
    200,
  );
}

notificationSettings.openapi(
  createRoute({
    method: 'get',
    path: PATH,
    operationId: 'getNotificationSettings',
    tags,
    summary: "The org's notification settings (defaults filled in), with the defaults, placeholders and text limits",
    responses: { 200: json(notificationSettingsAnswerSchema, 'The settings, with the defaults, placeholders and limits'), ...errorResponses },
  }),
  async (c) => view(c, await orgNotificationSettings(c.env.DB, c.get('agent').orgId)),
);

notificationSettings.openapi(
  createRoute({
    method: 'patch',
    path: PATH,
    operationId: 'changeNotificationSettings',
    tags,
    summary: 'Change some notification settings (admins); errors name the field and its limit',
    description:
      'Any subset: one text of one message, one reminder rule. SMS texts are the words before the link (Parley adds the link); ' +
      'email bodies are HTML and must contain {link}. Placeholders: {customerName} (the person the message goes to), {roleName} (their part in the session), {agentName}, {orgName}, {link}. ' +
      'Texts are per language: `messages` holds the English ones, `languages.es`, `.fr`, `.de`, `.he` the others (same shape, same rules); ' +
      "each recipient gets their language's texts, and a text not changed in a language is Parley's own in that language. Any other language is refused (422).",
    middleware: [notificationTextsBody],
    request: { body: { required: true, content: { 'application/json': { schema: notificationSettingsPatchSchema } } } },
    responses: { 200: json(notificationSettingsAnswerSchema, 'The settings, with the defaults, placeholders and limits'), ...bodyErrorResponses, ...errorResponses },
  }),
  async (c) => {
    const orgId = c.get('agent').orgId;
    const outcome = applyNotificationPatch(await orgNotificationOverrides(c.env.DB, orgId), c.req.valid('json'));
    if (!outcome.ok) {
      // Rules that span fields (reminders' from and to); worded like the validation hook's messages.
      throw new ApiError(422, 'invalid_request', outcome.issues.map((i) => `${['body', ...i.path].join('.')}: ${i.message}`).join('; '));
    }
    await saveOrgNotificationOverrides(c.env.DB, orgId, outcome.stored);
    // Sessions plan reminders and notices by the settings they last read: each plans again by these now.
    await tellNotificationSettingsChanged(c.env, orgId);
    return view(c, outcome.settings);
  },
);
