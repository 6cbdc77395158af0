// Which HubSpot contact each participant's email was matched to or created
// as, per org. Write-back asks HubSpot only for emails it has not seen, and
// the privacy-deletion handler (HubSpot's contact deletion and GDPR
// webhooks name a contact id) finds the person's email here.

const normal = (email: string) => email.trim().toLowerCase();

/** Contact ids of the emails already known, by normalised email. */
export async function knownContacts(db: D1Database, orgId: string, emails: string[]): Promise<Map<string, string>> {
  const wanted = [...new Set(emails.map(normal))];
  const found = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 90) {
    const chunk = wanted.slice(i, i + 90);
    const rows = await db
      .prepare(`SELECT contact_id, email FROM hubspot_contacts WHERE org_id = ? AND email IN (${chunk.map(() => '?').join(', ')})`)
      .bind(orgId, ...chunk)
      .all<{ contact_id: string; email: string }>();
    for (const r of rows.results) found.set(r.email, r.contact_id);
  }
  return found;
}

export async function rememberContacts(db: D1Database, orgId: string, contacts: Array<{ email: string; contactId: string }>): Promise<void> {
  if (contacts.length === 0) return;
  await db.batch(
    contacts.map((c) =>
      db
        .prepare(
          `INSERT INTO hubspot_contacts (org_id, contact_id, email) VALUES (?1, ?2, ?3)
           ON CONFLICT (org_id, email) DO UPDATE SET contact_id = excluded.contact_id`,
        )
        .bind(orgId, c.contactId, normal(c.email)),
    ),
  );
}

/** The email Parley knows for a HubSpot contact of the org, or null. */
export async function hubspotContactEmail(db: D1Database, orgId: string, contactId: string): Promise<string | null> {
  const r = await db.prepare('SELECT email FROM hubspot_contacts WHERE org_id = ? AND contact_id = ?').bind(orgId, contactId).first<{ email: string }>();
  return r?.email ?? null;
}

/** The contact is gone (deleted in HubSpot, or its person erased): forget it. */
export async function forgetHubSpotContact(db: D1Database, orgId: string, contactId: string): Promise<void> {
  await db.prepare('DELETE FROM hubspot_contacts WHERE org_id = ? AND contact_id = ?').bind(orgId, contactId).run();
}
