// The admin pages under /app/admin, signed in by the workspace cookie like
// the rest of /app. Pages read what they show from D1 the way the admin API
// reads it; every change goes through the JSON API from /assets/admin.js
// (cookie + X-Parley-App: 1), so validation and its 422s live in one place.
// Agents who are not admins get a 403 page.
import { Hono, type Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { AppEnv } from '../../api/context';
import { describeSealing } from '../../api/sealing';
import { fileResponse } from '../../api/uploads';
import type { SecretStore } from '../../auth/secret-box';
import type { AgentRecord } from '../../directory/agents';
import { orgDisclosure, orgOverrides, parseOverrides } from '../../directory/settings-store';
import { findTsaUrl } from '../../directory/org-sealing';
import { loadTemplateVersion } from '../../directory/templates';
import { describeTeamSettings, resolveSettings } from '../../domain/settings';
import { AdminNotice, AdminOnly } from './admin-layout';
import { OrgSettingsPage, TeamSettingsPage, TeamsPage, type SealingInfo } from './admin-settings';
import { TemplatesPage, listTemplates } from './admin-templates';
import { signedIn } from './auth';
import { WsNotice } from './layout';

export const adminPages = new Hono<AppEnv>();

const TEAM_ID = /^tem_[0-9A-Za-z]{16}$/;
const TEMPLATE_ID = /^tpl_[0-9A-Za-z]{16}$/;

async function page(c: Context<AppEnv>, node: JSX.Element, status: 200 | 401 | 403 | 404 = 200) {
  c.header('Cache-Control', 'no-store');
  return c.html(`<!DOCTYPE html>${await node.toString()}`, status);
}

/** The signed-in admin, or the page saying why not (signed out: 401; an agent: 403). */
async function adminOr(c: Context<AppEnv>): Promise<{ agent: AgentRecord } | { response: Response }> {
  const who = await signedIn(c);
  if (!who.ok) {
    return {
      response: await page(
        c,
        <WsNotice
          title="Open the workspace from your CRM"
          message="You are not signed in to the Parley workspace."
          detail="Open the workspace from the Parley panel in your CRM; when running Parley locally, open the workspace link that `npm start` prints."
        />,
        401,
      ),
    };
  }
  if (who.agent.role !== 'admin') return { response: await page(c, <AdminOnly agent={who.agent} />, 403) };
  return { agent: who.agent };
}

async function sealingInfo(env: SecretStore, orgId: string): Promise<SealingInfo> {
  try {
    return await describeSealing(env, orgId);
  } catch {
    // The page still opens, and says so.
    return { certificate: { commonName: 'your org (the stored certificate could not be read)', custom: true }, tsaUrl: await findTsaUrl(env.DB, orgId) };
  }
}

adminPages.get('/app/admin', (c) => c.redirect('/app/admin/settings', 303));
adminPages.get('/app/admin/', (c) => c.redirect('/app/admin/settings', 303));

adminPages.get('/app/admin/settings', async (c) => {
  const who = await adminOr(c);
  if ('response' in who) return who.response;
  const orgId = who.agent.orgId;
  const [overrides, disclosure, sealing] = await Promise.all([orgOverrides(c.env.DB, orgId), orgDisclosure(c.env.DB, orgId), sealingInfo(c.env, orgId)]);
  return page(c, <OrgSettingsPage agent={who.agent} settings={resolveSettings(overrides)} disclosure={disclosure} sealing={sealing} />);
});

adminPages.get('/app/admin/teams', async (c) => {
  const who = await adminOr(c);
  if ('response' in who) return who.response;
  const { results } = await c.env.DB.prepare(
    `SELECT t.id, t.name, t.settings_json, (SELECT COUNT(*) FROM agents a WHERE a.team_id = t.id AND a.org_id = t.org_id) AS agents
     FROM teams t WHERE t.org_id = ? ORDER BY t.name`,
  )
    .bind(who.agent.orgId)
    .all<{ id: string; name: string; settings_json: string | null; agents: number }>();
  const teams = results.map((t) => {
    const o = parseOverrides(t.settings_json);
    return { id: t.id, name: t.name, agents: t.agents, overrides: Object.keys(o.session ?? {}).length + Object.keys(o.afterEnd ?? {}).length };
  });
  return page(c, <TeamsPage agent={who.agent} teams={teams} />);
});

adminPages.get('/app/admin/teams/:teamId/settings', async (c) => {
  const who = await adminOr(c);
  if ('response' in who) return who.response;
  const teamId = c.req.param('teamId');
  const row = TEAM_ID.test(teamId)
    ? await c.env.DB.prepare('SELECT id, name, settings_json FROM teams WHERE id = ? AND org_id = ?').bind(teamId, who.agent.orgId).first<{ id: string; name: string; settings_json: string | null }>()
    : null;
  if (!row) return page(c, <AdminNotice agent={who.agent} section="teams" title="No such team" message="This team does not exist in your org." />, 404);
  const org = await orgOverrides(c.env.DB, who.agent.orgId);
  const described = describeTeamSettings(org, parseOverrides(row.settings_json));
  return page(
    c,
    <TeamSettingsPage
      agent={who.agent}
      team={{ id: row.id, name: row.name }}
      overrides={described.overrides as { session: Record<string, unknown>; afterEnd: Record<string, unknown> }}
      effective={described.effective}
      org={resolveSettings(org)}
    />,
  );
});

adminPages.get('/app/admin/templates', async (c) => {
  const who = await adminOr(c);
  if ('response' in who) return who.response;
  return page(c, <TemplatesPage agent={who.agent} templates={await listTemplates(c.env.DB, who.agent.orgId)} />);
});

// A link cannot send the bearer header GET /api/v1/templates/{id}/pdf needs,
// so the PDF is served here with the cookie; only for links followed inside Parley.
adminPages.get('/app/admin/templates/:id/pdf', async (c) => {
  if (c.req.header('Sec-Fetch-Site') === 'cross-site') return c.text('Open this from the Parley workspace.', 403);
  const who = await signedIn(c);
  if (!who.ok) return c.text('Sign in to the Parley workspace first.', 401);
  if (who.agent.role !== 'admin') return c.text('Only an admin can open this.', 403);
  const id = c.req.param('id');
  const versionText = c.req.query('version');
  const version = versionText !== undefined && /^[1-9][0-9]{0,5}$/.test(versionText) ? Number(versionText) : undefined;
  if (!TEMPLATE_ID.test(id) || (versionText !== undefined && version === undefined)) return c.text('Not found', 404);
  const t = await loadTemplateVersion(c.env.DB, who.agent.orgId, id, version);
  if (!t) return c.text('Not found', 404);
  const res = await fileResponse(c.env.FILES, { key: t.pdf_key, name: `${t.name} v${t.version}.pdf`, type: 'application/pdf' });
  const headers = new Headers(res.headers);
  const disposition = headers.get('Content-Disposition');
  if (disposition) headers.set('Content-Disposition', disposition.replace(/^attachment/, 'inline'));
  headers.set('Cache-Control', 'private, no-store');
  return new Response(res.body, { status: res.status, headers });
});
