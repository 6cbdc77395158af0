// Reading and writing an org's notification settings in D1 (orgs.notifications_json).
import { resolveNotificationSettings, type NotificationOverrides, type NotificationSettings } from '../domain/notification-settings';

/** What the org's admins changed; a row that is missing or not JSON counts as nothing changed. */
export async function orgNotificationOverrides(db: D1Database, orgId: string): Promise<NotificationOverrides> {
  const row = await db.prepare('SELECT notifications_json FROM orgs WHERE id = ?').bind(orgId).first<{ notifications_json: string | null }>();
  if (!row?.notifications_json) return {};
  try {
    const parsed: unknown = JSON.parse(row.notifications_json);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as NotificationOverrides) : {};
  } catch {
    return {};
  }
}

export async function saveOrgNotificationOverrides(db: D1Database, orgId: string, overrides: NotificationOverrides): Promise<void> {
  await db.prepare('UPDATE orgs SET notifications_json = ? WHERE id = ?').bind(JSON.stringify(overrides), orgId).run();
}

/** The settings in force for an org: its changes over the defaults. */
export async function orgNotificationSettings(db: D1Database, orgId: string): Promise<NotificationSettings> {
  return resolveNotificationSettings(await orgNotificationOverrides(db, orgId));
}
