// Reading and writing settings rows in D1.
import { DEFAULT_ESIGN_DISCLOSURE } from '../documents/esign-disclosure';
import { resolveSettings, type Settings, type StoredOverrides } from '../domain/settings';
import type { DisclosureSetting } from '../contract/settings';

export function parseOverrides(text: string | null | undefined): StoredOverrides {
  if (!text) return {};
  try {
    return JSON.parse(text) as StoredOverrides;
  } catch {
    return {};
  }
}

/** What the org's admins changed (no defaults filled in). */
export async function orgOverrides(db: D1Database, orgId: string): Promise<StoredOverrides> {
  const row = await db.prepare('SELECT settings_json FROM orgs WHERE id = ?').bind(orgId).first<{ settings_json: string | null }>();
  return parseOverrides(row?.settings_json);
}

/** The consent text signers see: the org's own (custom), or Parley's default. */
export async function orgDisclosure(db: D1Database, orgId: string): Promise<DisclosureSetting> {
  const row = await db.prepare('SELECT esign_disclosure FROM orgs WHERE id = ?').bind(orgId).first<{ esign_disclosure: string | null }>();
  return disclosureSetting(row?.esign_disclosure ?? null);
}

function disclosureSetting(own: string | null): DisclosureSetting {
  return { text: own ?? DEFAULT_ESIGN_DISCLOSURE, custom: own !== null };
}

/** The settings in force for an agent's team (or the org's, for agents in no team). */
export async function effectiveSettings(db: D1Database, orgId: string, teamId: string | null): Promise<Settings> {
  const row = await db
    .prepare('SELECT o.settings_json AS org, t.settings_json AS team FROM orgs o LEFT JOIN teams t ON t.id = ? AND t.org_id = o.id WHERE o.id = ?')
    .bind(teamId, orgId)
    .first<{ org: string; team: string | null }>();
  return resolveSettings(parseOverrides(row?.org), parseOverrides(row?.team));
}

export async function saveOrgOverrides(db: D1Database, orgId: string, overrides: StoredOverrides): Promise<void> {
  await db.prepare('UPDATE orgs SET settings_json = ? WHERE id = ?').bind(JSON.stringify(overrides), orgId).run();
}

/** The org's own disclosure text; null goes back to Parley's default. Returns the text now in force. */
export async function saveDisclosure(db: D1Database, orgId: string, text: string | null): Promise<DisclosureSetting> {
  await db.prepare('UPDATE orgs SET esign_disclosure = ? WHERE id = ?').bind(text, orgId).run();
  return disclosureSetting(text);
}
