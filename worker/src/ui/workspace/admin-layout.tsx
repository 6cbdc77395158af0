// The admin pages' shell (/app/admin/*): the workspace's look, the admin
// navigation, and the admin script (/assets/admin.js, deferred; no inline
// script under the CSP). Also the 403 page agents see.
import type { Child } from 'hono/jsx';
import type { AgentRecord } from '../../directory/agents';

export const ADMIN_SCRIPT = '/assets/admin.js';
export const ADMIN_CSS = '/assets/admin.css';

export type AdminSection = 'settings' | 'teams' | 'templates';

const SECTIONS: { id: AdminSection; href: string; label: string }[] = [
  { id: 'settings', href: '/app/admin/settings', label: 'Org settings' },
  { id: 'teams', href: '/app/admin/teams', label: 'Teams' },
  { id: 'templates', href: '/app/admin/templates', label: 'Templates' },
];

export function AdminLayout(props: { title: string; agent: AgentRecord; section?: AdminSection; page?: string; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · Admin · Parley`}</title>
        <link rel="stylesheet" href="/assets/parley.css" />
        <link rel="stylesheet" href={ADMIN_CSS} />
        {props.page ? <script src={ADMIN_SCRIPT} defer /> : null}
      </head>
      <body class="ws adm" data-page={props.page}>
        <a class="ws-skip" href="#main">
          Skip to content
        </a>
        <header class="ws-bar">
          <a class="ws-brand" href="/app">
            Parley
          </a>
          <span class="ws-who">
            {props.agent.name} <span class="ws-org">· {props.agent.orgName}</span>
          </span>
          <form method="post" action="/app/sign-out" class="ws-signout">
            <button type="submit" class="ws-btn ws-btn-quiet">
              Sign out
            </button>
          </form>
        </header>
        {props.section ? (
          <nav class="adm-nav" aria-label="Admin">
            <a href="/app">Sessions</a>
            {SECTIONS.map((s) => (
              <a href={s.href} aria-current={s.id === props.section ? 'page' : undefined}>
                {s.label}
              </a>
            ))}
          </nav>
        ) : null}
        <main id="main" class="ws-main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
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
