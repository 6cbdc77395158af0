// The admin's Assets: every template with its versions (roles, signing
// order, field count), a link to view each version's PDF through the
// cookie-signed /app/admin/templates/:id/pdf, and the link to the page that
// creates a template (/app/templates/new).
import type { AgentRecord } from '../../directory/agents';
import type { RoleDef } from '../../domain/document-definition';
import { AdminLayout } from './admin-layout';
import { Time } from './layout';

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

/** Rows of the org's templates and all their versions, as GET /api/v1/templates and /templates/{id} describe them. */
export async function listTemplates(db: D1Database, orgId: string): Promise<TemplateSummary[]> {
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

const ORDER = { parallel: 'Parallel: all roles at once', sequential: 'Sequential: in the order listed' } as const;

export function TemplatesPage(props: { agent: AgentRecord; templates: TemplateSummary[] }) {
  return (
    <AdminLayout title="Templates" agent={props.agent} section="templates" page="templates">
      <div class="ws-row adm-title-row">
        <h1>Templates (Assets)</h1>
        <a class="ws-btn adm-link-btn" href="/app/templates/new">
          New template
        </a>
      </div>
      <p class="muted">Agents send these from Assets. A new upload is a new version; documents already sent keep the version they were sent with.</p>
      {props.templates.length === 0 ? (
        <p class="muted" id="templates-empty">
          No templates yet. Create one with New template.
        </p>
      ) : (
        <ul class="adm-templates" id="templates">
          {props.templates.map((t) => (
            <li class="ws-panel" data-template={t.id}>
              <h2 id={`t-${t.id}`}>{t.name}</h2>
              <p class="muted">
                Version {t.currentVersion} is current · updated <Time at={t.updatedAt} />
              </p>
              <table class="ws-table" aria-labelledby={`t-${t.id}`}>
                <thead>
                  <tr>
                    <th scope="col">Version</th>
                    <th scope="col">Roles</th>
                    <th scope="col">Signing order</th>
                    <th scope="col">Fields</th>
                    <th scope="col">Uploaded</th>
                    <th scope="col">PDF</th>
                  </tr>
                </thead>
                <tbody>
                  {t.versions.map((v) => (
                    <tr data-version={v.version}>
                      <td>
                        {v.version}
                        {v.version === t.currentVersion ? ' (current)' : ''}
                      </td>
                      <td>
                        <ol class="adm-roles">
                          {v.roles.map((r) => (
                            <li>
                              {r.name}
                              {r.required === false ? ' (optional)' : ''}
                            </li>
                          ))}
                        </ol>
                      </td>
                      <td>{ORDER[v.signingOrder] ?? v.signingOrder}</td>
                      <td>
                        {v.fieldCount} on {v.pageCount} page{v.pageCount === 1 ? '' : 's'}
                      </td>
                      <td>
                        <Time at={v.createdAt} />
                      </td>
                      <td>
                        <a href={`/app/admin/templates/${t.id}/pdf?version=${v.version}`} target="_blank" rel="noopener">
                          View PDF<span class="ws-sr">{` of ${t.name} version ${v.version}`}</span>
                        </a>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </li>
          ))}
        </ul>
      )}
    </AdminLayout>
  );
}
