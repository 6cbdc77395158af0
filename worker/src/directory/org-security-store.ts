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

export async function saveOrgSecurity(db: D1Database, orgId: string, security: OrgSecurity): Promise<void> {
  await db.prepare('UPDATE orgs SET security_json = ? WHERE id = ?').bind(JSON.stringify(security), orgId).run();
}
