// An admin's settings change applies to the next action in every session it
// concerns: each open session (of the org, or of one team) drops the settings
// it keeps and reads them again, before the settings API answers.
import type { Env } from '../env';
import { forEachOpenSession } from './fan-out';

/** The org's settings changed: every open session of the org. A team's (`teamId`): that team's sessions. */
export function tellSettingsChanged(env: Env, orgId: string, teamId?: string): Promise<void> {
  return forEachOpenSession(env, orgId, (room) => room.settingsChanged('settings'), teamId);
}

/** The org's notification settings changed: every open session plans its reminders and notices by them. */
export function tellNotificationSettingsChanged(env: Env, orgId: string): Promise<void> {
  return forEachOpenSession(env, orgId, (room) => room.settingsChanged('notifications'));
}
