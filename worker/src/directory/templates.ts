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
