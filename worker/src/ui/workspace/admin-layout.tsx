// The admin pages' shell (/app/admin/*): the workspace's look, the admin
// navigation, and the admin script (/assets/admin.js, deferred; no inline
// script under the CSP). Also the 403 page agents see.
import type { Child } from 'hono/jsx';
import type { AgentRecord } from '../../directory/agents';
import { WsLayout } from './layout';

export const ADMIN_SCRIPT = '/assets/admin.js';
export const ADMIN_CSS = '/assets/admin.css';

export type AdminSection = 'settings' | 'branding' | 'teams' | 'templates' | 'workflows' | 'payments';

const SECTIONS: { id: AdminSection; href: string; label: string }[] = [
  { id: 'settings', href: '/app/admin/settings', label: 'Org settings' },
  { id: 'branding', href: '/app/admin/branding', label: 'Branding' },
  { id: 'teams', href: '/app/admin/teams', label: 'Teams' },
  { id: 'templates', href: '/app/admin/templates', label: 'Templates' },
  { id: 'workflows', href: '/app/admin/workflows', label: 'Workflows' },
  { id: 'payments', href: '/app/admin/payments', label: 'Payments' },
];

/** The workspace shell with the admin script and styles and the admin sections. */
export function AdminLayout(props: { title: string; agent: AgentRecord; section?: AdminSection; page?: string; children: Child }) {
  const nav = props.section ? (
    <nav class="adm-nav" aria-label="Admin">
      <a href="/app">Sessions</a>
      {SECTIONS.map((s) => (
        <a href={s.href} aria-current={s.id === props.section ? 'page' : undefined}>
          {s.label}
        </a>
      ))}
    </nav>
  ) : null;
  return (
    <WsLayout
      title={`${props.title} · Admin`}
      agent={props.agent}
      page={props.page}
      script={props.page ? ADMIN_SCRIPT : undefined}
      styles={[ADMIN_CSS]}
      bodyClass="ws adm"
      nav={nav}
    >
      {props.children}
    </WsLayout>
  );
}

/** What an agent who is not an admin sees on an admin page. */
export function AdminOnly(props: { agent: AgentRecord }) {
  return (
    <AdminLayout title="Admins only" agent={props.agent}>
      <div class="ws-notice">
        <h1>Admins only</h1>
        <p>These pages change the settings and templates of the whole org, so only an admin of {props.agent.orgName} can open them.</p>
        <p class="muted">Ask an admin of your org if a setting should change.</p>
        <p>
          <a href="/app">Back to your sessions</a>
        </p>
      </div>
    </AdminLayout>
  );
}

/** A page that only explains something (not found). */
export function AdminNotice(props: { agent: AgentRecord; title: string; message: string; section?: AdminSection }) {
  return (
    <AdminLayout title={props.title} agent={props.agent} section={props.section}>
      <div class="ws-notice">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
      </div>
    </AdminLayout>
  );
}
