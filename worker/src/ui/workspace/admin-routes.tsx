// The admin pages under /app/admin (admins only: workspaceAdmin in app.tsx).
// Pages read what they show through the directory services the admin API
// uses; every change goes through the JSON API from /assets/admin.js
// (cookie + X-Parley-App: 1), so validation and its 422s live in one place.
import { Hono } from 'hono';
import type { AppEnv } from '../../api/context';
import { fileResponse, shownInPlace } from '../../api/uploads';
import type { SecretStore } from '../../auth/secret-box';
import { isId } from '../../contract/ids';
import type { SealingView } from '../../contract/settings';
import { describeSealing, findTsaUrl } from '../../directory/org-sealing';
import { orgDisclosure, orgOverrides } from '../../directory/settings-store';
import { findTeam, teamsWithCounts } from '../../directory/teams';
import { listTemplates, loadTemplateVersion, templatesWithVersions } from '../../directory/templates';
import { describeTeamSettings, resolveSettings } from '../../domain/settings';
import { messagingProvidersView } from '../../notify/messaging-view';
import { orgNotificationSettings } from '../../directory/notification-settings-store';
import { localeOf } from '../../i18n/locales';
import { fromInsideParley, page } from './access';
import { AdminNotice } from './admin-layout';
import { OrgSettingsPage, TeamSettingsPage, TeamsPage } from './admin-settings';
import { BrandingPage } from './admin-branding';
import { brandSettings } from '../../api/branding';
import { orgBrand } from '../../directory/branding-store';
import { TemplatesPage } from './admin-templates';
import { WorkflowBuilderPage, WorkflowsPage, type BuilderOffer } from './admin-workflows';
import { currentWorkflows, loadWorkflow } from '../../directory/workflows';
import { describeStripeAccount } from '../../directory/stripe-accounts';
import { stripeAccountView, stripeWebhookUrl } from '../../api/stripe-account';
import { PaymentsPage } from './admin-payments';

export const adminPages = new Hono<AppEnv>();

async function sealingInfo(env: SecretStore, orgId: string): Promise<SealingView> {
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
  const agent = c.get('agent');
  const [overrides, disclosure, sealing, messaging, notifications] = await Promise.all([
    orgOverrides(c.env.DB, agent.orgId),
    orgDisclosure(c.env.DB, agent.orgId),
    sealingInfo(c.env, agent.orgId),
    messagingProvidersView(c.env, agent.orgId),
    orgNotificationSettings(c.env.DB, agent.orgId),
  ]);
  // The message texts of one language at a time; English unless the admin picked another.
  const textsLanguage = localeOf(c.req.query('language')) ?? 'en';
  return page(
    c,
    <OrgSettingsPage agent={agent} settings={resolveSettings(overrides)} disclosure={disclosure} sealing={sealing} messaging={messaging} notifications={notifications} textsLanguage={textsLanguage} />,
  );
});

adminPages.get('/app/admin/branding', async (c) => {
  const agent = c.get('agent');
  const found = await orgBrand(c.env.DB, agent.orgId);
  const settings = brandSettings(agent.orgId, found?.orgName ?? agent.orgName, found?.brand ?? {});
  return page(c, <BrandingPage agent={agent} settings={settings} />);
});

adminPages.get('/app/admin/teams', async (c) => {
  const agent = c.get('agent');
  return page(c, <TeamsPage agent={agent} teams={await teamsWithCounts(c.env.DB, agent.orgId)} />);
});

adminPages.get('/app/admin/teams/:teamId/settings', async (c) => {
  const agent = c.get('agent');
  const teamId = c.req.param('teamId');
  const team = isId('team', teamId) ? await findTeam(c.env.DB, agent.orgId, teamId) : null;
  if (!team) return page(c, <AdminNotice agent={agent} section="teams" title="No such team" message="This team does not exist in your org." />, 404);
  const org = await orgOverrides(c.env.DB, agent.orgId);
  const described = describeTeamSettings(org, team.overrides);
  return page(
    c,
    <TeamSettingsPage
      agent={agent}
      team={{ id: team.id, name: team.name }}
      overrides={described.overrides as { session: Record<string, unknown>; afterEnd: Record<string, unknown> }}
      effective={described.effective}
      org={resolveSettings(org)}
    />,
  );
});

adminPages.get('/app/admin/payments', async (c) => {
  const agent = c.get('agent');
  return page(c, <PaymentsPage agent={agent} stripe={await stripeAccountView(c.env, agent.orgId)} webhookUrl={stripeWebhookUrl(c.env, agent.orgId)} />);
});

adminPages.get('/app/admin/workflows', async (c) => {
  const agent = c.get('agent');
  const [workflows, templates] = await Promise.all([currentWorkflows(c.env.DB, agent.orgId), listTemplates(c.env.DB, agent.orgId)]);
  return page(c, <WorkflowsPage agent={agent} workflows={workflows} templateNames={new Map(templates.map((t) => [t.id, t.name]))} />);
});

adminPages.get('/app/admin/workflows/new', async (c) => {
  const agent = c.get('agent');
  return page(c, <WorkflowBuilderPage agent={agent} offer={await builderOffer(c.env.DB, agent.orgId)} workflow={null} />);
});

adminPages.get('/app/admin/workflows/:id/edit', async (c) => {
  const agent = c.get('agent');
  const id = c.req.param('id');
  const workflow = isId('workflow', id) ? await loadWorkflow(c.env.DB, agent.orgId, id) : null;
  if (!workflow) return page(c, <AdminNotice agent={agent} title="No such workflow" message="This workflow does not exist in your org." />, 404);
  return page(c, <WorkflowBuilderPage agent={agent} offer={await builderOffer(c.env.DB, agent.orgId)} workflow={workflow} />);
});

/** What the builder offers: the org's templates with the roles of their current version, and Stripe's currencies. */
async function builderOffer(db: D1Database, orgId: string): Promise<BuilderOffer> {
  const [templates, stripe] = await Promise.all([templatesWithVersions(db, orgId), describeStripeAccount(db, orgId)]);
  return {
    templates: templates.map((t) => ({ id: t.id, name: t.name, roles: t.versions[0]!.roles.map((r) => r.name) })),
    currencies: stripe ? [...stripe.currencies] : null,
  };
}

adminPages.get('/app/admin/templates', async (c) => {
  const agent = c.get('agent');
  return page(c, <TemplatesPage agent={agent} templates={await templatesWithVersions(c.env.DB, agent.orgId)} />);
});

// A link cannot send the bearer header GET /api/v1/templates/{id}/pdf needs,
// so the PDF is served here with the cookie; only for links followed inside Parley.
adminPages.get('/app/admin/templates/:id/pdf', fromInsideParley, async (c) => {
  const id = c.req.param('id');
  const versionText = c.req.query('version');
  const version = versionText !== undefined && /^[1-9][0-9]{0,5}$/.test(versionText) ? Number(versionText) : undefined;
  if (!isId('template', id) || (versionText !== undefined && version === undefined)) return c.text('Not found', 404);
  const t = await loadTemplateVersion(c.env.DB, c.get('agent').orgId, id, version);
  if (!t) return c.text('Not found', 404);
  return shownInPlace(await fileResponse(c.env.FILES, { key: t.pdf_key, name: `${t.name} v${t.version}.pdf`, type: 'application/pdf' }));
});
