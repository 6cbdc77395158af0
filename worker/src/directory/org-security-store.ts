// Reading and writing an org's security settings (domain/org-security.ts) in D1.
import { resolveOrgSecurity, type OrgSecurity } from '../domain/org-security';

export async function orgSecurity(db: D1Database, orgId: string): Promise<OrgSecurity> {
  const row = await db.prepare('SELECT security_json FROM orgs WHERE id = ?').bind(orgId).first<{ security_json: string }>();
  let stored: unknown = {};
  try {
    stored = JSON.parse(row?.security_json ?? '{}');
  } catch {
    // A damaged row means defaults, never a failed request.
  }
  return resolveOrgSecurity(stored);
}

/**
 * Saves the settings. Without crmMayPromoteAdmins no CRM-made agent stays an
 * admin: turning it off takes back, in the same write, what it gave (an agent
 * signed in to the workspace would otherwise keep admin until their next call
 * through the key). Accounts made in Parley are never touched.
 */
export async function saveOrgSecurity(db: D1Database, orgId: string, security: OrgSecurity): Promise<void> {
  const save = db.prepare('UPDATE orgs SET security_json = ? WHERE id = ?').bind(JSON.stringify(security), orgId);
  if (security.crmMayPromoteAdmins) {
    await save.run();
    return;
  }
  await db.batch([save, db.prepare(`UPDATE agents SET role = 'agent' WHERE org_id = ? AND origin = 'crm' AND role = 'admin'`).bind(orgId)]);
}
