// The admin's Assets: every template with its versions (roles, signing
// order, field count), a link to view each version's PDF through the
// cookie-signed /app/admin/templates/:id/pdf, and the link to the page that
// creates a template (/app/templates/new).
import type { AgentRecord } from '../../directory/agents';
import type { TemplateSummary } from '../../directory/templates';
import { AdminLayout } from './admin-layout';
import { Time } from './layout';

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
