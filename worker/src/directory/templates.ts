// Templates in D1: the template and the version documents are sent from.
import type { FieldDef, PageSize } from '../domain/fields';
import type { RoleDef } from '../domain/document-definition';

export interface TemplateRow {
  id: string;
  org_id: string;
  name: string;
  current_version: number;
  created_at: number;
  updated_at: number;
}

export interface TemplateVersionRow {
  id: string;
  name: string;
  version: number;
  current_version: number;
  pdf_key: string;
  pdf_sha256: string;
  page_count: number;
  pages_json: string;
  fields_json: string;
  roles_json: string;
  signing_order: 'parallel' | 'sequential';
  created_at: number;
}

export function loadTemplateVersion(db: D1Database, orgId: string, templateId: string, version?: number) {
  return db
    .prepare(
      `SELECT t.id, t.name, t.current_version, v.version, v.pdf_key, v.pdf_sha256, v.page_count, v.pages_json, v.fields_json, v.roles_json, v.signing_order, v.created_at
       FROM templates t JOIN template_versions v ON v.template_id = t.id AND v.version = COALESCE(?, t.current_version)
       WHERE t.id = ? AND t.org_id = ?`,
    )
    .bind(version ?? null, templateId, orgId)
    .first<TemplateVersionRow>();
}

export function templateVersionView(t: TemplateVersionRow) {
  return {
    id: t.id,
    name: t.name,
    version: t.version,
    currentVersion: t.current_version,
    pdfSha256: t.pdf_sha256,
    pages: JSON.parse(t.pages_json) as PageSize[],
    roles: JSON.parse(t.roles_json) as RoleDef[],
    signingOrder: t.signing_order,
    fields: JSON.parse(t.fields_json) as FieldDef[],
    createdAt: new Date(t.created_at).toISOString(),
  };
}

/** A template as its own row (the version counter), or null. */
export function findTemplate(db: D1Database, orgId: string, templateId: string): Promise<TemplateRow | null> {
  return db.prepare('SELECT * FROM templates WHERE id = ? AND org_id = ?').bind(templateId, orgId).first<TemplateRow>();
}

export async function templateNameTaken(db: D1Database, orgId: string, name: string): Promise<boolean> {
  return (await db.prepare('SELECT 1 AS taken FROM templates WHERE org_id = ? AND name = ?').bind(orgId, name).first()) !== null;
}

export interface NewTemplateVersion {
  templateId: string;
  version: number;
  pdfKey: string;
  pdfSha256: string;
  pages: PageSize[];
  fields: FieldDef[];
  roles: RoleDef[];
  signingOrder: 'parallel' | 'sequential';
  createdBy: string;
  at: number;
}

function versionStatement(db: D1Database, v: NewTemplateVersion): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO template_versions (template_id, version, pdf_key, pdf_sha256, page_count, pages_json, fields_json, roles_json, signing_order, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(v.templateId, v.version, v.pdfKey, v.pdfSha256, v.pages.length, JSON.stringify(v.pages), JSON.stringify(v.fields), JSON.stringify(v.roles), v.signingOrder, v.createdBy, v.at);
}

/** A new template at version 1, in one batch. */
export async function createTemplate(db: D1Database, t: { orgId: string; name: string }, v: NewTemplateVersion): Promise<void> {
  await db.batch([
    db.prepare('INSERT INTO templates (id, org_id, name, current_version, created_by, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?, ?)').bind(v.templateId, t.orgId, t.name, v.createdBy, v.at, v.at),
    versionStatement(db, v),
  ]);
}

/** The next version of a template. The version number is the guard: a concurrent upload of the same version fails the primary key. */
export async function addTemplateVersion(db: D1Database, v: NewTemplateVersion): Promise<void> {
  await db.batch([
    versionStatement(db, v),
    db.prepare('UPDATE templates SET current_version = ?, updated_at = ? WHERE id = ? AND current_version = ?').bind(v.version, v.at, v.templateId, v.version - 1),
  ]);
}

/** The org's templates that are not archived, at their current version, by name. */
export async function listTemplates(db: D1Database, orgId: string): Promise<Array<{ id: string; name: string; version: number; updatedAt: number }>> {
  const { results } = await db
    .prepare('SELECT id, name, current_version AS version, updated_at AS updatedAt FROM templates WHERE org_id = ? AND archived_at IS NULL ORDER BY name')
    .bind(orgId)
    .all<{ id: string; name: string; version: number; updatedAt: number }>();
  return results;
}

export interface TemplateVersionSummary {
  version: number;
  roles: RoleDef[];
  signingOrder: 'parallel' | 'sequential';
  fieldCount: number;
  pageCount: number;
  createdAt: string;
}

export interface TemplateSummary {
  id: string;
  name: string;
  currentVersion: number;
  updatedAt: string;
  versions: TemplateVersionSummary[]; // newest first
}

/** The org's templates with all their versions, newest first (the admin's Assets page). */
export async function templatesWithVersions(db: D1Database, orgId: string): Promise<TemplateSummary[]> {
  const { results } = await db
    .prepare(
      `SELECT t.id, t.name, t.current_version, t.updated_at, v.version, v.roles_json, v.signing_order, v.fields_json, v.page_count, v.created_at
       FROM templates t JOIN template_versions v ON v.template_id = t.id
       WHERE t.org_id = ? AND t.archived_at IS NULL ORDER BY t.name, t.id, v.version DESC`,
    )
    .bind(orgId)
    .all<{ id: string; name: string; current_version: number; updated_at: number; version: number; roles_json: string; signing_order: 'parallel' | 'sequential'; fields_json: string; page_count: number; created_at: number }>();
  const byId = new Map<string, TemplateSummary>();
  for (const r of results) {
    let t = byId.get(r.id);
    if (!t) {
      t = { id: r.id, name: r.name, currentVersion: r.current_version, updatedAt: new Date(r.updated_at).toISOString(), versions: [] };
      byId.set(r.id, t);
    }
    t.versions.push({
      version: r.version,
      roles: JSON.parse(r.roles_json) as RoleDef[],
      signingOrder: r.signing_order,
      fieldCount: (JSON.parse(r.fields_json) as unknown[]).length,
      pageCount: r.page_count,
      createdAt: new Date(r.created_at).toISOString(),
    });
  }
  return [...byId.values()];
}
