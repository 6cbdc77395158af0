// The workspace's page shell: a standards-mode document, the one stylesheet,
// one deferred script (no inline script: the CSP allows only 'self'), a
// skip link, and the bar with the signed-in agent and sign-out.
import type { Child } from 'hono/jsx';
import type { AgentRecord } from '../../directory/agents';
import { PageTexts } from '../layout';

export const WORKSPACE_SCRIPT = '/assets/workspace.js';

export interface WsLayoutProps {
  title: string;
  agent?: AgentRecord | undefined;
  /** data-page for the script; with no script given, the workspace script runs when set. */
  page?: string | undefined;
  sessionId?: string;
  /** A page's own script and styles (admin, placement) instead of the workspace script. */
  script?: string | undefined;
  styles?: string[] | undefined;
  bodyClass?: string | undefined;
  /** The texts a shared script speaks (the shared review's board): English, embedded like a customer page's. */
  messages?: Record<string, string> | undefined;
  /** Navigation under the bar (the admin sections). */
  nav?: Child;
  children: Child;
}

export function WsLayout(props: WsLayoutProps) {
  const script = props.script ?? (props.page ? WORKSPACE_SCRIPT : undefined);
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · Parley`}</title>
        <link rel="stylesheet" href="/assets/parley.css" />
        {(props.styles ?? []).map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {script ? <script type="module" src={script} /> : null}
        {props.messages ? <PageTexts locale="en" messages={props.messages} /> : null}
      </head>
      <body class={props.bodyClass ?? 'ws'} data-page={props.page} data-session={props.sessionId}>
        <a class="ws-skip" href="#main">
          Skip to content
        </a>
        <header class="ws-bar">
          <a class="ws-brand" href="/app">
            Parley
          </a>
          {props.agent ? (
            <>
              <a href="/app/customers">Address book</a>
              {props.agent.role === 'admin' ? <a href="/app/admin/settings">Admin</a> : null}
              <span class="ws-who">
                {props.agent.name} <span class="ws-org">· {props.agent.orgName}</span>
              </span>
              <form method="post" action="/app/sign-out" class="ws-signout">
                <button type="submit" class="ws-btn ws-btn-quiet">
                  Sign out
                </button>
              </form>
            </>
          ) : null}
        </header>
        {props.nav ?? null}
        <main id="main" class="ws-main" tabindex={-1}>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page that only explains something: not signed in, link expired, not found. */
export function WsNotice(props: { title: string; message: string; detail?: string | undefined; agent?: AgentRecord | undefined; back?: boolean }) {
  return (
    <WsLayout title={props.title} agent={props.agent}>
      <div class="ws-notice">
        <h1>{props.title}</h1>
        <p>{props.message}</p>
        {props.detail ? <p class="muted">{props.detail}</p> : null}
        {props.back ? (
          <p>
            <a href="/app">Back to your sessions</a>
          </p>
        ) : null}
      </div>
    </WsLayout>
  );
}

/** A time for people: UTC from the server, turned into the reader's local time by the script. */
export function Time(props: { at: string | null | undefined; fallback?: string }) {
  if (!props.at) return <>{props.fallback ?? ''}</>;
  return <time datetime={props.at}>{utc(props.at)}</time>;
}

export function utc(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())} UTC`;
}

export const humanStatus = (s: string) => s.replace(/_/g, ' ');
