// The shapes of Parley's answers, taken from the Worker's own contract
// (worker/src/contract). Type-only imports: HubSpot's bundler erases them, so
// nothing of the Worker ships in the card, yet `npm run typecheck` fails the
// moment the card reads a field the Worker no longer answers.
import type { z } from '@hono/zod-openapi';
import type { connectionCheckSchema, crmFailureSchema, hubspotStatusSchema, resyncSchema } from '../../../../../../../worker/src/contract/crm';
import type { teamListSchema } from '../../../../../../../worker/src/contract/directory';
import type { DocumentItemView } from '../../../../../../../worker/src/contract/documents';
import type { AgentRoomView, ItemView, MessageView, ParticipantView, SessionListEntry, startedSessionSchema } from '../../../../../../../worker/src/contract/session';
import type { notificationSettingsAnswerSchema, settingsAnswerSchema, teamSettingsSchema } from '../../../../../../../worker/src/contract/settings';
import type { meSchema, signInLinkSchema } from '../../../../../../../worker/src/contract/directory';
import type { templateListSchema, TemplateVersion } from '../../../../../../../worker/src/contract/templates';
import type { workflowListSchema } from '../../../../../../../worker/src/contract/workflows';

export type { AgentRoomView, DocumentItemView, ItemView, MessageView, ParticipantView, SessionListEntry };
export type StartedSession = z.infer<typeof startedSessionSchema>;
export type SessionList = { scope: string; sessions: SessionListEntry[] };
export type TemplateList = z.infer<typeof templateListSchema>;
export type Template = TemplateList['templates'][number];
/** GET /api/v1/workflows: the org's workflows at their current version (GET /workflows/{id} describes its roles as a template does). */
export type WorkflowList = z.infer<typeof workflowListSchema>;
/** GET /api/v1/templates/{id}: one version of a template, with its roles ({name, required}) the participant list asks about. */
export type { TemplateVersion };
/** GET /api/v1/me: the agent, and the settings in force for them (SMS on or off, OTP required). */
export type Me = z.infer<typeof meSchema>;
export type SignInLink = z.infer<typeof signInLinkSchema>;
export type SettingsAnswer = z.infer<typeof settingsAnswerSchema>;
export type Settings = SettingsAnswer['settings'];
export type TeamSettings = z.infer<typeof teamSettingsSchema>;
export type TeamList = z.infer<typeof teamListSchema>;
export type NotificationSettingsAnswer = z.infer<typeof notificationSettingsAnswerSchema>;
export type CrmFailure = z.infer<typeof crmFailureSchema>;
export type Resync = z.infer<typeof resyncSchema>;
/** POST /api/v1/crm/hubspot/check: HubSpot reached as write-back reaches it (with the API version it uses), or why not. */
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/**
 * GET /api/v1/crm/hubspot: the HubSpot account Parley is connected to (or
 * null; `broken` once HubSpot refused Parley), what write-back last managed
 * and could not do, and the link that installs the app again (null when this
 * Parley has no HubSpot app configured).
 */
export type HubSpotStatus = z.infer<typeof hubspotStatusSchema>;
